// The gold policy of a project (admins, managers): rate, thresholds, minimum answers and the
// qualification, shown as percents and counts, saved with the project's version read (409
// when someone saved since). The server judges the ranges; its error names the field ("gold.pause_below") and is
// shown beside that field.
import { PolicyFormFooter } from '../policy_form_footer';
import { usePolicyForm } from '../policy_form_state';
import type { Project } from '../types';
import { formFromPolicy, isPercentField, policyFieldOf, policyFromForm, POLICY_FIELDS, type PolicyField, type PolicyForm } from './policy';

const LABELS: Record<PolicyField, { label: string; hint: string }> = {
  rate: { label: 'Gold rate (%)', hint: 'Share of each annotator’s queue that is gold, at most 50.' },
  max_exposures: { label: 'Most annotators per gold task', hint: 'A gold task stops being shown after this many.' },
  warn_below: { label: 'Warn below accuracy (%)', hint: 'Annotators under this are flagged in the table.' },
  pause_below: { label: 'Pause below accuracy (%)', hint: 'Annotators under this get no more tasks; 0 never pauses.' },
  min_answers: { label: 'Gold answers before a verdict', hint: 'Nobody is warned or paused before this many.' },
  qualification_items: { label: 'Qualification tasks', hint: 'Gold tasks a new annotator answers first, seeing each reference; 0 for none.' },
  qualification_pass: { label: 'Qualification pass mark (%)', hint: 'Share of them an attempt must get right.' },
  qualification_attempts: { label: 'Qualification attempts', hint: 'Tries allowed before the project closes to them.' },
};

export function PolicyFormPanel({ project, onSaved }: { project: Project; onSaved: (p: Project) => void }) {
  const { form, change, errors, error, saved, busy, save } = usePolicyForm(project, onSaved, {
    key: 'gold',
    toForm: (p: Project) => formFromPolicy(p.gold),
    build: (f: PolicyForm) => {
      const built = policyFromForm(f);
      return built.ok ? { ok: true, value: built.policy } : built;
    },
    fieldOf: policyFieldOf,
  });

  return (
    <section class="card" aria-labelledby="gold-policy-heading">
      <h2 id="gold-policy-heading">Gold policy</h2>
      <form class="gold-policy" onSubmit={save} noValidate>
        {POLICY_FIELDS.map((field) => (
          <div class="gold-policy-field" key={field}>
            <label for={`gold-${field}`}>{LABELS[field].label}</label>
            <input
              id={`gold-${field}`}
              type="text"
              inputMode={isPercentField(field) ? 'decimal' : 'numeric'}
              value={form[field]}
              aria-invalid={errors[field] ? 'true' : undefined}
              aria-describedby={`gold-${field}-hint`}
              onInput={(e) => change({ [field]: e.currentTarget.value })}
            />
            <span class="muted small" id={`gold-${field}-hint`}>
              {LABELS[field].hint}
            </span>
            {errors[field] ? (
              <span class="field-error" role="alert" data-field={field}>
                {errors[field]}
              </span>
            ) : null}
          </div>
        ))}
        <PolicyFormFooter busy={busy} error={error} saved={saved} label="Save the policy" />
      </form>
    </section>
  );
}
