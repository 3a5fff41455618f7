// Gold in the reviewer view, for administrators and managers only (reviewers never see it nor
// cause a request to a gold route): "Make gold" under an answer opens a rationale field and
// saves that answer's result as the task's reference (PUT /tasks/{t}/gold; with the version
// read when the task is gold already, replacing its reference); a gold task shows "Gold ✓"
// with its reference and rationale above the answers.
import { useEffect, useRef, useState } from 'preact/hooks';
import { putGold, type GoldItem } from '../gold/gold_api';
import { errorText, MAX_RATIONALE } from '../gold/gold_items';
import { api } from '../session';
import type { StudioControl } from '../studio/controls';
import type { Task } from '../types';
import { ReadOnlyAnswer } from './readonly_answer';
import type { Column } from './review_state';
import { columnTitle } from './review_state';

export function MakeGold({ column, task, gold, onMarked }: { column: Column; task: Task; gold: GoldItem | null; onMarked: (item: GoldItem) => void }) {
  const [open, setOpen] = useState(false);
  const [rationale, setRationale] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  const title = columnTitle(column);

  useEffect(() => {
    if (open) field.current?.focus();
  }, [open]);

  async function save(event: Event) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      onMarked(await putGold(api, task.id, column.annotation.result, rationale.trim(), gold?.version));
      setOpen(false);
      setRationale('');
      setError('');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  if (column.skipped) return null;
  if (!open) {
    return (
      <div class="actions gold-actions">
        <button type="button" class="gold-make" onClick={() => setOpen(true)}>
          {gold ? 'Use as the gold reference' : 'Make gold'}
        </button>
      </div>
    );
  }
  return (
    <form class="gold-make-form" onSubmit={save} aria-label={`Make ${title}'s answer the gold reference`}>
      <label>
        Why is {title}'s answer right? (shown to managers only)
        <textarea
          ref={field}
          rows={3}
          maxLength={MAX_RATIONALE * 2}
          value={rationale}
          onInput={(e) => setRationale(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              setOpen(false);
            }
          }}
        />
      </label>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          Save as gold
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel <kbd>Esc</kbd>
        </button>
      </div>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

// "Gold ✓" with the reference the task's answers are judged against.
export function GoldBanner({ gold, controls, task }: { gold: GoldItem; controls: StudioControl[]; task: Task }) {
  return (
    <div class="gold-banner card" role="note" aria-label="Gold task">
      <h2 class="gold-badge">Gold ✓</h2>
      <p class="muted small">This task is gold (version {gold.version}): annotators who get it are judged against this reference.</p>
      <ReadOnlyAnswer result={gold.reference} controls={controls} task={task} label="Gold reference" />
      <p class="gold-rationale">
        <span class="muted">Why: </span>
        {gold.rationale || <span class="muted">no rationale given</span>}
      </p>
    </div>
  );
}
