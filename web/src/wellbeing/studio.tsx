// What the annotate page shows for wellbeing: a content warning above a sensitive task, the
// break screen when only sensitive work is left and it is held back (with when it resumes),
// and the annotator's opt-out switch (shown only while the project's policy is on).
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { api, messageOf } from '../session';
import type { Id } from '../types';
import { holdText, type WellbeingHold } from './wellbeing';
import { myWellbeing, setOptOut, type MyWellbeing } from './wellbeing_api';

export function ContentWarning() {
  return (
    <p class="card content-warning" role="note" data-testid="content-warning">
      <strong>Content warning:</strong> this item may be disturbing. Take a break whenever you need one; you can skip it.
    </p>
  );
}

export function BreakScreen({ hold, onRetry }: { hold: WellbeingHold; onRetry: () => void }) {
  const text = holdText(hold, Date.now());
  return (
    <div class="card wellbeing-break" role="status" data-testid="wellbeing-break" data-reason={hold.reason}>
      <h1>{text.title}</h1>
      <p>{text.detail}</p>
      <button type="button" onClick={onRetry}>
        Check again
      </button>
    </div>
  );
}

// The opt-out switch; `changed` asks the page for the next task again (the queue changed).
export function OptOutSwitch({ projectId, changed }: { projectId: Id; changed: () => void }) {
  const [mine, setMine] = useState<MyWellbeing | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    // A nicety: a failure to read it never stops labelling.
    myWellbeing(api, projectId).then(
      (m) => live && setMine(m),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [projectId]);

  if (!mine || !mine.policy.enabled) return null;
  if (!mine.policy.opt_out_allowed && !mine.opted_out) return null;

  async function toggle(value: boolean) {
    const before = mine;
    // Shown at once; put back if the server refuses.
    if (before) setMine({ ...before, opted_out: value });
    setBusy(true);
    setError('');
    try {
      setMine(await setOptOut(api, projectId, value));
      changed();
    } catch (e) {
      setMine(before);
      setError(e instanceof ApiError && e.status === 409 ? 'This project does not allow opting out; talk to a project manager.' : messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <p class="wellbeing-optout" data-testid="wellbeing-optout">
      <label class="check">
        <input type="checkbox" checked={mine.opted_out} disabled={busy} onChange={(e) => void toggle(e.currentTarget.checked)} /> Opt out of
        sensitive items in this project
      </label>
      {error ? (
        <span class="error" role="alert">
          {' '}
          {error}
        </span>
      ) : null}
    </p>
  );
}
