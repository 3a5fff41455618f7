// Builds and reads label interfaces for the shell: the "new project" form's choices
// interface from a few fields, and the choices controls an annotate page can show.
import type { ChoicesControl, Control, LabelInterface } from './types';

export interface ChoicesForm {
  // The control's name: the key of its answer in an annotation's result.
  name: string;
  // The task data field the control labels (e.g. "text").
  dataField: string;
  // Options separated by commas; blanks around each are dropped.
  options: string;
  multiple: boolean;
}

export interface FieldError {
  field: keyof ChoicesForm;
  message: string;
}

export type BuildResult =
  | { ok: true; value: LabelInterface }
  | { ok: false; errors: FieldError[] };

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

// Splits "a, b ,c" into ["a", "b", "c"], dropping empty entries.
export function parseOptions(text: string): string[] {
  return text
    .split(',')
    .map((option) => option.trim())
    .filter((option) => option.length > 0);
}

export function buildChoicesInterface(form: ChoicesForm): BuildResult {
  const errors: FieldError[] = [];
  const name = form.name.trim();
  const dataField = form.dataField.trim();
  if (!IDENTIFIER.test(name)) {
    errors.push({ field: 'name', message: 'Use letters, digits and _ (not starting with a digit), e.g. sentiment.' });
  }
  if (dataField.length === 0) {
    errors.push({ field: 'dataField', message: 'Name the task data field to label, e.g. text.' });
  }
  const options = parseOptions(form.options);
  const seen = new Set<string>();
  const repeated = options.filter((option) => (seen.has(option) ? true : (seen.add(option), false)));
  if (options.length < 2) {
    errors.push({ field: 'options', message: 'Give at least two options separated by commas, e.g. positive, negative.' });
  } else if (repeated.length > 0) {
    errors.push({ field: 'options', message: `Each option once: "${repeated[0]}" is repeated.` });
  }
  if (errors.length > 0) return { ok: false, errors };
  const control: ChoicesControl = { type: 'choices', name, to: dataField, options, multiple: form.multiple };
  return { ok: true, value: { controls: [control] } };
}

export function isChoicesControl(control: Control): control is ChoicesControl {
  return (
    control.type === 'choices' &&
    typeof control.name === 'string' &&
    typeof control.to === 'string' &&
    Array.isArray(control.options) &&
    control.options.every((option) => typeof option === 'string')
  );
}

export function choicesControls(labelInterface: LabelInterface | null | undefined): ChoicesControl[] {
  const controls = labelInterface?.controls;
  return Array.isArray(controls) ? controls.filter(isChoicesControl).map((c) => ({ ...c, multiple: c.multiple === true })) : [];
}


// The text to show for a task's bound data field: strings as they are, anything else as
// JSON (always shown as a text node, never as HTML).
export function dataText(data: Record<string, unknown>, field: string): string {
  const value = data[field];
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}
