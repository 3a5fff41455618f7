// The routing policy of a project (admins, managers): the tier required to label, and dynamic
// overlap's settings, each with one line on what it does. Saved whole with the project's
// version read (409 when someone saved since); a server error naming a field
// ("routing.control") shows beside that field.
import { PolicyFormFooter } from '../policy_form_footer';
import { usePolicyForm } from '../policy_form_state';
import type { Project, Tier } from '../types';
import {
  formFromRouting,
  NUMBER_FIELDS,
  rangeOf,
  routingFieldOf,
  routingFromForm,
  singleChoiceControls,
  TIER_LABELS,
  TIERS,
  type NumberField,
  type RoutingField,
  type RoutingForm,
} from './routing';

const NUMBER_LABELS: Record<NumberField, { label: string; hint: string }> = {
  max_overlap: { label: 'Most labels per task', hint: 'A task in doubt asks for one more label at a time up to this many, then goes to adjudication.' },
  agree_at: { label: 'Agreement to finish', hint: 'Share of labels that must agree on one option for a task to finish at its wanted labels.' },
  stop_confidence: { label: 'Confidence to stop early', hint: 'A task finishes before its overlap once the model is this sure of its answer; 1 never stops early.' },
  min_labels: { label: 'Fewest labels before stopping early', hint: 'No task stops early with fewer labels than this.' },
  prior_skill: { label: 'Assumed skill without gold', hint: 'How often an annotator with no gold answers is taken to be right.' },
};

export function RoutingFormPanel({ project, onSaved }: { project: Project; onSaved: (p: Project) => void }) {
  const { form, change, errors, error, saved, busy, save } = usePolicyForm(project, onSaved, {
    key: 'routing',
    toForm: (p: Project) => formFromRouting(p.routing),
    build: (f: RoutingForm) => {
      const built = routingFromForm(f, project.overlap);
      return built.ok ? { ok: true, value: built.routing } : built;
    },
    fieldOf: routingFieldOf,
  });
  const controls = singleChoiceControls(project.label_interface);

  const fieldError = (field: RoutingField) =>
    errors[field] ? (
      <span class="field-error" role="alert" data-field={field}>
        {errors[field]}
      </span>
    ) : null;

  return (
    <section class="card" aria-labelledby="routing-policy-heading">
      <h2 id="routing-policy-heading">Routing policy</h2>
      <form class="gold-policy routing-policy" onSubmit={save} noValidate>
        <div class="gold-policy-field">
          <label for="routing-required_tier">Tier required to label</label>
          <select
            id="routing-required_tier"
            value={form.required_tier}
            aria-describedby="routing-required_tier-hint"
            onChange={(e) => change({ required_tier: e.currentTarget.value as Tier })}
          >
            {TIERS.map((tier) => (
              <option key={tier} value={tier}>
                {TIER_LABELS[tier]}
              </option>
            ))}
          </select>
          <span class="muted small" id="routing-required_tier-hint">
            Annotators below this tier (crowd &lt; expert &lt; gold maker) get no tasks here; a task can ask for more.
          </span>
          {fieldError('required_tier')}
        </div>
        <div class="gold-policy-field">
          <label class="check">
            <input
              type="checkbox"
              id="routing-dynamic"
              checked={form.dynamic}
              aria-describedby="routing-dynamic-hint"
              onChange={(e) => change({ dynamic: e.currentTarget.checked })}
            />{' '}
            Dynamic overlap
          </label>
          <span class="muted small" id="routing-dynamic-hint">
            Each task’s labels are judged as they come: it may stop early, ask for more (overlap is {project.overlap}) or go to
            adjudication.
          </span>
          {fieldError('dynamic')}
        </div>
        {NUMBER_FIELDS.map((field) => {
          const { min, max } = rangeOf(field, project.overlap);
          return (
            <div class="gold-policy-field" key={field}>
              <label for={`routing-${field}`}>{NUMBER_LABELS[field].label}</label>
              <input
                id={`routing-${field}`}
                type="text"
                inputMode={field === 'max_overlap' || field === 'min_labels' ? 'numeric' : 'decimal'}
                value={form.numbers[field]}
                aria-invalid={errors[field] ? 'true' : undefined}
                aria-describedby={`routing-${field}-hint`}
                onInput={(e) => change({ numbers: { ...form.numbers, [field]: e.currentTarget.value } })}
              />
              <span class="muted small" id={`routing-${field}-hint`}>
                {NUMBER_LABELS[field].hint} ({min}–{max})
              </span>
              {fieldError(field)}
            </div>
          );
        })}
        <div class="gold-policy-field">
          <label for="routing-control">Control to judge on</label>
          <select
            id="routing-control"
            value={form.control}
            aria-describedby="routing-control-hint"
            onChange={(e) => change({ control: e.currentTarget.value })}
          >
            <option value="">The first single choice control{controls[0] ? ` (${controls[0]})` : ''}</option>
            {controls.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
            {form.control && !controls.includes(form.control) ? <option value={form.control}>{form.control} (not in the interface)</option> : null}
          </select>
          <span class="muted small" id="routing-control-hint">
            Dynamic overlap compares the annotators’ answers to this single choice control.
            {controls.length === 0 ? ' This project has none, so dynamic overlap cannot be turned on.' : ''}
          </span>
          {fieldError('control')}
        </div>
        <PolicyFormFooter busy={busy} error={error} saved={saved} label="Save the routing policy" />
      </form>
    </section>
  );
}
