// The wellbeing policy of a project (admins, managers): on/off, the caps, the break, rotation and
// whether annotators may opt out. Saved whole with the project's version read (usePolicyForm;
// 409 when someone saved since); a server error naming a field ("wellbeing.daily_cap") shows
// beside that field.
import { PolicyFormFooter } from '../policy_form_footer';
import { usePolicyForm } from '../policy_form_state';
import type { Project } from '../types';
import { formFromWellbeing, NUMBER_FIELDS, wellbeingFieldOf, wellbeingFromForm, type WellbeingField, type WellbeingForm } from './wellbeing';

export function WellbeingFormPanel({ project, onSaved }: { project: Project; onSaved: (p: Project) => void }) {
  const { form, change, errors, error, saved, busy, save } = usePolicyForm(project, onSaved, {
    key: 'wellbeing',
    toForm: (p: Project) => formFromWellbeing(p.wellbeing),
    build: (f: WellbeingForm) => {
      const built = wellbeingFromForm(f);
      return built.ok ? { ok: true, value: built.policy } : built;
    },
    fieldOf: wellbeingFieldOf,
  });

  const fieldError = (field: WellbeingField) =>
    errors[field] ? (
      <span class="field-error" role="alert" data-field={field}>
        {errors[field]}
      </span>
    ) : null;

  return (
    <section class="card" aria-labelledby="wellbeing-policy-heading">
      <h2 id="wellbeing-policy-heading">Wellbeing policy</h2>
      <p class="muted small">
        The defaults are starting points to adjust with your team, not research findings: how much disturbing content is
        too much depends on the content, the people and the support around them.
      </p>
      <form class="gold-policy wellbeing-policy" onSubmit={save} noValidate>
        <div class="gold-policy-field">
          <label class="check">
            <input type="checkbox" id="wellbeing-enabled" checked={form.enabled} onChange={(e) => change({ enabled: e.currentTarget.checked })} />{' '}
            Enabled: limit sensitive items per annotator
          </label>
          {fieldError('enabled')}
        </div>
        {NUMBER_FIELDS.map(({ field, label, hint }) => (
          <div class="gold-policy-field" key={field}>
            <label for={`wellbeing-${field}`}>{label}</label>
            <input
              id={`wellbeing-${field}`}
              type="text"
              inputMode="numeric"
              value={form.numbers[field]}
              aria-invalid={errors[field] ? 'true' : undefined}
              aria-describedby={`wellbeing-${field}-hint`}
              onInput={(e) => change({ numbers: { ...form.numbers, [field]: e.currentTarget.value } })}
            />
            <span class="muted small" id={`wellbeing-${field}-hint`}>
              {hint}
            </span>
            {fieldError(field)}
          </div>
        ))}
        <div class="gold-policy-field">
          <label class="check">
            <input
              type="checkbox"
              id="wellbeing-opt_out_allowed"
              checked={form.opt_out_allowed}
              onChange={(e) => change({ opt_out_allowed: e.currentTarget.checked })}
            />{' '}
            Annotators may opt out of sensitive items
          </label>
          {fieldError('opt_out_allowed')}
        </div>
        <PolicyFormFooter busy={busy} error={error} saved={saved} label="Save the wellbeing policy" />
      </form>
    </section>
  );
}
