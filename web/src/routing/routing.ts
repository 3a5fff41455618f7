// The routing policy form's pure logic (tiers and dynamic overlap, docs/openapi.yaml
// RoutingPolicy): the form keeps text per field; the PATCH body is the whole policy, because
// fields the server is not sent fall back to their defaults. Ranges are checked here only so a
// person sees the mistake beside the field at once; the server judges them too and its errors
// name the field ("routing.max_overlap").
import { ApiError } from '../api';
import { choicesControls } from '../interface_builder';
import type { LabelInterface, RoutingPolicy, Tier } from '../types';

export type { RoutingPolicy };

export const TIERS: Tier[] = ['crowd', 'expert', 'gold_maker'];

export const DEFAULT_ROUTING: RoutingPolicy = {
  required_tier: 'crowd',
  dynamic: false,
  max_overlap: 5,
  agree_at: 0.7,
  stop_confidence: 0.95,
  min_labels: 2,
  prior_skill: 0.7,
  control: '',
};

export type NumberField = 'max_overlap' | 'agree_at' | 'stop_confidence' | 'min_labels' | 'prior_skill';
export type RoutingField = keyof RoutingPolicy;
export const NUMBER_FIELDS: NumberField[] = ['max_overlap', 'agree_at', 'stop_confidence', 'min_labels', 'prior_skill'];
const WHOLE = new Set<NumberField>(['max_overlap', 'min_labels']);
export const isWholeField = (field: NumberField) => WHOLE.has(field);

// Each number's range; max_overlap's lower bound is the project's overlap.
export function rangeOf(field: NumberField, overlap: number): { min: number; max: number } {
  switch (field) {
    case 'max_overlap':
      return { min: Math.max(1, overlap), max: 1000 };
    case 'min_labels':
      return { min: 1, max: 1000 };
    case 'prior_skill':
      return { min: 0, max: 1 };
    default:
      return { min: 0.5, max: 1 };
  }
}

export interface RoutingForm {
  required_tier: Tier;
  dynamic: boolean;
  control: string;
  numbers: Record<NumberField, string>;
}

// The form for a project's policy; fields the server left out show their defaults.
export function formFromRouting(policy: Partial<RoutingPolicy> | undefined | null): RoutingForm {
  const full = { ...DEFAULT_ROUTING, ...(policy ?? {}) };
  const numbers = {} as Record<NumberField, string>;
  for (const field of NUMBER_FIELDS) numbers[field] = String(full[field]);
  return { required_tier: full.required_tier, dynamic: full.dynamic, control: full.control, numbers };
}

export type BuiltRouting = { ok: true; routing: RoutingPolicy } | { ok: false; errors: Partial<Record<RoutingField, string>> };

// The `routing` of PATCH /projects/{p} (the whole object), or what is wrong per field.
export function routingFromForm(form: RoutingForm, overlap: number): BuiltRouting {
  const errors: Partial<Record<RoutingField, string>> = {};
  const routing: RoutingPolicy = { ...DEFAULT_ROUTING, required_tier: form.required_tier, dynamic: form.dynamic, control: form.control };
  for (const field of NUMBER_FIELDS) {
    const text = form.numbers[field].trim();
    const whole = isWholeField(field);
    const pattern = whole ? /^\d+$/ : /^(\d+\.?\d*|\.\d+)$/;
    const { min, max } = rangeOf(field, overlap);
    if (!pattern.test(text)) {
      errors[field] = whole ? 'Give a whole number.' : 'Give a number, e.g. 0.8.';
      continue;
    }
    const value = Number(text);
    if (value < min || value > max) errors[field] = `Give a number from ${min} to ${max}.`;
    else routing[field] = value;
  }
  if (!TIERS.includes(form.required_tier)) errors.required_tier = 'Pick a tier.';
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, routing };
}

// The form field a server error names: "routing.agree_at" → agree_at; null for others.
export function routingFieldOf(errorField: string | undefined): RoutingField | null {
  const match = /^routing\.([a-z_]+)/.exec(errorField ?? '');
  const field = match?.[1];
  return field && field in DEFAULT_ROUTING ? (field as RoutingField) : null;
}

// The names of the controls dynamic overlap can judge on: choices taking one option.
export function singleChoiceControls(labelInterface: LabelInterface | null | undefined): string[] {
  return choicesControls(labelInterface)
    .filter((c) => !c.multiple)
    .map((c) => c.name);
}

// The server's message when `error` is next/submit refusing the caller's tier, else null.
export function tierRefusalOf(error: unknown): string | null {
  return error instanceof ApiError && error.status === 403 && error.field === 'tier' ? error.message : null;
}

export const TIER_LABELS: Record<Tier, string> = { crowd: 'Crowd', expert: 'Expert', gold_maker: 'Gold maker' };
