// Pure logic of annotator wellbeing (docs/user-guide.md, "Annotator wellbeing"): the policy
// (docs/openapi.yaml WellbeingPolicy) to and from its form, the server's field names
// ("wellbeing.daily_cap") mapped to form fields, and what the studio says when sensitive work
// is held back.

export interface WellbeingPolicy {
  enabled: boolean;
  daily_cap: number; // sensitive items per annotator per UTC day
  session_cap: number; // per working session
  session_gap_minutes: number; // a pause this long ends a session
  break_after: number; // sensitive items in a run that force a break
  break_minutes: number; // how long the break lasts
  ordinary_between: number; // ordinary items after each sensitive one
  opt_out_allowed: boolean;
}

// The server's defaults (domain/wellbeing_policy.h): starting points to adjust, not findings.
export const DEFAULT_WELLBEING: WellbeingPolicy = {
  enabled: false,
  daily_cap: 50,
  session_cap: 20,
  session_gap_minutes: 30,
  break_after: 10,
  break_minutes: 15,
  ordinary_between: 1,
  opt_out_allowed: true,
};

export type NumberField = 'daily_cap' | 'session_cap' | 'session_gap_minutes' | 'break_after' | 'break_minutes' | 'ordinary_between';
export type WellbeingField = NumberField | 'enabled' | 'opt_out_allowed';

// Each number's range (the server's, domain/wellbeing_policy.cc) and its unit.
export const NUMBER_FIELDS: { field: NumberField; label: string; hint: string; min: number; max: number }[] = [
  { field: 'daily_cap', label: 'Daily cap', hint: 'Sensitive items per annotator per day (UTC).', min: 1, max: 100000 },
  { field: 'session_cap', label: 'Session cap', hint: 'Sensitive items per working session.', min: 1, max: 100000 },
  {
    field: 'session_gap_minutes',
    label: 'Session gap (minutes)',
    hint: 'A pause this long without finishing a task ends a session.',
    min: 1,
    max: 10080,
  },
  { field: 'break_after', label: 'Break after', hint: 'Sensitive items in a run that force a break.', min: 1, max: 100000 },
  {
    field: 'break_minutes',
    label: 'Break (minutes)',
    hint: 'How long the break lasts; ordinary work continues during it.',
    min: 1,
    max: 10080,
  },
  {
    field: 'ordinary_between',
    label: 'Ordinary items between',
    hint: 'Ordinary items served after each sensitive one, when there are any (0: no rotation).',
    min: 0,
    max: 100,
  },
];

export interface WellbeingForm {
  enabled: boolean;
  opt_out_allowed: boolean;
  numbers: Record<NumberField, string>;
}

export function formFromWellbeing(policy: Partial<WellbeingPolicy> | undefined): WellbeingForm {
  const p = { ...DEFAULT_WELLBEING, ...(policy ?? {}) };
  const numbers = {} as Record<NumberField, string>;
  for (const { field } of NUMBER_FIELDS) numbers[field] = String(p[field]);
  return { enabled: p.enabled, opt_out_allowed: p.opt_out_allowed, numbers };
}

export type BuiltWellbeing = { ok: true; policy: WellbeingPolicy } | { ok: false; errors: Partial<Record<WellbeingField, string>> };

// The policy to send, or an error per field (whole numbers in range).
export function wellbeingFromForm(form: WellbeingForm): BuiltWellbeing {
  const errors: Partial<Record<WellbeingField, string>> = {};
  const policy: WellbeingPolicy = { ...DEFAULT_WELLBEING, enabled: form.enabled, opt_out_allowed: form.opt_out_allowed };
  for (const { field, min, max } of NUMBER_FIELDS) {
    const text = form.numbers[field].trim();
    const n = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) errors[field] = `Enter a whole number from ${min} to ${max}.`;
    else policy[field] = n;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, policy };
}

// "wellbeing.daily_cap" -> "daily_cap"; null for a field the form does not have.
export function wellbeingFieldOf(serverField: string): WellbeingField | null {
  const m = /^wellbeing\.(\w+)$/.exec(serverField);
  const name = m?.[1];
  if (!name) return null;
  if (name === 'enabled' || name === 'opt_out_allowed') return name;
  return NUMBER_FIELDS.some((f) => f.field === name) ? (name as NumberField) : null;
}

export type HoldReason = 'opted_out' | 'daily_cap' | 'session_cap' | 'break';

export interface WellbeingHold {
  reason: HoldReason;
  until: number | null; // Unix milliseconds; null for an opt-out
}

// "14:05" in the viewer's time zone, or the date too when it is not today.
export function clockText(ms: number, now: number, locale?: string): string {
  const at = new Date(ms);
  const time = at.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  return at.toDateString() === new Date(now).toDateString() ? time : `${at.toLocaleDateString(locale)} ${time}`;
}

// What the break screen says: a heading and why, with when sensitive work resumes.
export function holdText(hold: WellbeingHold, now: number, locale?: string): { title: string; detail: string } {
  const when = hold.until !== null ? clockText(hold.until, now, locale) : '';
  switch (hold.reason) {
    case 'break':
      return {
        title: 'Time for a break',
        detail: `You have seen several sensitive items in a row. Sensitive work resumes at ${when}; step away from the screen for a while.`,
      };
    case 'session_cap':
      return {
        title: 'Session limit reached',
        detail: `You have reached this session's limit of sensitive items. Sensitive work resumes after a pause, at ${when} at the earliest.`,
      };
    case 'daily_cap':
      return {
        title: 'Daily limit reached',
        detail: `You have reached today's limit of sensitive items. Sensitive work resumes at ${when}.`,
      };
    case 'opted_out':
      return {
        title: 'Only sensitive items are left',
        detail: 'You opted out of sensitive items in this project, and only those are left. Switch the opt-out off below to see them.',
      };
  }
}
