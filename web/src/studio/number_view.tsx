// A number control: a number field with the control's bounds; what the browser cannot read as
// a number (or is out of bounds) is not part of the answer, and the field says why.
import { useState } from 'preact/hooks';
import type { NumberControl } from './controls';
import type { ViewProps } from './view';

export function numberProblem(control: NumberControl, n: number): string {
  if (!Number.isFinite(n)) return 'Type a number.';
  if (control.integer && !Number.isInteger(n)) return 'A whole number, please.';
  if (control.min !== null && n < control.min) return `At least ${control.min}.`;
  if (control.max !== null && n > control.max) return `At most ${control.max}.`;
  return '';
}

export function NumberView({ control, value, disabled, onChange }: ViewProps<NumberControl>) {
  const [problem, setProblem] = useState('');
  const id = `number-${control.name}`;
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
        value={typeof value?.number === 'number' ? String(value.number) : ''}
        aria-invalid={problem !== ''}
        onInput={(e) => {
          const text = e.currentTarget.value;
          const n = text === '' ? NaN : Number(text);
          const why = text === '' ? '' : numberProblem(control, n);
          setProblem(why);
          onChange(text === '' || why ? { number: null } : { number: n });
        }}
      />
      {problem ? <span class="error small">{problem}</span> : null}
    </div>
  );
}
