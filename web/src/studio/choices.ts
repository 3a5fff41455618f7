// Choices controls on the annotate page: choosing an option, the number keys 1..9 that choose
// them, the "Ambiguous" answer and its key, whether a key press is the whole answer, and the
// options a saved draft still names.
import type { Answer, ControlValue } from './answer';
import type { ChoicesControl, StudioControl } from './controls';

export const chosen = (answer: Answer, control: ChoicesControl): string[] => {
  const value = answer[control.name]?.choices;
  return Array.isArray(value) ? (value as string[]) : [];
};

// The key that answers "ambiguous" (Shift+/ on most layouts; the server refuses it as a
// declared hotkey in an interface that allows ambiguous answers).
export const AMBIGUOUS_KEY = '?';

// Whether the answer says the item is ambiguous: {"ambiguous": true} instead of choices.
export const isAmbiguous = (answer: Answer, control: ChoicesControl): boolean =>
  control.ambiguous && answer[control.name]?.ambiguous === true;

// Marks the item ambiguous, dropping any chosen option (the two exclude each other), or
// clears the mark when it is set.
export function toggleAmbiguous(answer: Answer, control: ChoicesControl): Answer {
  if (!control.ambiguous) return answer;
  const next: ControlValue = isAmbiguous(answer, control) ? { choices: [] } : { ambiguous: true };
  return { ...answer, [control.name]: next };
}

// Chooses `option`: a single-choice control keeps only it; a multiple-choice control toggles
// it (keeping the options' declared order).
export function toggle(answer: Answer, control: ChoicesControl, option: string): Answer {
  let next: string[];
  if (!control.multiple) {
    next = [option];
  } else {
    const set = new Set(chosen(answer, control));
    if (set.has(option)) set.delete(option);
    else set.add(option);
    next = control.options.filter((o) => set.has(o));
  }
  return { ...answer, [control.name]: { choices: next } };
}

// A key press or click submits at once only when one single-choice control is all there is.
export function submitsOnChoice(controls: StudioControl[]): boolean {
  return controls.length === 1 && controls[0]!.type === 'choices' && !controls[0]!.multiple;
}

export interface Hotkey {
  key: string;
  control: string;
  option: string; // Empty for the ambiguous key.
  ambiguous?: boolean; // The key answers "ambiguous" instead of choosing an option.
}

// One key per option, numbered 1..9 across the choices controls in order; options past the
// ninth have none. Then AMBIGUOUS_KEY for the first control that allows an ambiguous answer
// (any others take a click).
export function assignHotkeys(controls: StudioControl[]): Hotkey[] {
  const hotkeys: Hotkey[] = [];
  for (const control of controls) {
    if (control.type !== 'choices') continue;
    for (const option of control.options) {
      if (hotkeys.length === 9) break;
      hotkeys.push({ key: String(hotkeys.length + 1), control: control.name, option });
    }
  }
  const ambiguous = controls.find((c): c is ChoicesControl => c.type === 'choices' && c.ambiguous);
  if (ambiguous) hotkeys.push({ key: AMBIGUOUS_KEY, control: ambiguous.name, option: '', ambiguous: true });
  return hotkeys;
}

// The answer after pressing `hotkey`.
export function pressChoiceKey(answer: Answer, control: ChoicesControl, hotkey: Hotkey): Answer {
  return hotkey.ambiguous ? toggleAmbiguous(answer, control) : toggle(answer, control, hotkey.option);
}

// The value a saved draft's `saved` stands for, keeping only options the control still offers
// (an interface edited since must not bring back a removed option) and one at most for a
// single-choice control, or the ambiguous mark while the control allows it; undefined when
// nothing is left.
export function restoreChoices(saved: unknown, control: ChoicesControl): ControlValue | undefined {
  if (control.ambiguous && saved !== null && typeof saved === 'object' && (saved as { ambiguous?: unknown }).ambiguous === true) {
    return { ambiguous: true };
  }
  const list =
    saved !== null && typeof saved === 'object' && Array.isArray((saved as { choices?: unknown }).choices)
      ? (saved as { choices: unknown[] }).choices
      : [];
  let kept = control.options.filter((option) => list.includes(option));
  if (!control.multiple) kept = kept.slice(0, 1);
  return kept.length > 0 ? { choices: kept } : undefined;
}
