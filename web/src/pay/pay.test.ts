import { describe, expect, it } from 'vitest';
import { budgetBar, DEFAULT_PAY, formatCents, formatFractionalCents, formatHours, formFromPay, parseMoney, payFieldOf, payFromForm } from './pay';

describe('money', () => {
  it('formats cents as currency units', () => {
    expect(formatCents(0)).toBe('0.00');
    expect(formatCents(5)).toBe('0.05');
    expect(formatCents(1200)).toBe('12.00');
    expect(formatCents(123456)).toBe('1234.56');
    expect(formatCents(-305)).toBe('-3.05');
    expect(formatFractionalCents(2350 / 3)).toBe('7.83');
    expect(formatHours(2_700_000)).toBe('0.75');
  });

  it('parses amounts to cents and refuses the rest', () => {
    expect(parseMoney('12')).toBe(1200);
    expect(parseMoney(' 12.5 ')).toBe(1250);
    expect(parseMoney('12,05')).toBe(1205);
    expect(parseMoney('0.07')).toBe(7);
    expect(parseMoney('-1')).toBeNull();
    expect(parseMoney('1.234')).toBeNull();
    expect(parseMoney('')).toBeNull();
    expect(parseMoney('1e3')).toBeNull();
  });
});

describe('pay form', () => {
  it('shows defaults for a policy the server left out', () => {
    const form = formFromPay(undefined);
    expect(form.mode).toBe('per_hour');
    expect(form.money).toEqual({ crowd: '0.00', expert: '0.00', gold_maker: '0.00', floor: '12.00', budget: '0.00' });
  });

  it('builds the whole policy in cents for the PATCH', () => {
    const form = formFromPay(undefined);
    form.mode = 'per_task';
    form.money.crowd = '0.5';
    form.money.expert = '1';
    form.money.floor = '15.25';
    form.money.budget = '1000';
    form.pay_skipped = true;
    expect(payFromForm(form)).toEqual({
      ok: true,
      pay: {
        mode: 'per_task',
        rates: { crowd: 50, expert: 100, gold_maker: 0 },
        floor_cents_per_hour: 1525,
        budget_cents: 100000,
        pay_skipped: true,
      },
    });
  });

  it('round-trips a policy unchanged', () => {
    const policy = { ...DEFAULT_PAY, rates: { crowd: 1805, expert: 3000, gold_maker: 1 }, budget_cents: 99 };
    expect(payFromForm(formFromPay(policy))).toEqual({ ok: true, pay: policy });
  });

  it('names each field that is not an amount', () => {
    const form = formFromPay(undefined);
    form.money.expert = 'lots';
    form.money.budget = '-5';
    const built = payFromForm(form);
    expect(built.ok).toBe(false);
    if (!built.ok) expect(Object.keys(built.errors).sort()).toEqual(['budget', 'expert']);
  });

  it('maps server field names to form fields', () => {
    expect(payFieldOf('pay.rates.gold_maker')).toBe('gold_maker');
    expect(payFieldOf('pay.budget_cents')).toBe('budget');
    expect(payFieldOf('pay.floor_cents_per_hour')).toBe('floor');
    expect(payFieldOf('routing.control')).toBeNull();
    expect(payFieldOf(undefined)).toBeNull();
  });
});

describe('budget bar', () => {
  it('spans the budget, with an overspend drawn past it', () => {
    expect(budgetBar(500, 0, 300)).toBeNull();
    expect(budgetBar(250, 1000, 400)).toEqual({ used: 100, over: 0, total: 400, percent: 25 });
    expect(budgetBar(1500, 1000, 300)).toEqual({ used: 200, over: 100, total: 200, percent: 150 });
  });
});
