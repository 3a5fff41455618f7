// The pure logic of editing an account on the People page: attribute rows (typed by an
// administrator) to the map the API stores, pay rates between the currency units shown and
// the integer cents the API keeps, and the PATCH body holding only what changed. The server
// checks everything again; these rules only let a person hear about a mistake at once.
import type { Account, Role, Tier, UserPatch } from '../types';

// Tighter than the server's bounds for administrators (64-byte keys, 1000-byte values), equal
// to the bounds of PATCH /api/v1/me, so the person can still edit their own attributes later.
export const MAX_ATTRIBUTES = 16;
export const MAX_KEY_BYTES = 64;
export const MAX_VALUE_BYTES = 200;
const KEY = /^[a-z0-9_]+$/;

// One editable key-value line of the form; `id` keeps the row's inputs stable across edits.
export interface AttributeRow {
  id: number;
  key: string;
  value: string;
}

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

// The rows for an account's attributes, in key order.
export function rowsFromAttributes(attributes: Record<string, string>, firstId = 1): AttributeRow[] {
  return Object.keys(attributes)
    .sort()
    .map((key, i) => ({ id: firstId + i, key, value: attributes[key]! }));
}

export type RowsResult = { ok: true; attributes: Record<string, string> } | { ok: false; errors: string[] };

// The attributes the rows describe, or every problem found (one message per problem, naming
// the row). Rows left wholly blank are ignored, so an added row can be left empty.
export function attributesFromRows(rows: AttributeRow[]): RowsResult {
  const errors: string[] = [];
  const attributes: Record<string, string> = {};
  const seen = new Set<string>();
  let count = 0;
  rows.forEach((row, i) => {
    const key = row.key.trim();
    const value = row.value.trim();
    const where = `Attribute ${i + 1}`;
    if (key === '' && value === '') return;
    ++count;
    if (key === '') {
      errors.push(`${where}: give it a name (letters a-z, digits and _), or remove the row.`);
      return;
    }
    if (!KEY.test(key)) {
      errors.push(`${where}: the name "${key}" may hold only lower-case letters a-z, digits 0-9 and _.`);
    } else if (utf8Bytes(key) > MAX_KEY_BYTES) {
      errors.push(`${where}: the name is longer than ${MAX_KEY_BYTES} characters.`);
    } else if (seen.has(key)) {
      errors.push(`${where}: "${key}" is given twice; keep one row per name.`);
    }
    seen.add(key);
    if (value === '') errors.push(`${where}: give "${key}" a value, or remove the row.`);
    else if (utf8Bytes(value) > MAX_VALUE_BYTES) {
      errors.push(`${where}: the value of "${key}" is longer than ${MAX_VALUE_BYTES} bytes.`);
    }
    attributes[key] = value;
  });
  if (count > MAX_ATTRIBUTES) errors.push(`At most ${MAX_ATTRIBUTES} attributes; remove ${count - MAX_ATTRIBUTES}.`);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, attributes };
}

// "key: value" pairs in key order, for the table.
export function attributesText(attributes: Record<string, string>): string {
  return Object.keys(attributes)
    .sort()
    .map((key) => `${key}: ${attributes[key]}`)
    .join(', ');
}

export function sameAttributes(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

// Highest rate accepted: keeps cents well inside exact integers of a double.
const MAX_UNITS_DIGITS = 9;

export type MoneyResult = { ok: true; cents: number | null } | { ok: false; error: string };

// A rate typed in currency units ("12.50", "12,5", "12") as integer cents, by string
// arithmetic (12.10 * 100 is 1209.9999999999998 in floating point). Empty: no rate (null).
export function centsFromText(text: string): MoneyResult {
  const t = text.trim().replace(/\s/g, '');
  if (t === '') return { ok: true, cents: null };
  if (t.startsWith('-')) return { ok: false, error: 'The pay rate cannot be negative.' };
  const match = /^(\d*)(?:[.,](\d*))?$/.exec(t);
  if (!match || (match[1] === '' && (match[2] ?? '') === '')) {
    return { ok: false, error: `"${text.trim()}" is not an amount; write it like 12.50.` };
  }
  const units = match[1]!.replace(/^0+(?=\d)/, '');
  const fraction = match[2] ?? '';
  if (fraction.length > 2) return { ok: false, error: 'The pay rate has at most two decimals (cents).' };
  if (units.length > MAX_UNITS_DIGITS) return { ok: false, error: 'The pay rate is too large.' };
  return { ok: true, cents: Number(units || '0') * 100 + Number(fraction.padEnd(2, '0')) };
}

// Integer cents as currency units with two decimals ("12.50"); '' for no rate.
export function textFromCents(cents: number | null): string {
  if (cents === null) return '';
  const whole = Math.trunc(cents / 100);
  const rest = String(Math.abs(cents % 100)).padStart(2, '0');
  return `${cents < 0 && whole === 0 ? '-' : ''}${whole}.${rest}`;
}

// What the editor holds besides the account it started from.
export interface AccountForm {
  role: Role;
  tier: Tier;
  rows: AttributeRow[];
  payRate: string; // As typed, in currency units.
}

export function formFromAccount(account: Account): AccountForm {
  return {
    role: account.role,
    tier: account.tier,
    rows: rowsFromAttributes(account.attributes ?? {}),
    payRate: textFromCents(account.pay_rate_cents_per_hour),
  };
}

export type PatchResult = { ok: true; patch: UserPatch | null } | { ok: false; errors: string[] };

// The PATCH body for the changes made to `account` (with its version), null when nothing
// changed, or the problems that keep the form from being sent.
export function buildPatch(account: Account, form: AccountForm): PatchResult {
  const rows = attributesFromRows(form.rows);
  const money = centsFromText(form.payRate);
  const errors = [...(rows.ok ? [] : rows.errors), ...(money.ok ? [] : [money.error])];
  if (!rows.ok || !money.ok) return { ok: false, errors };
  const patch: UserPatch = { version: account.version };
  if (form.role !== account.role) patch.role = form.role;
  if (form.tier !== account.tier) patch.tier = form.tier;
  if (!sameAttributes(rows.attributes, account.attributes ?? {})) patch.attributes = rows.attributes;
  if (money.cents !== account.pay_rate_cents_per_hour) patch.pay_rate_cents_per_hour = money.cents;
  return { ok: true, patch: Object.keys(patch).length > 1 ? patch : null };
}
