// The annotate page's qualification parts: the banner over a qualification task, and the
// feedback panel after each answer (right or not, the reference beside one's own answer in the
// task's own studio views, read-only, the rationale as text, and the score). Enter or the focused
// "Continue" button moves on; after a failed last attempt there is nothing to continue to.
import { useEffect, useRef } from 'preact/hooks';
import { ReadOnlyAnswer } from '../review/readonly_answer';
import type { StudioControl } from '../studio/controls';
import type { AnnotationResult, CalibrationFeedback, Qualification, QualificationPolicy, Task } from '../types';
import { bannerHelp, bannerText, feedbackText } from './qualification';

// An Enter still held from submitting the answer must not click Continue unread.
const ignoreRepeat = (event: KeyboardEvent) => {
  if (event.repeat) event.preventDefault();
};

export function QualificationBanner({ qualification, policy }: { qualification: Qualification; policy?: Partial<QualificationPolicy> }) {
  return (
    <div class="card qualification-banner" role="note" aria-label="Qualification" data-testid="qualification-banner">
      <p class="qualification-title">
        <strong>{bannerText(qualification, policy?.qualification_attempts)}</strong>
      </p>
      <p class="small">{bannerHelp(qualification, policy)}</p>
    </div>
  );
}

export function FeedbackPanel({
  feedback,
  before,
  policy,
  task,
  controls,
  own,
  onContinue,
}: {
  feedback: CalibrationFeedback;
  before: Qualification | null;
  policy?: Partial<QualificationPolicy>;
  task: Task | null; // null when the answer was re-sent after a reload: no views then
  controls: StudioControl[];
  own: AnnotationResult;
  onContinue: () => void;
}) {
  const text = feedbackText(feedback, before, policy);
  const button = useRef<HTMLButtonElement>(null);
  // Focus lands on Continue, so Enter (or Space) moves on and a screen reader reads the verdict.
  useEffect(() => button.current?.focus(), []);
  return (
    <section
      class={`card qualification-feedback ${text.right ? 'is-right' : 'is-wrong'}`}
      aria-label="Qualification feedback"
      data-testid="qualification-feedback"
      data-outcome={text.outcome}
    >
      <div role="status">
        <h2 class="qualification-verdict">{text.verdict}</h2>
      </div>
      {task ? (
        <div class="review-columns qualification-columns">
          <div class="review-column">
            <h3 class="review-column-title">Your answer</h3>
            <ReadOnlyAnswer result={own} controls={controls} task={task} label="Your answer" />
          </div>
          <div class="review-column">
            <h3 class="review-column-title">Reference answer</h3>
            <ReadOnlyAnswer result={feedback.reference} controls={controls} task={task} label="Reference answer" />
          </div>
        </div>
      ) : null}
      <h3 class="qualification-why">Why</h3>
      <p class="gold-rationale" data-testid="qualification-rationale">
        {feedback.rationale || '(no rationale given)'}
      </p>
      <p class="qualification-progress" data-testid="qualification-progress">
        {text.progress}
      </p>
      {text.outcome === 'passed' ? (
        <p class="qualification-outcome ok" role="alert">
          <strong>{text.message}</strong>
        </p>
      ) : text.outcome === 'failed' ? (
        <p class="qualification-outcome error" role="alert">
          <strong>{text.message}</strong>
        </p>
      ) : text.message ? (
        <p class="qualification-outcome">{text.message}</p>
      ) : null}
      <div class="actions">
        {text.canContinue ? (
          <button type="button" class="primary" ref={button} onClick={onContinue} onKeyDown={ignoreRepeat}>
            Continue <kbd>Enter</kbd>
          </button>
        ) : (
          <a href="#/projects">Back to the projects</a>
        )}
      </div>
    </section>
  );
}
