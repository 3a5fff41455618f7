// The draft policy of a project (admins, managers): drafts on or off, whose model (empty: the
// latest imported) and the blind share as a percentage. Saved whole with the project's version
// read (usePolicyForm; 409 when someone saved since); a server error naming a field
// ("drafts.model_version") shows beside that field.
import { PolicyFormFooter } from '../policy_form_footer';
import { usePolicyForm } from '../policy_form_state';
import type { Project } from '../types';
import { draftsFieldOf, draftsFromForm, draftsWarning, formFromDrafts, type DraftField, type DraftForm } from './draft_policy';

export function DraftsFormPanel({ project, onSaved }: { project: Project; onSaved: (p: Project) => void }) {
  const { form, change, errors, error, saved, busy, save } = usePolicyForm(project, onSaved, {
    key: 'drafts',
    toForm: (p: Project) => formFromDrafts(p.drafts),
    build: (f: DraftForm) => {
      const built = draftsFromForm(f);
      return built.ok ? { ok: true, value: built.policy } : built;
    },
    fieldOf: draftsFieldOf,
  });

  const fieldError = (field: DraftField) =>
    errors[field] ? (
      <span class="field-error" role="alert" data-field={field}>
        {errors[field]}
      </span>
    ) : null;
  const warning = draftsWarning(form);

  return (
    <section class="card" aria-labelledby="drafts-policy-heading">
      <h2 id="drafts-policy-heading">Draft policy</h2>
      <p class="muted small">
        With drafts on, annotators find the model's answer already filled in and accept, edit or reject it. Gold tasks are never
        drafted. A blind share of pairs (task, annotator) gets no draft: those labels show what people say without the model.
      </p>
      <form class="gold-policy drafts-policy" onSubmit={save} noValidate>
        <div class="gold-policy-field">
          <label class="check">
            <input type="checkbox" id="drafts-enabled" checked={form.enabled} onChange={(e) => change({ enabled: e.currentTarget.checked })} />{' '}
            Enabled: pre-fill answers with the model's prediction
          </label>
          {fieldError('enabled')}
        </div>
        <div class="gold-policy-field">
          <label for="drafts-model_version">Model version</label>
          <input
            id="drafts-model_version"
            type="text"
            value={form.model_version}
            placeholder="the latest imported"
            aria-invalid={errors.model_version ? 'true' : undefined}
            aria-describedby="drafts-model_version-hint"
            onInput={(e) => change({ model_version: e.currentTarget.value })}
          />
          <span class="muted small" id="drafts-model_version-hint">
            Whose predictions are shown, as imported (for example m1). Leave it empty for the most recently imported model.
          </span>
          {fieldError('model_version')}
        </div>
        <div class="gold-policy-field">
          <label for="drafts-blind_share">Blind share (%)</label>
          <input
            id="drafts-blind_share"
            type="text"
            inputMode="decimal"
            value={form.blind_percent}
            aria-invalid={errors.blind_share ? 'true' : undefined}
            aria-describedby="drafts-blind_share-hint"
            onInput={(e) => change({ blind_percent: e.currentTarget.value })}
          />
          <span class="muted small" id="drafts-blind_share-hint">
            Pairs shown without the draft, 0 to 100. Annotators are not told which. More blind labels measure the model and
            anchoring sooner, at the cost of fewer drafts.
          </span>
          {fieldError('blind_share')}
        </div>
        {warning ? (
          <p class="warning small" data-testid="drafts-warning">
            {warning}
          </p>
        ) : null}
        <PolicyFormFooter busy={busy} error={error} saved={saved} label="Save the draft policy" />
      </form>
    </section>
  );
}
