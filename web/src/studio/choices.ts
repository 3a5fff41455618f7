// Choices controls on the annotate page: choosing an option, the number keys 1..9 that choose
// them, whether a key press is the whole answer, and the options a saved draft still names.
import type { Answer, ControlValue } from './answer';
import type { ChoicesControl, StudioControl } from './controls';

export const chosen = (answer: Answer, control: ChoicesControl): string[] => {
  const value = answer[control.name]?.choices;
  return Array.isArray(value) ? (value as string[]) : [];
};

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
  option: string;
}

// One key per option, numbered 1..9 across the choices controls in order; options past the
// ninth have none.
export function assignHotkeys(controls: StudioControl[]): Hotkey[] {
  const hotkeys: Hotkey[] = [];
  for (const control of controls) {
    if (control.type !== 'choices') continue;
    for (const option of control.options) {
      if (hotkeys.length === 9) return hotkeys;
      hotkeys.push({ key: String(hotkeys.length + 1), control: control.name, option });
    }
  }
  return hotkeys;
}

// The value a saved draft's `saved` stands for, keeping only options the control still offers
// (an interface edited since must not bring back a removed option) and one at most for a
// single-choice control; undefined when nothing is left.
export function restoreChoices(saved: unknown, control: ChoicesControl): ControlValue | undefined {
  const list =
    saved !== null && typeof saved === 'object' && Array.isArray((saved as { choices?: unknown }).choices)
      ? (saved as { choices: unknown[] }).choices
      : [];
  let kept = control.options.filter((option) => list.includes(option));
  if (!control.multiple) kept = kept.slice(0, 1);
  return kept.length > 0 ? { choices: kept } : undefined;
}
