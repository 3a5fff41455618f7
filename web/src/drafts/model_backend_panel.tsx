// The project's model backend on the Drafts page (admins, managers): where drafts come from (a
// Label Studio ML backend or an OpenAI-compatible API), a Check button, and "Draft all tasks",
// a background job whose counts show when it ends. A server error naming a field shows beside
// it (e.g. "url": an address the server does not allow, with the --allow-fetch flag to ask for).
import { useEffect, useState } from 'preact/hooks';
import { JobProgress, useBackgroundJob } from '../background_job';
import { ApiError } from '../api';
import { api, messageOf } from '../session';
import type { Id } from '../types';
import {
  backendFromForm,
  checkModelBackend,
  formFromBackend,
  getModelBackend,
  putModelBackend,
  startModelDraft,
  type ModelBackendForm,
  type ModelCheck,
  type ModelDraftManifest,
} from './model_backend';

export function ModelBackendPanel({ projectId, onDrafted }: { projectId: Id; onDrafted?: () => void }) {
  const [form, setForm] = useState<ModelBackendForm>(formFromBackend(null));
  const [loaded, setLoaded] = useState(false); // The form waits for the stored backend, so typing is never overwritten.
  const [saved, setSaved] = useState(false);
  const [keyPresent, setKeyPresent] = useState(false);
  const [fieldError, setFieldError] = useState<{ field: string; message: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [check, setCheck] = useState<ModelCheck | null>(null);
  const [busy, setBusy] = useState(false);
  const { job, running, error: jobError, start } = useBackgroundJob(() => onDrafted?.());

  useEffect(() => {
    getModelBackend(api, projectId)
      .then((view) => {
        setForm(formFromBackend(view.model_backend));
        setSaved(view.model_backend !== null);
        setKeyPresent(view.api_key_present);
        setLoaded(true);
      })
      .catch((e) => setError(messageOf(e)));
  }, [projectId]);

  const change = (patch: Partial<ModelBackendForm>) => setForm({ ...form, ...patch });

  async function save(e: Event) {
    e.preventDefault();
    setError(null);
    setFieldError(null);
    const built = backendFromForm(form);
    if (!built.ok) {
      setFieldError({ field: built.field, message: built.message });
      return;
    }
    setBusy(true);
    try {
      const view = await putModelBackend(api, projectId, built.body);
      setSaved(true);
      setKeyPresent(view.api_key_present);
    } catch (err) {
      const field = err instanceof ApiError ? err.field : undefined;
      if (field) setFieldError({ field, message: messageOf(err) });
      else setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  async function runCheck() {
    setError(null);
    setCheck(null);
    try {
      setCheck(await checkModelBackend(api, projectId));
    } catch (err) {
      setError(messageOf(err));
    }
  }

  const errorOf = (field: string) =>
    fieldError?.field === field ? (
      <span class="field-error" role="alert" data-field={field}>
        {fieldError.message}
      </span>
    ) : null;
  const manifest = job?.state === 'succeeded' ? (job.manifest as unknown as ModelDraftManifest | null) : null;
  const text = (field: keyof ModelBackendForm, label: string, hint: string) => (
    <div class="gold-policy-field">
      <label for={`model-${field}`}>{label}</label>
      <input
        id={`model-${field}`}
        type="text"
        value={form[field]}
        aria-invalid={fieldError?.field === field ? 'true' : undefined}
        onInput={(e) => change({ [field]: e.currentTarget.value })}
      />
      <span class="muted small">{hint}</span>
      {errorOf(field)}
    </div>
  );

  return (
    <section class="card" aria-labelledby="model-backend-heading">
      <h2 id="model-backend-heading">Model backend</h2>
      <p class="muted small">
        A model that drafts this project's tasks: a Label Studio ML backend, or an OpenAI-compatible chat-completions API. Gold
        tasks are never sent; answers that do not fit the label interface are not stored.
      </p>
      {!loaded && !error ? <p class="muted">Loading the backend…</p> : null}
      {loaded ? (
        <form class="gold-policy model-backend" onSubmit={save} noValidate>
          <div class="gold-policy-field">
            <label for="model-kind">Kind</label>
            <select id="model-kind" value={form.kind} onChange={(e) => change({ kind: e.currentTarget.value as ModelBackendForm['kind'] })}>
              <option value="label_studio">Label Studio ML backend</option>
              <option value="chat_completions">OpenAI-compatible chat completions</option>
            </select>
          </div>
          {text('url', 'URL', 'For example http://127.0.0.1:9090 or https://api.openai.com/v1.')}
          {text('model', 'Model', 'Chat completions: the model name (drafts are stored as llm:MODEL).')}
          {text(
            'api_key_env',
            'API key variable',
            keyPresent
              ? 'Set in the server’s environment.'
              : 'The NAME of the server’s environment variable holding the key, starting with CHORUS_MODEL_KEY_ (e.g. CHORUS_MODEL_KEY_OPENAI); never the key.',
          )}
          {text('max_requests_per_minute', 'Requests per minute', 'The drafting job’s rate limit.')}
          {text('timeout_ms', 'Timeout (ms)', 'Per request; failed requests are retried a few times.')}
          <button type="submit" class="primary" disabled={busy}>
            Save backend
          </button>{' '}
          <button type="button" disabled={!saved} onClick={() => void runCheck()}>
            Check
          </button>{' '}
          <button type="button" disabled={!saved || running} onClick={() => void start(() => startModelDraft(api, projectId))}>
            {running ? 'Drafting…' : 'Draft all tasks'}
          </button>
        </form>
      ) : null}
      <div aria-live="polite" class="status" data-testid="model-backend-status">
        {check ? (
          <p class={check.ok ? 'ok' : 'error'}>
            {check.ok ? `The backend answers (model version ${check.model_version || 'not named'}).` : check.message}
          </p>
        ) : null}
        <JobProgress job={job} />
        {manifest ? (
          <p class="ok">
            Done: {manifest.stored} drafts stored of {manifest.requested} asked ({manifest.invalid} invalid, {manifest.failed}{' '}
            failed; {manifest.gold_skipped} gold tasks skipped, {manifest.already} already drafted) for {manifest.model_version}.
          </p>
        ) : null}
        {job?.state === 'failed' ? (
          <p class="error" role="alert">
            Drafting failed: {job.error ?? 'no reason given'}.
          </p>
        ) : null}
      </div>
      {error || jobError ? (
        <p class="error" role="alert">
          {error ?? jobError}
        </p>
      ) : null}
    </section>
  );
}
