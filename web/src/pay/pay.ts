// Pure logic of the Pay page: money in integer cents shown as currency units ("12.00"), the pay
// policy form (text fields) to and from the server's PayPolicy (docs/openapi.yaml), the server's
// field names ("pay.rates.crowd") mapped to form fields, and the budget bar's geometry.
import type { Tier } from '../types';

export type PayMode = 'per_task' | 'per_hour';

export interface PayPolicy {
  mode: PayMode;
  rates: Record<Tier, number>; // cents per label (per_task) or per hour (per_hour)
  floor_cents_per_hour: number; // effective hourly pay under which a manager is alerted
  budget_cents: number; // 0: no budget
  pay_skipped: boolean; // per task: a skip is paid like a label
}

export const PAY_TIERS: Tier[] = ['crowd', 'expert', 'gold_maker'];

// The server's defaults (domain/pay_policy.h); the floor is a placeholder for the legal minimum wage.
export const DEFAULT_PAY: PayPolicy = {
  mode: 'per_hour',
  rates: { crowd: 0, expert: 0, gold_maker: 0 },
  floor_cents_per_hour: 1200,
  budget_cents: 0,
  pay_skipped: false,
};

// "12.00", "-3.05", "1234.56": no grouping, so the text is the same in every locale.
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

// Fractional cents (cost per label) to two decimals of currency units, rounded half up.
export function formatFractionalCents(cents: number): string {
  return formatCents(Math.round(cents));
}

// "12", "12.5", "12.50" -> cents; null for anything else (negative, more than 2 decimals, text).
export function parseMoney(text: string): number | null {
  const m = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

// Hours of active time, two decimals.
export function formatHours(ms: number): string {
  return (ms / 3_600_000).toFixed(2);
}

export type MoneyField = 'crowd' | 'expert' | 'gold_maker' | 'floor' | 'budget';
export type PayField = MoneyField | 'mode' | 'pay_skipped';

export interface PayForm {
  mode: PayMode;
  money: Record<MoneyField, string>;
  pay_skipped: boolean;
}

export function formFromPay(pay: Partial<PayPolicy> | undefined): PayForm {
  const p = { ...DEFAULT_PAY, ...(pay ?? {}), rates: { ...DEFAULT_PAY.rates, ...(pay?.rates ?? {}) } };
  return {
    mode: p.mode,
    money: {
      crowd: formatCents(p.rates.crowd),
      expert: formatCents(p.rates.expert),
      gold_maker: formatCents(p.rates.gold_maker),
      floor: formatCents(p.floor_cents_per_hour),
      budget: formatCents(p.budget_cents),
    },
    pay_skipped: p.pay_skipped,
  };
}

export type PayBuild = { ok: true; pay: PayPolicy } | { ok: false; errors: Partial<Record<PayField, string>> };

// The whole policy for the PATCH body, or one message per field that is not an amount.
export function payFromForm(form: PayForm): PayBuild {
  const errors: Partial<Record<PayField, string>> = {};
  const cents = {} as Record<MoneyField, number>;
  for (const field of Object.keys(form.money) as MoneyField[]) {
    const value = parseMoney(form.money[field]);
    if (value === null) errors[field] = 'Enter an amount such as 12.00 (no sign, at most two decimals).';
    else cents[field] = value;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    pay: {
      mode: form.mode,
      rates: { crowd: cents.crowd, expert: cents.expert, gold_maker: cents.gold_maker },
      floor_cents_per_hour: cents.floor,
      budget_cents: cents.budget,
      pay_skipped: form.pay_skipped,
    },
  };
}

// The form field a server error names ("pay.rates.expert" -> "expert"), or null.
export function payFieldOf(field: string | undefined): PayField | null {
  switch (field) {
    case 'pay.rates.crowd':
      return 'crowd';
    case 'pay.rates.expert':
      return 'expert';
    case 'pay.rates.gold_maker':
      return 'gold_maker';
    case 'pay.floor_cents_per_hour':
      return 'floor';
    case 'pay.budget_cents':
      return 'budget';
    case 'pay.mode':
      return 'mode';
    case 'pay.pay_skipped':
      return 'pay_skipped';
    default:
      return null;
  }
}

export interface BudgetBar {
  used: number; // width of the spent part within the budget
  over: number; // width of the overspend, drawn past the budget's end
  total: number; // width the budget spans
  percent: number; // spent as a whole percent of the budget
}

// The budget bar: the budget spans `width` when not exceeded; an overspend shrinks the budget
// so budget + overspend fit in `width`. null without a budget.
export function budgetBar(spent: number, budget: number, width: number): BudgetBar | null {
  if (budget <= 0) return null;
  const scale = width / Math.max(budget, spent);
  const used = Math.min(spent, budget) * scale;
  return {
    used,
    over: Math.max(0, spent - budget) * scale,
    total: budget * scale,
    percent: Math.round((spent / budget) * 100),
  };
}
