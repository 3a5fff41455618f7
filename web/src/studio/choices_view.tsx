// A choices control: one toggle button per option, with its number key when it has one.
import { chosen, toggle } from './choices';
import type { ChoicesControl } from './controls';
import type { ViewProps } from './view';

export function ChoicesView({ control, answer, hotkeys, disabled, onChange }: ViewProps<ChoicesControl>) {
  const selected = chosen(answer, control);
  return (
    <fieldset class="choices" disabled={disabled}>
      <legend>
        {control.instruction || control.name}
        {control.multiple ? ' (choose all that apply)' : ''}
      </legend>
      {control.options.map((option) => {
        const key = hotkeys.find((h) => h.control === control.name && h.option === option)?.key;
        const on = selected.includes(option);
        return (
          <button
            type="button"
            key={option}
            class={on ? 'choice chosen' : 'choice'}
            aria-pressed={on}
            aria-keyshortcuts={key}
            onClick={() => onChange(toggle(answer, control, option)[control.name]!)}
          >
            {key ? <kbd>{key}</kbd> : null}
            <span>{option}</span>
          </button>
        );
      })}
    </fieldset>
  );
}
