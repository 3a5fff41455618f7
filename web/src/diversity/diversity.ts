// Pure logic of annotator diversity (docs/quality.md, "Annotator diversity"): the policy
// (docs/openapi.yaml DiversityPolicy) to and from its form, the server's field names
// ("diversity.quota.minimums.EU") mapped to form fields, and the stacked bars of the label
// distribution by group.

export interface DiversityAttribute {
  name: string; // "region": 1-40 of a-z, 0-9, _
  question: string;
  values: string[];
}

export interface DiversityQuota {
  attribute: string;
  minimums: Record<string, number>; // answer -> labels per task
}

export interface DiversityPolicy {
  attributes: DiversityAttribute[];
  quota: DiversityQuota | null;
}

export const DEFAULT_DIVERSITY: DiversityPolicy = { attributes: [], quota: null };

export interface AttributeRow {
  name: string;
  question: string;
  values: string; // comma-separated
}

export interface DiversityForm {
  attributes: AttributeRow[];
  quotaAttribute: string; // '' = no quota
  minimums: string; // "EU=1, Asia=1"
}

// A form field: "attributes[0].values", "quota.attribute", "quota.minimums".
export type DiversityField = string;

export function formFromDiversity(policy: Partial<DiversityPolicy> | undefined): DiversityForm {
  const p = { ...DEFAULT_DIVERSITY, ...(policy ?? {}) };
  return {
    attributes: p.attributes.map((a) => ({ name: a.name, question: a.question, values: a.values.join(', ') })),
    quotaAttribute: p.quota?.attribute ?? '',
    minimums: p.quota
      ? Object.entries(p.quota.minimums)
          .map(([value, n]) => `${value}=${n}`)
          .join(', ')
      : '',
  };
}

const splitList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

export type BuiltDiversity = { ok: true; policy: DiversityPolicy } | { ok: false; errors: Record<DiversityField, string> };

// The policy to send, or an error per field; `overlap` is the project's (the minimums may not
// add up to more labels than a task takes).
export function diversityFromForm(form: DiversityForm, overlap: number): BuiltDiversity {
  const errors: Record<DiversityField, string> = {};
  const attributes: DiversityAttribute[] = [];
  const names = new Set<string>();
  form.attributes.forEach((row, i) => {
    const name = row.name.trim();
    if (!/^[a-z0-9_]{1,40}$/.test(name)) errors[`attributes[${i}].name`] = 'Use 1 to 40 of a-z, 0-9 and _ (for example "region").';
    else if (names.has(name)) errors[`attributes[${i}].name`] = 'Another question already uses this name.';
    names.add(name);
    const question = row.question.trim();
    if (question.length === 0) errors[`attributes[${i}].question`] = 'Write what annotators are asked.';
    const values = splitList(row.values);
    if (values.length === 0) errors[`attributes[${i}].values`] = 'List the answers annotators may choose, separated by commas.';
    else if (new Set(values).size !== values.length) errors[`attributes[${i}].values`] = 'An answer is listed twice.';
    attributes.push({ name, question, values });
  });
  let quota: DiversityQuota | null = null;
  if (form.quotaAttribute !== '') {
    const attribute = attributes.find((a) => a.name === form.quotaAttribute);
    if (!attribute) errors['quota.attribute'] = 'Choose one of the questions above.';
    const minimums: Record<string, number> = {};
    let sum = 0;
    for (const part of splitList(form.minimums)) {
      const m = /^(.+?)\s*[=:]\s*(\d{1,4})$/.exec(part);
      if (!m) {
        errors['quota.minimums'] = `Write each minimum as answer=labels, e.g. "EU=1" ("${part}" is not).`;
        break;
      }
      const value = m[1]!.trim();
      const n = Number(m[2]);
      if (attribute && !attribute.values.includes(value)) {
        errors['quota.minimums'] = `"${value}" is not one of the answers of "${attribute.name}".`;
        break;
      }
      if (n < 1) {
        errors['quota.minimums'] = 'Each minimum is at least 1 label per task.';
        break;
      }
      minimums[value] = n;
      sum += n;
    }
    if (!errors['quota.minimums'] && Object.keys(minimums).length === 0) errors['quota.minimums'] = 'Give at least one answer a minimum, e.g. "EU=1".';
    else if (!errors['quota.minimums'] && sum > overlap)
      errors['quota.minimums'] = `These add up to ${sum} labels per task, more than the project's overlap (${overlap}).`;
    quota = { attribute: form.quotaAttribute, minimums };
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, policy: { attributes, quota } };
}

// "diversity.attributes[1].values[0]" -> "attributes[1].values"; "diversity.quota.minimums.EU"
// -> "quota.minimums"; null for a field the form does not have.
export function diversityFieldOf(serverField: string): DiversityField | null {
  const attribute = /^diversity\.attributes\[(\d+)\]\.(name|question|values)/.exec(serverField);
  if (attribute) return `attributes[${attribute[1]}].${attribute[2]}`;
  const quota = /^diversity\.quota\.(attribute|minimums)/.exec(serverField);
  if (quota) return `quota.${quota[1]}`;
  return null;
}

// One segment of a group's stacked bar.
export interface BarSegment {
  label: string;
  count: number;
  share: number; // of the group's labels, 0..1
  x: number;
  width: number;
  fill: string;
}

export const optionColour = (index: number) => `hsl(${Math.round((index * 137.508 + 200) % 360)}, 60%, 48%)`;

// The segments of a bar `width` wide for a group's distribution, in option order; options with
// no label take no room. A group with no labels has no segments.
export function layoutBar(distribution: { label: string; count: number }[], width: number, left = 0): BarSegment[] {
  const total = distribution.reduce((sum, d) => sum + d.count, 0);
  if (total === 0) return [];
  const segments: BarSegment[] = [];
  let x = left;
  distribution.forEach((d, i) => {
    if (d.count === 0) return;
    const w = (d.count / total) * width;
    segments.push({ label: d.label, count: d.count, share: d.count / total, x, width: w, fill: optionColour(i) });
    x += w;
  });
  return segments;
}

// "62%" for a share, whole percent.
export const percentText = (share: number) => `${Math.round(share * 100)}%`;

// The body of PUT /diversity/me: the chosen answers, '' meaning "prefer not to say" (null).
export function answersBody(choices: Record<string, string>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [attribute, value] of Object.entries(choices)) out[attribute] = value === '' ? null : value;
  return out;
}
