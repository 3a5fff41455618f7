// Editing one account (administrators): role, tier, attributes, pay rate, and disabling or
// enabling it after a confirmation. Only the changed fields are sent, with the version read;
// a 409 (someone else saved first) reloads the account and says so; the server's refusals
// (such as an administrator demoting or disabling themself, 422) are shown as it words them.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { api, messageOf } from '../session';
import type { Account, Role, Tier } from '../types';
import { buildPatch, formFromAccount, MAX_ATTRIBUTES, type AccountForm } from './attributes';

export const ROLES: Role[] = ['annotator', 'reviewer', 'manager', 'admin'];
export const TIER_LABELS: Record<Tier, string> = { crowd: 'Crowd', expert: 'Expert', gold_maker: 'Gold maker' };

export const nameOf = (account: Account) => account.display_name || account.email;

// The message of a failed save: the server's own words, with the field at fault.
function refusal(error: unknown): string {
  if (error instanceof ApiError && error.field && !error.message.includes(error.field)) {
    return `${error.message} (${error.field})`;
  }
  return messageOf(error);
}

export function AccountEditor({
  account,
  isSelf,
  onChanged,
  onClose,
}: {
  account: Account;
  isSelf: boolean;
  onChanged: (account: Account) => void;
  onClose: () => void;
}) {
  const [base, setBase] = useState<Account>(account);
  const [form, setForm] = useState<AccountForm>(() => formFromAccount(account));
  const [errors, setErrors] = useState<string[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const rowsRef = useRef<HTMLDivElement>(null);
  const nextRowId = useRef(1000);
  const focusNewRow = useRef(false);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => headingRef.current?.focus(), []);
  // The safe choice has the focus when the confirmation opens.
  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);
  useEffect(() => {
    if (!focusNewRow.current) return;
    focusNewRow.current = false;
    rowsRef.current?.querySelector<HTMLInputElement>('.attr-row:last-child input')?.focus();
  }, [form.rows.length]);

  const update = (change: Partial<AccountForm>) => {
    setForm((f) => ({ ...f, ...change }));
    setStatus(null);
  };
  const setRow = (id: number, change: { key?: string; value?: string }) =>
    update({ rows: form.rows.map((r) => (r.id === id ? { ...r, ...change } : r)) });

  function stored(updated: Account, keepForm: boolean) {
    setBase(updated);
    if (!keepForm) setForm(formFromAccount(updated));
    onChanged(updated);
  }

  // A 409: show the account as stored now, and say why the change was not applied.
  async function reloadAfterConflict() {
    try {
      stored(await api.getUser(base.id), false);
      setErrors([
        'Someone else changed this account while you were editing it. It now shows their version; make your change again.',
      ]);
    } catch (e) {
      setErrors([messageOf(e)]);
    }
  }

  async function send(patch: Parameters<typeof api.updateUser>[1], keepForm: boolean, done: string) {
    setBusy(true);
    setErrors([]);
    setStatus(null);
    try {
      stored(await api.updateUser(base.id, patch), keepForm);
      setStatus(done);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) await reloadAfterConflict();
      else setErrors([refusal(e)]);
    } finally {
      setBusy(false);
    }
  }

  async function save(event: Event) {
    event.preventDefault();
    const result = buildPatch(base, form);
    if (!result.ok) {
      setErrors(result.errors);
      setStatus(null);
      return;
    }
    if (result.patch === null) {
      setErrors([]);
      setStatus('Nothing changed.');
      return;
    }
    await send(result.patch, false, 'Saved.');
  }

  async function toggleDisabled() {
    setConfirming(false);
    // Unsaved edits of the form stay: they are compared with the account as stored after this.
    await send({ version: base.version, disabled: !base.disabled }, true, base.disabled ? 'Enabled.' : 'Disabled.');
  }

  const who = nameOf(base);
  return (
    <section class="card account-editor" aria-labelledby="account-editor-heading" data-testid="account-editor">
      <h2 id="account-editor-heading" tabIndex={-1} ref={headingRef}>
        Edit {who}
      </h2>
      <p class="muted">
        {base.email}
        {base.disabled ? ' · disabled' : ''}
        {isSelf ? ' · your own account: you cannot disable it or give up the admin role yourself' : ''}
      </p>
      <form onSubmit={save}>
        <label for="account-role">Role</label>
        <select id="account-role" value={form.role} onChange={(e) => update({ role: e.currentTarget.value as Role })}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <label for="account-tier">Tier</label>
        <select id="account-tier" value={form.tier} onChange={(e) => update({ tier: e.currentTarget.value as Tier })}>
          {(Object.keys(TIER_LABELS) as Tier[]).map((t) => (
            <option key={t} value={t}>
              {TIER_LABELS[t]}
            </option>
          ))}
        </select>
        <fieldset class="attr-rows">
          <legend>Attributes</legend>
          <p class="muted">
            Self-reported facts such as region or language, used to pick who labels what. Names: a-z, 0-9 and _; at
            most {MAX_ATTRIBUTES}. Seen by administrators and managers only.
          </p>
          <div ref={rowsRef}>
            {form.rows.map((row, i) => (
              <div class="attr-row" key={row.id}>
                <input
                  aria-label={`Name of attribute ${i + 1}`}
                  placeholder="name, e.g. region"
                  value={row.key}
                  onInput={(e) => setRow(row.id, { key: e.currentTarget.value })}
                />
                <input
                  aria-label={`Value of attribute ${i + 1}`}
                  placeholder="value"
                  value={row.value}
                  onInput={(e) => setRow(row.id, { value: e.currentTarget.value })}
                />
                <button
                  type="button"
                  class="link"
                  onClick={() => update({ rows: form.rows.filter((r) => r.id !== row.id) })}
                >
                  Remove<span class="visually-hidden"> attribute {i + 1}</span>
                </button>
              </div>
            ))}
          </div>
          <button
            type="button"
            onClick={() => {
              focusNewRow.current = true;
              update({ rows: [...form.rows, { id: nextRowId.current++, key: '', value: '' }] });
            }}
          >
            Add an attribute
          </button>
        </fieldset>
        <label for="account-pay">Pay rate per hour</label>
        <input
          id="account-pay"
          inputMode="decimal"
          aria-describedby="account-pay-hint"
          value={form.payRate}
          onInput={(e) => update({ payRate: e.currentTarget.value })}
        />
        <p id="account-pay-hint" class="muted">
          In currency units, such as 12.50; leave empty for no rate.
        </p>
        {errors.length > 0 ? (
          <ul class="error" role="alert" data-testid="account-errors">
            {errors.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        ) : null}
        {status ? (
          <p role="status" data-testid="account-status">
            {status}
          </p>
        ) : null}
        <div class="button-row">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save changes'}
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </form>
      <div class="account-danger">
        {confirming ? (
          <div role="group" aria-label="Confirm">
            <p>
              {base.disabled
                ? `Enable ${who}? They can sign in again.`
                : `Disable ${who}? They are signed out at once, their API tokens stop working, and they cannot sign in until enabled again.`}
            </p>
            <button type="button" class="primary" disabled={busy} onClick={() => void toggleDisabled()}>
              {base.disabled ? 'Yes, enable' : 'Yes, disable'}
            </button>{' '}
            <button type="button" ref={cancelRef} onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        ) : (
          <button type="button" disabled={busy} onClick={() => setConfirming(true)}>
            {base.disabled ? 'Enable the account' : 'Disable the account'}
          </button>
        )}
      </div>
    </section>
  );
}
