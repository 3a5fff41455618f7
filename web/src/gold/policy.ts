// The gold policy form's pure logic: the server keeps fractions (0.08), people read and type
// percents (8), so both directions round to what a person would write (7, not 7.000000000000001).
// The form checks only that each field is a number; ranges and "pause at most warn" are the
// server's to judge, and its errors name the field ("gold.pause_below").
import type { GoldPolicy } from '../types';

export const DEFAULT_POLICY: GoldPolicy = {
  rate: 0.08,
  max_exposures: 25,
  warn_below: 0.9,
  pause_below: 0.7,
  min_answers: 10,
  qualification_items: 0,
  qualification_pass: 0.95,
  qualification_attempts: 2,
};

export type PolicyField = keyof GoldPolicy;
export const POLICY_FIELDS: PolicyField[] = [
  'rate',
  'max_exposures',
  'warn_below',
  'pause_below',
  'min_answers',
  'qualification_items',
  'qualification_pass',
  'qualification_attempts',
];
// Fields shown as percents; the others are counts.
const PERCENT_FIELDS = new Set<PolicyField>(['rate', 'warn_below', 'pause_below', 'qualification_pass']);
export const isPercentField = (field: PolicyField) => PERCENT_FIELDS.has(field);

// The form's text per field.
export type PolicyForm = Record<PolicyField, string>;

// 0.08 → "8", 0.125 → "12.5"; at most 4 decimals of a percent.
export function toPercentText(fraction: number): string {
  return String(Number((fraction * 100).toFixed(4)));
}

// "8" → 0.08, " 12.5 " → 0.125, "8%" → 0.08; null when not a number.
export function fromPercentText(text: string): number | null {
  const trimmed = text.trim().replace(/%$/, '').trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(trimmed)) return null;
  return Number((Number(trimmed) / 100).toFixed(8));
}

// "25" → 25; null for anything that is not a whole number.
export function fromCountText(text: string): number | null {
  const trimmed = text.trim();
  return /^[+-]?\d+$/.test(trimmed) ? Number(trimmed) : null;
}

// The form for a project's policy; fields the server left out show their defaults.
export function formFromPolicy(policy: Partial<GoldPolicy> | undefined): PolicyForm {
  const full = { ...DEFAULT_POLICY, ...(policy ?? {}) };
  const form = {} as PolicyForm;
  for (const field of POLICY_FIELDS) form[field] = isPercentField(field) ? toPercentText(full[field]) : String(full[field]);
  return form;
}

export type BuiltPolicy = { ok: true; policy: GoldPolicy } | { ok: false; errors: Partial<Record<PolicyField, string>> };

// The `gold` of PATCH /projects/{p}, or which fields are not numbers.
export function policyFromForm(form: PolicyForm): BuiltPolicy {
  const policy = {} as GoldPolicy;
  const errors: Partial<Record<PolicyField, string>> = {};
  for (const field of POLICY_FIELDS) {
    const value = isPercentField(field) ? fromPercentText(form[field]) : fromCountText(form[field]);
    if (value === null) errors[field] = isPercentField(field) ? 'Give a percent, e.g. 8 or 12.5.' : 'Give a whole number.';
    else policy[field] = value;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, policy };
}

// The form field a server error names: "gold.rate" → rate; null for other fields.
export function policyFieldOf(errorField: string | undefined): PolicyField | null {
  const match = /^gold\.([a-z_]+)/.exec(errorField ?? '');
  const field = match?.[1] as PolicyField | undefined;
  return field && POLICY_FIELDS.includes(field) ? field : null;
}

// 0.917 → "91.7%"; one decimal, as the accuracy table shows it.
export function percentLabel(fraction: number): string {
  return `${Number((fraction * 100).toFixed(1))}%`;
}
