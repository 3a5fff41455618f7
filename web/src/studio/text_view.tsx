// A free-text control (rewrites, demonstrations, transcriptions): a text area whose limit
// counts Unicode code points, as the server does.
import { useId } from 'preact/hooks';
import type { TextControl } from './controls';
import type { ViewProps } from './view';

export const codePoints = (text: string) => [...text].length;

export function TextView({ control, value, disabled, onChange }: ViewProps<TextControl>) {
  const text = typeof value?.text === 'string' ? value.text : '';
  const used = codePoints(text);
  // Unique per instance: the reviewer view shows the same control once per annotation.
  const id = `text-${control.name}-${useId()}`;
  return (
    <div class="field-control">
      <label for={id}>{control.instruction || control.name}</label>
      <textarea
        id={id}
        rows={5}
        disabled={disabled}
        value={text}
        aria-invalid={used > control.max_length}
        onInput={(e) => onChange({ text: e.currentTarget.value })}
      />
      <span class={used > control.max_length ? 'error small' : 'muted small'}>
        {used} / {control.max_length} characters{used > control.max_length ? ' — shorten it to submit' : ''}
      </span>
    </div>
  );
}
