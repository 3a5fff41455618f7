import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, formFromPolicy, fromCountText, fromPercentText, percentLabel, policyFieldOf, policyFromForm, toPercentText } from './policy';

describe('percent conversions', () => {
  it('shows fractions as the percents a person would write', () => {
    expect(toPercentText(0.08)).toBe('8');
    expect(toPercentText(0.07)).toBe('7');
    expect(toPercentText(0.125)).toBe('12.5');
    expect(toPercentText(0.9)).toBe('90');
    expect(toPercentText(0)).toBe('0');
    expect(toPercentText(0.5)).toBe('50');
    expect(toPercentText(1 / 3)).toBe('33.3333');
  });

  it('reads percents back into fractions without float noise', () => {
    expect(fromPercentText('8')).toBe(0.08);
    expect(fromPercentText('7')).toBe(0.07);
    expect(fromPercentText(' 12.5 ')).toBe(0.125);
    expect(fromPercentText('70%')).toBe(0.7);
    expect(fromPercentText('.5')).toBe(0.005);
    expect(fromPercentText('0')).toBe(0);
    expect(fromPercentText('-5')).toBe(-0.05); // The server says it is out of range.
    for (const bad of ['', 'abc', '8..1', '1e3', '5 %x']) expect(fromPercentText(bad)).toBeNull();
  });

  it('round-trips every percent with up to 2 decimals', () => {
    for (let hundredths = 0; hundredths <= 10000; hundredths += 7) {
      const text = String(hundredths / 100);
      expect(toPercentText(fromPercentText(text)!)).toBe(text);
    }
  });

  it('reads counts as whole numbers only', () => {
    expect(fromCountText(' 25 ')).toBe(25);
    expect(fromCountText('0')).toBe(0);
    expect(fromCountText('2.5')).toBeNull();
    expect(fromCountText('')).toBeNull();
  });

  it('labels accuracy with one decimal', () => {
    expect(percentLabel(0.9166667)).toBe('91.7%');
    expect(percentLabel(1)).toBe('100%');
    expect(percentLabel(0)).toBe('0%');
  });
});

describe('the policy form', () => {
  it('fills in defaults for fields the server left out', () => {
    expect(formFromPolicy(undefined)).toEqual({
      rate: '8',
      max_exposures: '25',
      warn_below: '90',
      pause_below: '70',
      min_answers: '10',
      qualification_items: '0',
      qualification_pass: '95',
      qualification_attempts: '2',
    });
    expect(formFromPolicy({ rate: 0.5, min_answers: 2 }).rate).toBe('50');
    expect(formFromPolicy({ rate: 0.5, min_answers: 2 }).min_answers).toBe('2');
  });

  it('builds the policy the server takes, or says which fields are not numbers', () => {
    expect(policyFromForm(formFromPolicy(DEFAULT_POLICY))).toEqual({ ok: true, policy: DEFAULT_POLICY });
    const qualification = { qualification_items: '5', qualification_pass: '80', qualification_attempts: '3' };
    const built = policyFromForm({ rate: '50', max_exposures: '3', warn_below: '95', pause_below: '80', min_answers: '2', ...qualification });
    expect(built).toEqual({
      ok: true,
      policy: {
        rate: 0.5,
        max_exposures: 3,
        warn_below: 0.95,
        pause_below: 0.8,
        min_answers: 2,
        qualification_items: 5,
        qualification_pass: 0.8,
        qualification_attempts: 3,
      },
    });
    const bad = policyFromForm({ rate: 'x', max_exposures: '3.5', warn_below: '95', pause_below: '80', min_answers: '2', ...qualification });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(['max_exposures', 'rate']);
  });

  it('maps the server error field to the form field', () => {
    expect(policyFieldOf('gold.rate')).toBe('rate');
    expect(policyFieldOf('gold.pause_below')).toBe('pause_below');
    expect(policyFieldOf('gold.nonsense')).toBeNull();
    expect(policyFieldOf('version')).toBeNull();
    expect(policyFieldOf(undefined)).toBeNull();
  });
});
