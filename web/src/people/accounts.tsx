// The accounts on the People page: a table of every account (paged by cursor) with role,
// tier, self-reported attributes, pay rate and whether it is disabled. Administrators get an
// Edit button per row; managers see the table read-only. The page itself is shown to
// administrators and managers only (app.tsx), so annotators never see others' attributes.
import { useEffect, useState } from 'preact/hooks';
import { api, messageOf } from '../session';
import type { Account, User } from '../types';
import { AccountEditor, nameOf, TIER_LABELS } from './account_editor';
import { attributesText, textFromCents } from './attributes';

export function Accounts({ user }: { user: User }) {
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Account | null>(null);
  const isAdmin = user.role === 'admin';

  async function load(after: string | null) {
    try {
      const page = await api.listUsers(after);
      setAccounts((list) => (after ? [...list, ...page.users] : page.users));
      setCursor(page.next_cursor);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setLoaded(true);
    }
  }

  useEffect(() => {
    void load(null);
  }, []);

  function changed(account: Account) {
    setAccounts((list) => list.map((a) => (String(a.id) === String(account.id) ? account : a)));
  }

  // Back to the row's Edit button, so keyboard users keep their place.
  function close() {
    const id = editing?.id;
    setEditing(null);
    if (id !== undefined) {
      requestAnimationFrame(() =>
        document.querySelector<HTMLButtonElement>(`tr[data-user-id="${String(id)}"] button.edit-account`)?.focus(),
      );
    }
  }

  return (
    <>
      <section class="card" aria-labelledby="accounts-heading">
        <h2 id="accounts-heading">Accounts</h2>
        {isAdmin ? null : <p class="muted">Administrators change roles, tiers, attributes and pay rates.</p>}
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
        {loaded && accounts.length === 0 && !error ? <p class="muted">None.</p> : null}
        {accounts.length > 0 ? (
          <div class="table-scroll">
            <table data-testid="accounts">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Tier</th>
                  <th scope="col">Attributes</th>
                  <th scope="col">Pay rate per hour</th>
                  <th scope="col">Status</th>
                  {isAdmin ? (
                    <th scope="col">
                      <span class="visually-hidden">Actions</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {accounts.map((account) => (
                  <tr
                    key={String(account.id)}
                    data-user-id={String(account.id)}
                    class={account.disabled ? 'account-disabled' : undefined}
                  >
                    <td>
                      {nameOf(account)}
                      {String(account.id) === String(user.id) ? <span class="muted"> (you)</span> : null}
                    </td>
                    <td>{account.email}</td>
                    <td>{account.role}</td>
                    <td>{TIER_LABELS[account.tier] ?? account.tier}</td>
                    <td class="account-attributes">{attributesText(account.attributes ?? {})}</td>
                    <td class="num">{textFromCents(account.pay_rate_cents_per_hour ?? null)}</td>
                    <td>{account.disabled ? 'Disabled' : 'Active'}</td>
                    {isAdmin ? (
                      <td>
                        <button type="button" class="link edit-account" onClick={() => setEditing(account)}>
                          Edit<span class="visually-hidden"> {nameOf(account)}</span>
                        </button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {cursor ? (
          <button type="button" onClick={() => void load(cursor)}>
            Show more accounts
          </button>
        ) : null}
      </section>
      {isAdmin && editing ? (
        <AccountEditor
          key={String(editing.id)}
          account={editing}
          isSelf={String(editing.id) === String(user.id)}
          onChanged={changed}
          onClose={close}
        />
      ) : null}
    </>
  );
}
