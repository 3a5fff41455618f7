import { describe, expect, it } from 'vitest';
import type { Account } from '../types';
import {
  attributesFromRows,
  attributesText,
  buildPatch,
  centsFromText,
  formFromAccount,
  MAX_ATTRIBUTES,
  rowsFromAttributes,
  textFromCents,
} from './attributes';

const rows = (...pairs: Array<[string, string]>) => pairs.map(([key, value], i) => ({ id: i + 1, key, value }));

const account: Account = {
  id: 7,
  email: 'ann@example.org',
  display_name: 'Ann',
  role: 'annotator',
  tier: 'crowd',
  attributes: { region: 'eu' },
  pay_rate_cents_per_hour: 1210,
  disabled: false,
  created_at: 0,
  version: 3,
};

describe('attributesFromRows', () => {
  it('turns rows into a map, trimming and skipping blank rows', () => {
    expect(attributesFromRows(rows([' region ', ' eu '], ['', ''], ['language', 'fr']))).toEqual({
      ok: true,
      attributes: { region: 'eu', language: 'fr' },
    });
  });

  it('refuses keys outside a-z, 0-9 and _, naming the row', () => {
    const result = attributesFromRows(rows(['region', 'eu'], ['Home-Town', 'x']));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual([expect.stringMatching(/^Attribute 2: .*"Home-Town".*a-z/)]);
  });

  it('refuses a value without a name, a name without a value, and a name given twice', () => {
    const result = attributesFromRows(rows(['', 'eu'], ['language', ''], ['age', '30'], ['age', '31']));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toHaveLength(3);
      expect(result.errors[0]).toMatch(/Attribute 1: give it a name/);
      expect(result.errors[1]).toMatch(/Attribute 2: give "language" a value/);
      expect(result.errors[2]).toMatch(/Attribute 4: "age" is given twice/);
    }
  });

  it('counts value bytes as UTF-8 and bounds the number of attributes', () => {
    expect(attributesFromRows(rows(['bio', 'é'.repeat(100)])).ok).toBe(true);
    expect(attributesFromRows(rows(['bio', 'é'.repeat(101)])).ok).toBe(false);
    const many = Array.from({ length: MAX_ATTRIBUTES + 1 }, (_, i): [string, string] => [`k${i}`, 'v']);
    const result = attributesFromRows(rows(...many));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual([`At most ${MAX_ATTRIBUTES} attributes; remove 1.`]);
  });
});

describe('rows and text of attributes', () => {
  it('lists rows and "key: value" text in key order; markup stays a plain string', () => {
    const attributes = { region: 'eu', language: '<img src=x onerror=alert(1)>' };
    expect(rowsFromAttributes(attributes).map((r) => r.key)).toEqual(['language', 'region']);
    expect(attributesText(attributes)).toBe('language: <img src=x onerror=alert(1)>, region: eu');
    expect(attributesText({})).toBe('');
  });
});

describe('pay rates between units and cents', () => {
  it('reads amounts exactly, without floating-point errors', () => {
    expect(centsFromText('12.50')).toEqual({ ok: true, cents: 1250 });
    expect(centsFromText('12.1')).toEqual({ ok: true, cents: 1210 });
    expect(centsFromText('0.29')).toEqual({ ok: true, cents: 29 }); // 0.29 * 100 = 28.999999999999996
    expect(centsFromText('0.07')).toEqual({ ok: true, cents: 7 }); // 0.07 * 100 = 7.000000000000001
    expect(centsFromText('12,5')).toEqual({ ok: true, cents: 1250 });
    expect(centsFromText(' 7 ')).toEqual({ ok: true, cents: 700 });
    expect(centsFromText('.5')).toEqual({ ok: true, cents: 50 });
    expect(centsFromText('007.')).toEqual({ ok: true, cents: 700 });
    expect(centsFromText('')).toEqual({ ok: true, cents: null });
  });

  it('refuses negatives, a third decimal, text and absurd amounts', () => {
    expect(centsFromText('-1')).toEqual({ ok: false, error: expect.stringMatching(/negative/) });
    expect(centsFromText('1.005')).toEqual({ ok: false, error: expect.stringMatching(/two decimals/) });
    expect(centsFromText('12 EUR')).toEqual({ ok: false, error: expect.stringMatching(/not an amount/) });
    expect(centsFromText('.')).toEqual({ ok: false, error: expect.stringMatching(/not an amount/) });
    expect(centsFromText('1e3')).toEqual({ ok: false, error: expect.stringMatching(/not an amount/) });
    expect(centsFromText('1234567890')).toEqual({ ok: false, error: expect.stringMatching(/too large/) });
  });

  it('writes cents as units with two decimals and round-trips', () => {
    expect(textFromCents(1250)).toBe('12.50');
    expect(textFromCents(5)).toBe('0.05');
    expect(textFromCents(0)).toBe('0.00');
    expect(textFromCents(null)).toBe('');
    for (const cents of [0, 1, 29, 99, 100, 1210, 123456789]) {
      expect(centsFromText(textFromCents(cents))).toEqual({ ok: true, cents });
    }
  });
});

describe('buildPatch', () => {
  it('is null when nothing changed (attribute order does not count)', () => {
    expect(buildPatch(account, formFromAccount(account))).toEqual({ ok: true, patch: null });
    const form = { ...formFromAccount(account), payRate: '12.1' };
    expect(buildPatch(account, form)).toEqual({ ok: true, patch: null });
  });

  it('sends only the changed fields, with the version read', () => {
    const form = {
      ...formFromAccount(account),
      tier: 'expert' as const,
      rows: rows(['region', 'eu'], ['language', 'fr']),
      payRate: '12.50',
    };
    expect(buildPatch(account, form)).toEqual({
      ok: true,
      patch: { version: 3, tier: 'expert', attributes: { region: 'eu', language: 'fr' }, pay_rate_cents_per_hour: 1250 },
    });
    expect(buildPatch(account, { ...formFromAccount(account), role: 'reviewer' })).toEqual({
      ok: true,
      patch: { version: 3, role: 'reviewer' },
    });
  });

  it('clears the pay rate with null and all attributes with {}', () => {
    const form = { ...formFromAccount(account), rows: [], payRate: '' };
    expect(buildPatch(account, form)).toEqual({
      ok: true,
      patch: { version: 3, attributes: {}, pay_rate_cents_per_hour: null },
    });
  });

  it('collects the problems of rows and rate instead of a patch', () => {
    const form = { ...formFromAccount(account), rows: rows(['Bad Key', 'x']), payRate: '1.234' };
    const result = buildPatch(account, form);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toHaveLength(2);
  });
});
