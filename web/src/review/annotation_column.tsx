// One anonymised annotation in the reviewer view: its answer (read-only), its reviews, and the
// reviewer's verdicts. Keys while the column itself has focus: A accept, R reject (a comment
// field opens; Enter sends, Esc cancels), F fix (an editable copy; "Save the fix" sends it).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren, JSX } from 'preact';
import { isComplete, toResult, type Answer } from '../studio/answer';
import type { StudioControl } from '../studio/controls';
import { api, messageOf } from '../session';
import type { AnnotationResult, Id, Task } from '../types';
import { AnswerEditor, answerOf, ReadOnlyAnswer } from './readonly_answer';
import { sendReview } from './review_api';
import {
  buildReviewBody,
  columnTitle,
  MAX_COMMENT,
  reviewable,
  reviewerName,
  verdictText,
  type Column,
  type Review,
  type Verdict,
} from './review_state';

type Mode = { kind: 'view' } | { kind: 'rejecting' } | { kind: 'fixing'; answer: Answer };

interface Props {
  column: Column;
  controls: StudioControl[];
  task: Task;
  me: Id;
  onReviewed: (review: Review) => void;
  // More actions under the answer (managers' "Make gold").
  extra?: ComponentChildren;
}

export function AnnotationColumn({ column, controls, task, me, onReviewed, extra }: Props) {
  const [mode, setMode] = useState<Mode>({ kind: 'view' });
  const [comment, setComment] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const commentField = useRef<HTMLInputElement>(null);
  const title = columnTitle(column);
  const open = reviewable(column);

  useEffect(() => {
    if (mode.kind === 'rejecting') commentField.current?.focus();
  }, [mode.kind]);

  function cancel() {
    setMode({ kind: 'view' });
    setComment('');
    setError('');
    root.current?.focus();
  }

  async function send(verdict: Verdict, result?: AnnotationResult) {
    if (busy) return;
    const built = buildReviewBody(verdict, verdict === 'accepted' ? '' : comment, result);
    if (!built.ok) {
      setError(built.message);
      if (built.field === 'comment') commentField.current?.focus();
      return;
    }
    setBusy(true);
    setError('');
    try {
      const review = await sendReview(api, column.annotation.id, built.body);
      onReviewed(review);
      setMode({ kind: 'view' });
      setComment('');
      root.current?.focus();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  const startFix = () => {
    setError('');
    setMode({ kind: 'fixing', answer: answerOf(column.annotation.result, controls) });
  };
  const startReject = () => {
    setError('');
    setMode({ kind: 'rejecting' });
  };

  // Keys only when the column itself is focused, never while typing or inside a view.
  function onKeyDown(event: JSX.TargetedKeyboardEvent<HTMLDivElement>) {
    if (event.target !== event.currentTarget || !open || busy || event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key === 'a') void send('accepted');
    else if (key === 'r') startReject();
    else if (key === 'f') startFix();
    else return;
    event.preventDefault();
  }

  const fixing = mode.kind === 'fixing' ? mode : null;
  return (
    <div
      class="review-column card"
      ref={root}
      tabIndex={0}
      role="group"
      aria-label={title}
      data-annotation-id={String(column.annotation.id)}
      onKeyDown={onKeyDown}
    >
      <h2 class="review-column-title">{title}</h2>
      {column.skipped ? (
        <p class="review-skipped">
          Skipped: <q>{String(column.annotation.skip_reason ?? '') || 'no reason given'}</q>
        </p>
      ) : fixing ? (
        <AnswerEditor
          answer={fixing.answer}
          controls={controls}
          task={task}
          label={`Your fix of ${title}'s answer`}
          onAnswer={(answer) => setMode({ kind: 'fixing', answer })}
        />
      ) : (
        <ReadOnlyAnswer result={column.annotation.result} controls={controls} task={task} label={`${title}'s answer`} />
      )}
      {open && mode.kind === 'view' ? (
        <div class="actions">
          <button type="button" class="primary" disabled={busy} onClick={() => void send('accepted')}>
            Accept <kbd>A</kbd>
          </button>
          <button type="button" disabled={busy} onClick={startReject}>
            Reject <kbd>R</kbd>
          </button>
          <button type="button" disabled={busy} onClick={startFix}>
            Fix <kbd>F</kbd>
          </button>
        </div>
      ) : null}
      {mode.kind === 'view' ? extra : null}
      {mode.kind === 'rejecting' ? (
        <form
          class="review-reject"
          onSubmit={(e) => {
            e.preventDefault();
            void send('rejected');
          }}
        >
          <label>
            Why reject {title}'s answer?
            <input
              ref={commentField}
              type="text"
              maxLength={MAX_COMMENT * 2}
              value={comment}
              onInput={(e) => setComment(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  e.preventDefault();
                  cancel();
                }
              }}
            />
          </label>
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>
              Reject <kbd>Enter</kbd>
            </button>
            <button type="button" onClick={cancel}>
              Cancel <kbd>Esc</kbd>
            </button>
          </div>
        </form>
      ) : null}
      {fixing ? (
        <div class="review-fix">
          <label>
            Comment on the fix (optional)
            <input type="text" maxLength={MAX_COMMENT * 2} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
          </label>
          <div class="actions">
            <button
              type="button"
              class="primary"
              disabled={busy || !isComplete(fixing.answer, controls)}
              onClick={() => void send('fixed', toResult(fixing.answer, controls))}
            >
              Save the fix
            </button>
            <button type="button" onClick={cancel}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {column.reviews.length > 0 ? (
        <ul class="review-list" aria-label={`Reviews of ${title}'s answer`}>
          {column.reviews.map((review) => (
            <li key={String(review.id)} data-verdict={review.verdict}>
              <strong>{verdictText(review.verdict)}</strong> by {reviewerName(review, me)}
              {review.comment ? (
                <>
                  : <q class="review-comment">{review.comment}</q>
                </>
              ) : null}
              {review.verdict === 'fixed' && review.result ? (
                <details>
                  <summary>See the fix</summary>
                  <ReadOnlyAnswer result={review.result} controls={controls} task={task} label={`Fix of ${title}'s answer`} />
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted small">No reviews yet.</p>
      )}
    </div>
  );
}
