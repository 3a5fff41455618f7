// What the label-interface editor knows about each control type: the fields a manager can
// set (docs/label-interface.md is the reference; the server validates on save) and a starting
// control for "Add a control". Editing works on plain JSON objects so any field the editor
// does not show (a newer one) is kept as it was.
export type FieldKind = 'text' | 'list' | 'bool' | 'number' | 'pair' | 'skeleton';

export interface FieldSpec {
  key: string;
  label: string;
  kind: FieldKind;
  hint?: string;
}

const name: FieldSpec = { key: 'name', label: 'Name (the key of its answer)', kind: 'text', hint: 'a-z, 0-9 and _' };
const to: FieldSpec = { key: 'to', label: 'Data field', kind: 'text', hint: 'the task field it labels, e.g. text' };
const optionalTo: FieldSpec = { ...to, hint: 'optional: the task field shown with it' };
const instruction: FieldSpec = { key: 'instruction', label: 'Question or hint', kind: 'text' };
const required: FieldSpec = { key: 'required', label: 'An answer is required', kind: 'bool' };
const labels: FieldSpec = { key: 'labels', label: 'Labels', kind: 'list', hint: 'separated by commas' };
const hotkeys: FieldSpec = { key: 'hotkeys', label: 'Keys', kind: 'list', hint: 'optional: one per label, separated by commas' };
const prompt: FieldSpec = { key: 'prompt', label: 'Prompt field', kind: 'text', hint: 'optional: the task field with the prompt' };
const regions = [name, to, labels, hotkeys, instruction, required];
const frameRate: FieldSpec = { key: 'frame_rate', label: 'Frames per second', kind: 'number', hint: "the video's, e.g. 25 or 29.97 (default 25)" };

export const FIELDS: Record<string, FieldSpec[]> = {
  choices: [name, to, { key: 'options', label: 'Options', kind: 'list', hint: 'separated by commas' },
    { key: 'multiple', label: 'Several options may be chosen', kind: 'bool' },
    { key: 'ambiguous', label: '"Ambiguous" is an answer', kind: 'bool' }, hotkeys, instruction, required],
  spans: [...regions, { key: 'overlap', label: 'Spans may overlap', kind: 'bool' }],
  relations: [name, { key: 'between', label: 'Between the regions of', kind: 'text', hint: 'a spans, rectangles or polygons control' },
    { ...labels, hint: 'optional: separated by commas' }, { key: 'directed', label: 'Links have a direction', kind: 'bool' }, instruction, required],
  rectangles: [...regions, { key: 'rotation', label: 'Boxes may be rotated', kind: 'bool' }],
  polygons: regions,
  polylines: regions,
  keypoints: [...regions, { key: 'skeleton', label: 'Skeleton', kind: 'skeleton', hint: 'edges as label numbers from 0, e.g. 0-1, 0-2' }],
  audio_segments: [...regions, { key: 'transcription', label: 'Segments carry a transcription', kind: 'bool' }],
  video_segments: [...regions, frameRate],
  video_tracks: [...regions, { key: 'rotation', label: 'Boxes may be rotated', kind: 'bool' }, frameRate],
  pairwise: [name, { key: 'to', label: 'The two output fields', kind: 'pair', hint: 'two task fields separated by a comma' }, prompt,
    { key: 'allow_tie', label: '"Tie" is an answer', kind: 'bool' }, { key: 'allow_both_bad', label: '"Both bad" is an answer', kind: 'bool' }, instruction, required],
  ranking: [name, { ...to, hint: 'the task field holding the list to rank' }, prompt, instruction, required],
  rating: [name, optionalTo, { key: 'min', label: 'Lowest', kind: 'number' }, { key: 'max', label: 'Highest', kind: 'number' }, instruction, required],
  number: [name, optionalTo, { key: 'min', label: 'Smallest', kind: 'number', hint: 'optional' }, { key: 'max', label: 'Largest', kind: 'number', hint: 'optional' },
    { key: 'integer', label: 'Whole numbers only', kind: 'bool' }, instruction, required],
  text: [name, optionalTo, { key: 'max_length', label: 'At most (characters)', kind: 'number' }, instruction, required],
};

export const CONTROL_TYPES = Object.keys(FIELDS);

// A new control of `type` whose name is not among `taken`.
export function newControl(type: string, taken: string[]): Record<string, unknown> {
  let n = 1;
  while (taken.includes(`${type}_${n}`)) n++;
  const base: Record<string, unknown> = { type, name: `${type}_${n}` };
  switch (type) {
    case 'choices':
      return { ...base, to: 'text', options: ['yes', 'no'] };
    case 'relations':
      return { ...base, between: taken.find(() => true) ?? '', labels: [] };
    case 'pairwise':
      return { ...base, to: ['answer_a', 'answer_b'] };
    case 'ranking':
      return { ...base, to: 'answers' };
    case 'rating':
      return { ...base, min: 1, max: 5 };
    case 'number':
    case 'text':
      return base;
    case 'spans':
      return { ...base, to: 'text', labels: ['PER', 'ORG', 'LOC'] };
    case 'audio_segments':
      return { ...base, to: 'audio', labels: ['speech', 'noise'] };
    case 'video_segments':
    case 'video_tracks':
      return { ...base, to: 'video', labels: ['object'] };
    default:
      return { ...base, to: 'image', labels: ['object'] };
  }
}

// The text a field shows in its input.
export function fieldText(control: Record<string, unknown>, field: FieldSpec): string {
  const value = control[field.key];
  if (value === undefined || value === null) return '';
  if (field.kind === 'list' || field.kind === 'pair') return Array.isArray(value) ? value.join(', ') : String(value);
  if (field.kind === 'skeleton') {
    return Array.isArray(value) ? value.map((e) => (Array.isArray(e) ? e.join('-') : String(e))).join(', ') : '';
  }
  return String(value);
}

// `control` with `field` set from what was typed; an empty optional input removes the key, so
// the server's default applies. Text that does not read as the field's kind is kept as typed
// for the server to name in its error.
export function setField(control: Record<string, unknown>, field: FieldSpec, text: string | boolean): Record<string, unknown> {
  const next = { ...control };
  if (field.kind === 'bool') {
    next[field.key] = text === true;
    return next;
  }
  const typed = String(text);
  if (typed.trim() === '') {
    delete next[field.key];
    return next;
  }
  const items = typed.split(',').map((s) => s.trim()).filter((s) => s !== '');
  switch (field.kind) {
    case 'list':
    case 'pair':
      next[field.key] = items;
      break;
    case 'number':
      next[field.key] = Number.isFinite(Number(typed)) ? Number(typed) : typed;
      break;
    case 'skeleton':
      next[field.key] = items.map((edge) => edge.split('-').map((i) => (Number.isInteger(Number(i)) ? Number(i) : i)));
      break;
    default:
      next[field.key] = typed;
  }
  return next;
}

// Moves the control at `index` by `delta` places (display order), staying in range.
export function move<T>(list: T[], index: number, delta: number): T[] {
  const to = index + delta;
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

// Task data to preview an interface with when the project has no task yet: each field a
// control reads gets a stand-in of the right shape.
export function sampleData(controls: Record<string, unknown>[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const c of controls) {
    const fields = Array.isArray(c.to) ? c.to : typeof c.to === 'string' ? [c.to] : [];
    for (const f of fields) {
      if (typeof f !== 'string' || f in data) continue;
      if (c.type === 'ranking') data[f] = ['First answer', 'Second answer', 'Third answer'];
      else if (['rectangles', 'polygons', 'polylines', 'keypoints'].includes(String(c.type))) data[f] = '/demo/shapes/picture-01.png';
      else data[f] = `Sample ${f}: Zoë met Bob at ACME Corp in Paris.`;
    }
    if (typeof c.prompt === 'string' && c.prompt && !(c.prompt in data)) data[c.prompt] = 'Sample prompt';
  }
  return data;
}
