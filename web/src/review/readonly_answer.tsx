// An annotation's result shown with the studio's own views, read-only: every view gets
// `disabled` (each one honours it: fieldsets and buttons are disabled, key and pointer handlers
// return early) and a change handler that drops what it is given, so nothing a reviewer does
// here can alter an answer. Media stays playable and regions selectable for a closer look.
// Each answer sits in its own <form>, so radio groups of equal names (a rating control) in
// side-by-side columns do not share one checked button.
import type { JSX } from 'preact';
import type { Answer } from '../studio/answer';
import type { StudioControl } from '../studio/controls';
import { ControlView, restoreValue } from '../studio/registry';
import type { AnnotationResult, Task } from '../types';

// The answer a stored result stands for, keeping what the current controls can show.
export function answerOf(result: AnnotationResult | null | undefined, controls: StudioControl[]): Answer {
  const answer: Answer = {};
  if (!result || typeof result !== 'object') return answer;
  for (const control of controls) {
    const value = restoreValue((result as Record<string, unknown>)[control.name], control);
    if (value !== undefined) answer[control.name] = value;
  }
  return answer;
}

const ignore = () => {};
const noSubmit = (e: JSX.TargetedEvent<HTMLFormElement>) => e.preventDefault();

export function ReadOnlyAnswer({ result, controls, task, label }: { result: AnnotationResult | null; controls: StudioControl[]; task: Task; label: string }) {
  const answer = answerOf(result, controls);
  return (
    <form class="review-answer" aria-label={label} onSubmit={noSubmit} data-readonly="true">
      {controls.map((control) => (
        <div class="control" key={control.name} data-control={control.name}>
          <ControlView
            control={control}
            task={task}
            value={answer[control.name]}
            answer={answer}
            hotkeys={[]}
            disabled={true}
            onChange={ignore}
            controls={controls}
            onAnswer={ignore}
          />
        </div>
      ))}
    </form>
  );
}

// An editable copy of an answer for a fix: the same views, enabled, over the reviewer's copy.
export function AnswerEditor({
  answer,
  controls,
  task,
  label,
  onAnswer,
}: {
  answer: Answer;
  controls: StudioControl[];
  task: Task;
  label: string;
  onAnswer: (next: Answer) => void;
}) {
  return (
    <form class="review-answer editing" aria-label={label} onSubmit={noSubmit}>
      {controls.map((control) => (
        <div class="control" key={control.name} data-control={control.name}>
          <ControlView
            control={control}
            task={task}
            value={answer[control.name]}
            answer={answer}
            hotkeys={[]}
            disabled={false}
            onChange={(value) => onAnswer({ ...answer, [control.name]: value })}
            controls={controls}
            onAnswer={onAnswer}
          />
        </div>
      ))}
    </form>
  );
}
