// A choices control: one toggle button per option, with its number key when it has one, and
// an "Ambiguous" button when the control allows that answer (it excludes the options).
import { chosen, isAmbiguous, toggle, toggleAmbiguous } from './choices';
import type { ChoicesControl } from './controls';
import type { ViewProps } from './view';

export function ChoicesView({ control, answer, hotkeys, disabled, onChange }: ViewProps<ChoicesControl>) {
  const selected = chosen(answer, control);
  const ambiguous = isAmbiguous(answer, control);
  const ambiguousKey = hotkeys.find((h) => h.control === control.name && h.ambiguous)?.key;
  return (
    <fieldset class="choices" disabled={disabled}>
      <legend>
        {control.instruction || control.name}
        {control.multiple ? ' (choose all that apply)' : ''}
      </legend>
      {control.options.map((option) => {
        const key = hotkeys.find((h) => h.control === control.name && !h.ambiguous && h.option === option)?.key;
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
      {control.ambiguous ? (
        <button
          type="button"
          class={ambiguous ? 'choice ambiguous chosen' : 'choice ambiguous'}
          aria-pressed={ambiguous}
          aria-keyshortcuts={ambiguousKey}
          title="The item is genuinely ambiguous: no option fits better than another"
          data-testid={`ambiguous-${control.name}`}
          onClick={() => onChange(toggleAmbiguous(answer, control)[control.name]!)}
        >
          {ambiguousKey ? <kbd>{ambiguousKey}</kbd> : null}
          <span>Ambiguous</span>
        </button>
      ) : null}
    </fieldset>
  );
}
