// The form that asks why a task is skipped (the annotate page's S key).
import { useEffect, useRef, useState } from 'preact/hooks';
import { OTHER_REASON, SKIP_REASONS, skipReasonText } from '../skip_reasons';

// Asks why the task is skipped; Enter skips with the chosen reason, Escape goes back.
export function SkipForm({ onSkip, onCancel }: { onSkip: (reason: string) => void; onCancel: () => void }) {
  const [choice, setChoice] = useState<string>(SKIP_REASONS[0]);
  const [typed, setTyped] = useState('');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const reasons = [...SKIP_REASONS, OTHER_REASON];
  return (
    <form
      class="card skip-form"
      aria-label="Why skip this task?"
      onSubmit={(event) => {
        event.preventDefault();
        onSkip(skipReasonText(choice, typed));
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <fieldset>
        <legend>Why skip this task?</legend>
        {reasons.map((reason, index) => (
          <label class="inline" key={reason}>
            <input
              type="radio"
              name="skip-reason"
              value={reason}
              ref={index === 0 ? first : undefined}
              checked={choice === reason}
              onChange={() => setChoice(reason)}
            />
            {reason}
          </label>
        ))}
        {choice === OTHER_REASON ? (
          <input
            type="text"
            aria-label="Your reason"
            maxLength={500}
            value={typed}
            onInput={(e) => setTyped(e.currentTarget.value)}
          />
        ) : null}
      </fieldset>
      <div class="actions">
        <button type="submit" class="primary">
          Skip this task <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={onCancel}>
          Back to the task <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}
