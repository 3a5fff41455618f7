// The annotate page's selection: which options are chosen per choices control, whether
// that is a complete answer, and the annotation result it submits.
import type { AnnotationResult, ChoicesControl } from './types';

export type Selection = Record<string, string[]>;

// Chooses `option` of `control`: a single-choice control keeps only it; a multiple-choice
// control toggles it (keeping the options' declared order).
export function toggle(selection: Selection, control: ChoicesControl, option: string): Selection {
  const current = selection[control.name] ?? [];
  let next: string[];
  if (!control.multiple) {
    next = [option];
  } else {
    const chosen = new Set(current);
    if (chosen.has(option)) chosen.delete(option);
    else chosen.add(option);
    next = control.options.filter((o) => chosen.has(o));
  }
  return { ...selection, [control.name]: next };
}

// Complete when every single-choice control has its one answer; a multiple-choice control
// may be left empty (no option applies) as long as something is chosen somewhere.
export function isComplete(selection: Selection, controls: ChoicesControl[]): boolean {
  if (controls.length === 0) return false;
  let any = false;
  for (const control of controls) {
    const chosen = selection[control.name] ?? [];
    if (chosen.length > 0) any = true;
    if (!control.multiple && chosen.length !== 1) return false;
  }
  return any;
}

// A key press or click submits at once only when one single-choice control is all there is.
export function submitsOnChoice(controls: ChoicesControl[]): boolean {
  return controls.length === 1 && !controls[0]!.multiple;
}

export function toResult(selection: Selection, controls: ChoicesControl[]): AnnotationResult {
  const result: AnnotationResult = {};
  for (const control of controls) result[control.name] = { choices: [...(selection[control.name] ?? [])] };
  return result;
}

// The selection a saved result (a draft) stands for, keeping only options the controls still
// offer: a label interface edited since the draft was saved must not bring back a removed
// option, and a single-choice control keeps at most one.
export function fromResult(result: unknown, controls: ChoicesControl[]): Selection {
  const selection: Selection = {};
  if (result === null || typeof result !== 'object') return selection;
  for (const control of controls) {
    const value = (result as Record<string, unknown>)[control.name];
    const saved =
      value !== null && typeof value === 'object' && Array.isArray((value as { choices?: unknown }).choices)
        ? ((value as { choices: unknown[] }).choices)
        : [];
    let chosen = control.options.filter((option) => saved.includes(option));
    if (!control.multiple) chosen = chosen.slice(0, 1);
    if (chosen.length > 0) selection[control.name] = chosen;
  }
  return selection;
}
