// The answer being built on the annotate page: per control name, the value its result holds
// (`{choices: [...]}`, `{spans: [...]}`, `{rating: 4}`; docs/label-interface.md gives each
// shape). Which answers are complete, the result a submission carries, and the answer a saved
// draft stands for.
import type { AnnotationResult } from '../types';
import type { StudioControl } from './controls';
import { chosenPair } from './pairwise';

export type ControlValue = Record<string, unknown>;
export type Answer = Record<string, ControlValue>;

// Nothing said: no value, an empty list, empty text, or no number.
export function isEmptyValue(value: ControlValue | undefined): boolean {
  if (value === undefined) return true;
  const inner = Object.values(value);
  if (inner.length === 0) return true;
  return inner.every((v) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0));
}

// A value the server would refuse although the answer holds it (text past its limit, kept so
// the annotator can shorten it; a draft's tie the edited interface no longer allows): it keeps
// the answer incomplete and stays out of results.
export function isInvalidValue(control: StudioControl, value: ControlValue | undefined): boolean {
  if (value === undefined) return false;
  if (control.type === 'pairwise') return chosenPair(control, value) === null;
  if (control.type !== 'text') return false;
  return typeof value.text === 'string' && [...value.text].length > control.max_length;
}

// A single choice control is answered whether or not it says `required` (the studio's rule
// since its first version: one option per such control); a multiple choice control may be
// left empty (no option applies).
function mustAnswer(control: StudioControl): boolean {
  return control.required || (control.type === 'choices' && !control.multiple);
}

// Complete when every control that must be answered is, nothing is invalid, and something is
// answered at all.
export function isComplete(answer: Answer, controls: StudioControl[]): boolean {
  let any = false;
  for (const control of controls) {
    if (isInvalidValue(control, answer[control.name])) return false;
    const empty = isEmptyValue(answer[control.name]);
    if (!empty) any = true;
    if (empty && mustAnswer(control)) return false;
  }
  return any;
}

// The controls that still need an answer, by name (for the page to say what is missing).
export function missing(answer: Answer, controls: StudioControl[]): string[] {
  return controls.filter((c) => mustAnswer(c) && isEmptyValue(answer[c.name])).map((c) => c.name);
}

// The result a submission carries: every control's value, empty and invalid ones left out (the
// server refuses an empty value of a required control and any invalid one; a draft must not 400).
export function toResult(answer: Answer, controls: StudioControl[]): AnnotationResult {
  const result: AnnotationResult = {};
  for (const control of controls) {
    const value = answer[control.name];
    if (control.type !== 'unknown' && !isEmptyValue(value) && !isInvalidValue(control, value)) result[control.name] = value!;
  }
  return result;
}
