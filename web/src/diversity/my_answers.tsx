// The annotator's own answers to the project's questions about themselves (on the project page,
// for every member). Every answer is optional ("Prefer not to say"); nobody else ever reads them
// back: managers see groups of three or more only. Shown only when the project asks something.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { api, messageOf } from '../session';
import type { Id } from '../types';
import { answersBody } from './diversity';
import { myDiversity, setMyDiversity, type MyDiversity } from './diversity_api';

export function MyDiversityPanel({ projectId }: { projectId: Id }) {
  const [mine, setMine] = useState<MyDiversity | null>(null);
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    // A nicety: an administrator who is not a member, or an older server, simply sees nothing.
    myDiversity(api, projectId).then(
      (m) => {
        if (!live) return;
        setMine(m);
        setChoices(Object.fromEntries(m.policy.attributes.map((a) => [a.name, m.answers[a.name] ?? ''])));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [projectId]);

  if (!mine || !mine.member || mine.policy.attributes.length === 0) return null;

  async function save(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError('');
    setSaved('');
    try {
      const stored = await setMyDiversity(api, projectId, answersBody(choices));
      setMine(stored);
      setSaved('Saved. Thank you.');
    } catch (e) {
      setError(e instanceof ApiError && e.field ? `${e.field}: ${e.message}` : messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="my-diversity-heading" data-testid="my-diversity">
      <h2 id="my-diversity-heading">About you (optional)</h2>
      <p class="muted small">
        This project tries to get each item labelled by people of different backgrounds. Your answers decide which tasks are
        kept for you; managers see only totals of groups of three or more people, never your answers.
      </p>
      <form onSubmit={save}>
        {mine.policy.attributes.map((a) => (
          <div class="gold-policy-field" key={a.name}>
            <label for={`my-diversity-${a.name}`}>{a.question}</label>
            <select id={`my-diversity-${a.name}`} value={choices[a.name] ?? ''} onChange={(e) => setChoices({ ...choices, [a.name]: e.currentTarget.value })}>
              <option value="">Prefer not to say</option>
              {a.values.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </div>
        ))}
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            Save my answers
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
