// The pay policy of a project (admins, managers): per task or per hour, a rate per tier, the
// hourly floor and the budget, all typed as currency units ("12.00") and sent as cents. Saved
// whole with the project's version read (409 when someone saved since); a server error naming a
// field ("pay.rates.expert") shows beside that field.
import { PolicyFormFooter } from '../policy_form_footer';
import { usePolicyForm } from '../policy_form_state';
import type { Project } from '../types';
import { formFromPay, payFieldOf, payFromForm, type MoneyField, type PayField, type PayForm, type PayMode } from './pay';

const MONEY_LABELS: Record<MoneyField, { label: string; hint: string }> = {
  crowd: { label: 'Crowd rate', hint: 'For crowd annotators' },
  expert: { label: 'Expert rate', hint: 'For experts' },
  gold_maker: { label: 'Gold maker rate', hint: 'For gold makers' },
  floor: {
    label: 'Hourly floor',
    hint: 'Effective pay per active hour under which you are alerted. Set it to at least the legal minimum wage where your annotators work.',
  },
  budget: { label: 'Budget', hint: 'What the project may spend; 0.00 means no budget.' },
};

export function PayFormPanel({ project, onSaved }: { project: Project; onSaved: (p: Project) => void }) {
  const { form, change, errors, error, saved, busy, save } = usePolicyForm(project, onSaved, {
    key: 'pay',
    toForm: (p: Project) => formFromPay(p.pay),
    build: (f: PayForm) => {
      const built = payFromForm(f);
      return built.ok ? { ok: true, value: built.pay } : built;
    },
    fieldOf: payFieldOf,
  });

  const fieldError = (field: PayField) =>
    errors[field] ? (
      <span class="field-error" role="alert" data-field={field}>
        {errors[field]}
      </span>
    ) : null;
  const rateUnit = form.mode === 'per_task' ? 'per label.' : 'per hour; 0.00 uses the annotator’s own rate.';

  return (
    <section class="card" aria-labelledby="pay-policy-heading">
      <h2 id="pay-policy-heading">Pay policy</h2>
      <form class="gold-policy pay-policy" onSubmit={save} noValidate>
        <div class="gold-policy-field">
          <label for="pay-mode">Pay</label>
          <select id="pay-mode" value={form.mode} onChange={(e) => change({ mode: e.currentTarget.value as PayMode })}>
            <option value="per_hour">Per hour of active time</option>
            <option value="per_task">Per submitted label</option>
          </select>
          <span class="muted small">Active time is time spent working on the page; idle time with the tab open is not paid.</span>
          {fieldError('mode')}
        </div>
        {(Object.keys(MONEY_LABELS) as MoneyField[]).map((field) => (
          <div class="gold-policy-field" key={field}>
            <label for={`pay-${field}`}>{MONEY_LABELS[field].label}</label>
            <input
              id={`pay-${field}`}
              type="text"
              inputMode="decimal"
              value={form.money[field]}
              aria-invalid={errors[field] ? 'true' : undefined}
              aria-describedby={`pay-${field}-hint`}
              onInput={(e) => change({ money: { ...form.money, [field]: e.currentTarget.value } })}
            />
            <span class="muted small" id={`pay-${field}-hint`}>
              {MONEY_LABELS[field].hint}
              {field === 'crowd' || field === 'expert' || field === 'gold_maker' ? `, ${rateUnit}` : ''}
            </span>
            {fieldError(field)}
          </div>
        ))}
        <div class="gold-policy-field">
          <label class="check">
            <input type="checkbox" id="pay-pay_skipped" checked={form.pay_skipped} onChange={(e) => change({ pay_skipped: e.currentTarget.checked })} />{' '}
            Pay skipped tasks like labels (per label only)
          </label>
          {fieldError('pay_skipped')}
        </div>
        <PolicyFormFooter busy={busy} error={error} saved={saved} label="Save the pay policy" />
      </form>
    </section>
  );
}
