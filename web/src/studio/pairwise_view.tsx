// A pairwise control: the prompt, then outputs A and B side by side (chat transcripts as
// bubbles), and one button per answer. Keys: A, B, T (tie), X (both bad), shown on the buttons.
// They work while focus is inside this control, and also while focus is on the page itself
// (the task, not another control) for the first pairwise control, so A then Enter answers a
// task with no Tab. Letters only: the page keeps 1-9 for choices, S for skip, Enter to submit.
import { useEffect, useRef } from 'preact/hooks';
import { Output, Prompt } from './chat_transcript';
import type { PairwiseControl } from './controls';
import { answerForKey, chosenPair, pairAnswers } from './pairwise';
import type { ViewProps } from './view';

function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export function PairwiseView({ control, task, value, disabled, onChange }: ViewProps<PairwiseControl>) {
  const root = useRef<HTMLFieldSetElement>(null);
  const chosen = chosenPair(control, value);
  const latest = useRef({ control, disabled, onChange });
  latest.current = { control, disabled, onChange };

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const { control, disabled, onChange } = latest.current;
      const el = root.current;
      if (!el || disabled || event.defaultPrevented || event.isComposing || typing(event.target)) return;
      const target = event.target instanceof Node ? event.target : null;
      const inside = target !== null && el.contains(target);
      // Focus on the page (not in any control): only the first pairwise control answers.
      const onPage = !(target instanceof Element && target.closest('[data-control]')) && document.querySelector('.pairwise') === el;
      if (!inside && !onPage) return;
      const answer = answerForKey(control, event);
      if (!answer) return;
      event.preventDefault();
      onChange({ choice: answer.choice });
    }
    // Capture: decided before the page's own key handler sees the key.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  const [a, b] = control.to;
  return (
    <fieldset class="pairwise" ref={root} disabled={disabled}>
      <legend>{control.instruction || 'Which answer is better?'}</legend>
      {control.prompt ? <Prompt value={task.data[control.prompt]} /> : null}
      <div class="pair-outputs">
        {[a, b].map((field, i) => (
          <section
            class={`pair-output${chosen === (i === 0 ? 'a' : 'b') ? ' chosen' : ''}`}
            key={field}
            aria-label={`Output ${i === 0 ? 'A' : 'B'}`}
          >
            <h2 class="field-name">
              {i === 0 ? 'A' : 'B'} <span class="muted">({field})</span>
            </h2>
            <Output value={task.data[field]} label={`Output ${i === 0 ? 'A' : 'B'}`} />
          </section>
        ))}
      </div>
      <div class="pair-answers">
        {pairAnswers(control).map((answer) => (
          <button
            type="button"
            key={answer.choice}
            class={chosen === answer.choice ? 'choice chosen' : 'choice'}
            aria-pressed={chosen === answer.choice}
            aria-keyshortcuts={answer.key}
            data-choice={answer.choice}
            onClick={() => onChange({ choice: answer.choice })}
          >
            <kbd>{answer.key}</kbd>
            <span>{answer.label}</span>
          </button>
        ))}
      </div>
    </fieldset>
  );
}
