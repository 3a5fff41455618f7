// The project's guidelines: the latest version for everyone (rendered by markdown.tsx, so
// nothing in them runs), and for managers an editor with a live preview that saves each change
// as the next version, keeping every earlier one readable.
import { useEffect, useState } from 'preact/hooks';
import { Markdown } from '../markdown';
import { api, messageOf } from '../session';
import type { Guideline, Id } from '../types';

// Loads a project's guideline versions; `latest` is undefined while loading, null when none.
export function useGuidelines(projectId: Id) {
  const [versions, setVersions] = useState<Guideline[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function reload() {
    try {
      setVersions(await api.listGuidelines(projectId));
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }
  useEffect(() => {
    void reload();
  }, [projectId]);
  const latest = versions === null ? undefined : (versions[versions.length - 1] ?? null);
  return { versions, latest, error, reload };
}

export function GuidelinesView({ guideline }: { guideline: Guideline | null | undefined }) {
  if (guideline === undefined) return <p class="muted">Loading the guidelines…</p>;
  if (guideline === null) return <p class="muted">This project has no guidelines yet.</p>;
  return (
    <div>
      <p class="muted small">Version {guideline.version}</p>
      <Markdown source={guideline.markdown} />
    </div>
  );
}

export function GuidelinesPanel({ projectId, canEdit }: { projectId: Id; canEdit: boolean }) {
  const { versions, latest, error, reload } = useGuidelines(projectId);
  const [draft, setDraft] = useState<string | null>(null);
  const [shown, setShown] = useState<number | null>(null); // An older version being read.
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  async function save() {
    if (draft === null) return;
    setBusy(true);
    try {
      await api.addGuideline(projectId, draft);
      setDraft(null);
      setSaveError(null);
      await reload();
    } catch (e) {
      setSaveError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  const reading = shown === null ? latest : (versions?.find((v) => v.version === shown) ?? latest);
  return (
    <section class="card" aria-labelledby="guidelines-heading">
      <h2 id="guidelines-heading">Guidelines</h2>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {draft === null ? (
        <>
          <GuidelinesView guideline={reading} />
          {versions && versions.length > 1 ? (
            <label>
              Version{' '}
              <select
                value={String(reading?.version ?? '')}
                onChange={(e) => setShown(Number(e.currentTarget.value))}
                aria-label="Guideline version to read"
              >
                {[...versions].reverse().map((v) => (
                  <option key={v.version} value={String(v.version)}>
                    {v.version} — {new Date(v.created_at).toLocaleString()}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {canEdit ? (
            <p>
              <button type="button" onClick={() => setDraft(latest?.markdown ?? '')}>
                {latest ? 'Edit the guidelines' : 'Write guidelines'}
              </button>
            </p>
          ) : null}
        </>
      ) : (
        <div class="guideline-editor">
          <label>
            Markdown
            <textarea rows={14} value={draft} aria-label="Guidelines (Markdown)" onInput={(e) => setDraft(e.currentTarget.value)} />
          </label>
          <div>
            <p class="muted small">Preview</p>
            <Markdown source={draft} />
          </div>
          {saveError ? (
            <p class="error" role="alert">
              {saveError}
            </p>
          ) : null}
          <p class="actions">
            <button type="button" class="primary" disabled={busy} onClick={() => void save()}>
              Save as version {(latest?.version ?? 0) + 1}
            </button>
            <button type="button" disabled={busy} onClick={() => setDraft(null)}>
              Cancel
            </button>
          </p>
        </div>
      )}
    </section>
  );
}
