// A number control: a number field with the control's bounds; what the browser cannot read as
// a number (or is out of bounds) is not part of the answer, and the field says why.
import { useId, useState } from 'preact/hooks';
import type { NumberControl } from './controls';
import type { ViewProps } from './view';

export function numberProblem(control: NumberControl, n: number): string {
  if (!Number.isFinite(n)) return 'Type a number.';
  if (control.integer && !Number.isInteger(n)) return 'A whole number, please.';
  if (control.min !== null && n < control.min) return `At least ${control.min}.`;
  if (control.max !== null && n > control.max) return `At most ${control.max}.`;
  return '';
}

export function NumberView({ control, task, value, disabled, onChange }: ViewProps<NumberControl>) {
  // What was typed, kept while the answer still holds what it stood for: a refused 11 stays
  // on screen to be corrected; an undo, a draft or another task shows the answer's value.
  const [typed, setTyped] = useState<{ task: unknown; text: string; number: number | null } | null>(null);
  const current = typeof value?.number === 'number' ? value.number : null;
  const text = typed && typed.task === task.id && typed.number === current ? typed.text : current === null ? '' : String(current);
  const problem = text === '' ? '' : numberProblem(control, Number(text));
  // Unique per instance: the reviewer view shows the same control once per annotation.
  const id = `number-${control.name}-${useId()}`;
  return (
    <div class="field-control">
      <label for={id}>{control.instruction || control.name}</label>
      <input
        id={id}
        type="number"
        disabled={disabled}
        step={control.integer ? 1 : 'any'}
        min={control.min ?? undefined}
        max={control.max ?? undefined}
        value={text}
        aria-invalid={problem !== ''}
        onInput={(e) => {
          const entered = e.currentTarget.value;
          const n = entered === '' ? NaN : Number(entered);
          const number = entered === '' || numberProblem(control, n) ? null : n;
          setTyped({ task: task.id, text: entered, number });
          onChange({ number });
        }}
      />
      {problem ? <span class="error small">{problem}</span> : null}
    </div>
  );
}
