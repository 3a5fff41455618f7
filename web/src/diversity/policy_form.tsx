// The diversity policy of a project (admins, managers): the questions annotators are asked about
// themselves (every answer optional) and an optional quota of labels per task by answer. Saved
// whole with the project's version read (usePolicyForm; 409 when someone saved since); a server
// error naming a field ("diversity.quota.minimums") shows beside that field.
import { PolicyFormFooter } from '../policy_form_footer';
import { usePolicyForm } from '../policy_form_state';
import type { Project } from '../types';
import { diversityFieldOf, diversityFromForm, formFromDiversity, type AttributeRow, type DiversityForm } from './diversity';

export function DiversityFormPanel({ project, onSaved }: { project: Project; onSaved: (p: Project) => void }) {
  const { form, change, errors, error, saved, busy, save } = usePolicyForm<DiversityForm, string>(project, onSaved, {
    key: 'diversity',
    toForm: (p: Project) => formFromDiversity(p.diversity),
    build: (f: DiversityForm) => {
      const built = diversityFromForm(f, project.overlap);
      return built.ok ? { ok: true, value: built.policy } : built;
    },
    fieldOf: diversityFieldOf,
  });

  const fieldError = (field: string) =>
    errors[field] ? (
      <span class="field-error" role="alert" data-field={field}>
        {errors[field]}
      </span>
    ) : null;
  const setRow = (i: number, patch: Partial<AttributeRow>) =>
    change({ attributes: form.attributes.map((row, j) => (j === i ? { ...row, ...patch } : row)) });
  const names = form.attributes.map((a) => a.name.trim()).filter((n) => n.length > 0);

  return (
    <section class="card" aria-labelledby="diversity-policy-heading">
      <h2 id="diversity-policy-heading">Questions and quota</h2>
      <p class="muted small">
        Annotators answer for themselves, and every answer is optional. Managers never see one person's answers: the report
        shows groups of at least three annotators only.
      </p>
      <form class="gold-policy diversity-policy" onSubmit={save} noValidate>
        {form.attributes.map((row, i) => (
          <fieldset class="diversity-question" key={i} data-testid={`diversity-question-${i}`}>
            <legend>Question {i + 1}</legend>
            <div class="gold-policy-field">
              <label for={`diversity-name-${i}`}>Name</label>
              <input id={`diversity-name-${i}`} type="text" value={row.name} onInput={(e) => setRow(i, { name: e.currentTarget.value })} />
              <span class="muted small">A short key, e.g. region or language.</span>
              {fieldError(`attributes[${i}].name`)}
            </div>
            <div class="gold-policy-field">
              <label for={`diversity-question-${i}`}>Question</label>
              <input id={`diversity-question-${i}`} type="text" value={row.question} onInput={(e) => setRow(i, { question: e.currentTarget.value })} />
              {fieldError(`attributes[${i}].question`)}
            </div>
            <div class="gold-policy-field">
              <label for={`diversity-values-${i}`}>Answers</label>
              <input id={`diversity-values-${i}`} type="text" value={row.values} onInput={(e) => setRow(i, { values: e.currentTarget.value })} />
              <span class="muted small">Separated by commas. Annotators may always choose not to say.</span>
              {fieldError(`attributes[${i}].values`)}
            </div>
            <button type="button" onClick={() => change({ attributes: form.attributes.filter((_, j) => j !== i) })}>
              Remove this question
            </button>
          </fieldset>
        ))}
        <p>
          <button type="button" onClick={() => change({ attributes: [...form.attributes, { name: '', question: '', values: '' }] })}>
            Add a question
          </button>
        </p>
        <div class="gold-policy-field">
          <label for="diversity-quota-attribute">Quota by</label>
          <select id="diversity-quota-attribute" value={form.quotaAttribute} onChange={(e) => change({ quotaAttribute: e.currentTarget.value })}>
            <option value="">No quota</option>
            {names.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
          {fieldError('quota.attribute')}
        </div>
        {form.quotaAttribute !== '' ? (
          <div class="gold-policy-field">
            <label for="diversity-minimums">Minimum labels per task</label>
            <input id="diversity-minimums" type="text" value={form.minimums} onInput={(e) => change({ minimums: e.currentTarget.value })} />
            <span class="muted small">
              answer=labels, separated by commas, e.g. EU=1, Asia=1; together at most the overlap ({String(project.overlap)}). A task keeps
              its free slots for the groups it still needs.
            </span>
            {fieldError('quota.minimums')}
          </div>
        ) : null}
        <PolicyFormFooter busy={busy} error={error} saved={saved} label="Save the questions and quota" />
      </form>
    </section>
  );
}
