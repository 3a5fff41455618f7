import { describe, expect, it } from 'vitest';
import { DEFAULT_WELLBEING, formFromWellbeing, holdText, wellbeingFieldOf, wellbeingFromForm } from './wellbeing';

describe('the wellbeing policy form', () => {
  it('starts from the server defaults and round-trips a policy', () => {
    const form = formFromWellbeing(undefined);
    expect(form.numbers.daily_cap).toBe('50');
    expect(form.enabled).toBe(false);
    const built = wellbeingFromForm(form);
    expect(built).toEqual({ ok: true, policy: DEFAULT_WELLBEING });
    const policy = { ...DEFAULT_WELLBEING, enabled: true, daily_cap: 3, ordinary_between: 0, opt_out_allowed: false };
    expect(wellbeingFromForm(formFromWellbeing(policy))).toEqual({ ok: true, policy });
  });

  it('refuses numbers out of range or not whole, per field', () => {
    const form = formFromWellbeing(DEFAULT_WELLBEING);
    form.numbers.daily_cap = '0';
    form.numbers.break_minutes = '2.5';
    form.numbers.ordinary_between = '0';
    const built = wellbeingFromForm(form);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(Object.keys(built.errors).sort()).toEqual(['break_minutes', 'daily_cap']);
    expect(built.errors.daily_cap).toContain('1 to 100000');
  });

  it('maps the server field names to form fields', () => {
    expect(wellbeingFieldOf('wellbeing.session_cap')).toBe('session_cap');
    expect(wellbeingFieldOf('wellbeing.enabled')).toBe('enabled');
    expect(wellbeingFieldOf('wellbeing.colour')).toBeNull();
    expect(wellbeingFieldOf('pay.budget_cents')).toBeNull();
  });
});

describe('the break screen text', () => {
  const now = Date.UTC(2026, 10, 25, 10, 0);
  it('says when sensitive work resumes', () => {
    const until = now + 15 * 60_000;
    const text = holdText({ reason: 'break', until }, now, 'en-GB');
    expect(text.title).toBe('Time for a break');
    expect(text.detail).toContain(new Date(until).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' }));
    expect(holdText({ reason: 'daily_cap', until: now + 14 * 3_600_000 }, now, 'en-GB').title).toBe('Daily limit reached');
    expect(holdText({ reason: 'opted_out', until: null }, now).detail).toContain('opted out');
  });
});
