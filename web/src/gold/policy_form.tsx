// The gold policy of a project (admins, managers): rate, thresholds, minimum answers and the
// qualification, shown as percents and counts, saved with the project's version read (409
// when someone saved since). The server judges the ranges; its error names the field ("gold.pause_below") and is
// shown beside that field.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { api, messageOf } from '../session';
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
  const [form, setForm] = useState<PolicyForm>(() => formFromPolicy(project.gold));
  const [errors, setErrors] = useState<Partial<Record<PolicyField, string>>>({});
  const [error, setError] = useState('');
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => setForm(formFromPolicy(project.gold)), [project.id, project.version]);

  async function save(event: Event) {
    event.preventDefault();
    setSaved('');
    setError('');
    const built = policyFromForm(form);
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const updated = await api.updateProject(project.id, { version: project.version, gold: built.policy });
      setSaved(`Saved (project version ${updated.version}).`);
      onSaved(updated);
    } catch (e) {
      const field = e instanceof ApiError ? policyFieldOf(e.field) : null;
      if (field) setErrors({ [field]: messageOf(e) });
      else if (e instanceof ApiError && e.status === 409) setError('Someone changed this project since you opened it; reload the page and try again.');
      else setError(e instanceof ApiError && e.field ? `${e.field}: ${e.message}` : messageOf(e));
    } finally {
      setBusy(false);
    }
  }

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
              onInput={(e) => {
                setForm({ ...form, [field]: e.currentTarget.value });
                setSaved('');
              }}
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
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            Save the policy
          </button>
        </div>
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
        {saved ? (
          <p class="ok" role="status">
            {saved}
          </p>
        ) : null}
      </form>
    </section>
  );
}
