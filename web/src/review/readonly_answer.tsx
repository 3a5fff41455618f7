// An annotation's result shown with the studio's own views, read-only: every view gets
// `disabled` (each one honours it: fieldsets and buttons are disabled, key and pointer handlers
// return early) and a change handler that drops what it is given, so nothing a reviewer does
// here can alter an answer. Media stays playable and regions selectable for a closer look.
// Each answer sits in its own <form>, so radio groups of equal names (a rating control) in
// side-by-side columns do not share one checked button.
import type { JSX } from 'preact';
import type { Answer } from '../studio/answer';
import { ControlList } from '../studio/control_list';
import type { StudioControl } from '../studio/controls';
import { restoreAnswer } from '../studio/registry';
import type { AnnotationResult, Task } from '../types';

// The answer a stored result stands for, keeping what the current controls can show.
export const answerOf = (result: AnnotationResult | null | undefined, controls: StudioControl[]): Answer =>
  restoreAnswer(result, controls);

const ignore = () => {};
const noSubmit = (e: JSX.TargetedEvent<HTMLFormElement>) => e.preventDefault();

export function ReadOnlyAnswer({ result, controls, task, label }: { result: AnnotationResult | null; controls: StudioControl[]; task: Task; label: string }) {
  return (
    <form class="review-answer" aria-label={label} onSubmit={noSubmit} data-readonly="true">
      <ControlList controls={controls} task={task} answer={answerOf(result, controls)} hotkeys={[]} disabled={true} onChange={ignore} onAnswer={ignore} />
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
      <ControlList
        controls={controls}
        task={task}
        answer={answer}
        hotkeys={[]}
        disabled={false}
        onChange={(control, value) => onAnswer({ ...answer, [control.name]: value })}
        onAnswer={(next) => onAnswer(next)}
      />
    </form>
  );
}
