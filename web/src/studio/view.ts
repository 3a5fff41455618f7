// What the annotate page gives every control's view. A view shows its control (and the task
// data it works on, when `ownsData` in registry.tsx says so), reports each change of its value
// through `onChange`, and handles its own keys while focus is inside it, calling
// preventDefault on the keys it uses so the page's keys (Enter, S, undo) leave them alone.
import type { Task } from '../types';
import type { Answer, ControlValue } from './answer';
import type { Hotkey } from './choices';
import type { StudioControl } from './controls';

export interface ViewProps<C extends StudioControl = StudioControl> {
  control: C;
  task: Task;
  value: ControlValue | undefined;
  onChange: (value: ControlValue) => void;
  disabled: boolean;
  answer: Answer; // The whole answer: relations read the regions of their `between` control.
  hotkeys: Hotkey[]; // The page's number keys for choices.
  // The interface's controls and a change of several controls at once (one undo step): a view
  // that removes a region also reindexes the relations that point into its list.
  controls?: StudioControl[];
  onAnswer?: (next: Answer) => void;
}
