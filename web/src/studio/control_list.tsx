// Every control of an interface in its view, in display order: the annotate page and the
// interface editor's preview both render through this, so the preview is the real thing.
// Image controls on one picture share it (image_group.ts); their wrapper lists every name in
// data-control.
import type { Task } from '../types';
import type { Answer, ControlValue } from './answer';
import type { Hotkey } from './choices';
import type { StudioControl } from './controls';
import { renderItems } from './image_group';
import { ImageGroupView } from './image_group_view';
import { ControlView } from './registry';

export function ControlList(props: {
  controls: StudioControl[];
  task: Task;
  answer: Answer;
  hotkeys: Hotkey[];
  disabled: boolean;
  onChange: (control: StudioControl, value: ControlValue) => void; // One control's new value.
  onAnswer: (next: Answer, what: string) => void; // Several controls at once (a span and its links).
}) {
  const { controls, task, answer, hotkeys, disabled } = props;
  return (
    <>
      {renderItems(controls).map((item) => {
        if (item.kind === 'image' && item.controls.length > 1) {
          const names = item.controls.map((c) => c.name).join(' ');
          return (
            <div class="control" key={names} data-control={names}>
              <ImageGroupView
                tools={item.controls}
                task={task}
                answer={answer}
                hotkeys={hotkeys}
                disabled={disabled}
                onChange={props.onChange}
                controls={controls}
                onAnswer={(next) => props.onAnswer(next, names)}
              />
            </div>
          );
        }
        const control = item.kind === 'one' ? item.control : item.controls[0]!;
        return (
          <div class="control" key={control.name} data-control={control.name}>
            <ControlView
              control={control}
              task={task}
              value={answer[control.name]}
              answer={answer}
              hotkeys={hotkeys}
              disabled={disabled}
              onChange={(value) => props.onChange(control, value)}
              controls={controls}
              onAnswer={(next) => props.onAnswer(next, control.name)}
            />
          </div>
        );
      })}
    </>
  );
}
