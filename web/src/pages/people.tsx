// People: invite someone (the link is shown once, to copy and send), see or revoke the
// invitations still pending, and see the accounts (administrators edit them: people/).
// For administrators and managers; managers may invite annotators and reviewers only, as
// the server enforces.
import { useEffect, useRef, useState } from 'preact/hooks';
import { joinLink } from '../router';
import { api, messageOf } from '../session';
import { OneTimeSecret } from './one_time_secret';
import { Accounts } from '../people/accounts';
import type { CreatedInvitation, Invitation, Role, Tier, User } from '../types';

export function invitableRoles(user: User): Role[] {
  return user.role === 'admin' ? ['annotator', 'reviewer', 'manager', 'admin'] : ['annotator', 'reviewer'];
}

const TIERS: Array<{ value: Tier; label: string }> = [
  { value: 'crowd', label: 'Crowd' },
  { value: 'expert', label: 'Expert' },
  { value: 'gold_maker', label: 'Gold maker' },
];

const when = (ms: number) => new Date(ms).toLocaleString();

export function People({ user }: { user: User }) {
  const [pending, setPending] = useState<Invitation[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  async function reload() {
    try {
      setPending((await api.listInvitations()).invitations);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  useEffect(() => {
    headingRef.current?.focus();
    void reload();
  }, []);

  async function revoke(invitation: Invitation) {
    try {
      await api.revokeInvitation(invitation.id);
      if (created?.id === invitation.id) setCreated(null);
      await reload();
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <section>
      <h1 tabIndex={-1} ref={headingRef}>
        People
      </h1>
      <InviteForm
        roles={invitableRoles(user)}
        onInvited={(invitation) => {
          setCreated(invitation);
          void reload();
        }}
      />
      {created ? <InvitationLink invitation={created} /> : null}
      <section class="card" aria-labelledby="pending-heading">
        <h2 id="pending-heading">Pending invitations</h2>
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
        {pending.length === 0 ? (
          <p class="muted">None.</p>
        ) : (
          <table data-testid="pending-invitations">
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Tier</th>
                <th scope="col">Expires</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {pending.map((invitation) => (
                <tr key={String(invitation.id)}>
                  <td>{invitation.email}</td>
                  <td>{invitation.role}</td>
                  <td>{invitation.tier}</td>
                  <td>{when(invitation.expires_at)}</td>
                  <td>
                    <button type="button" class="link" onClick={() => void revoke(invitation)}>
                      Revoke<span class="visually-hidden"> the invitation of {invitation.email}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <Accounts user={user} />
    </section>
  );
}

function InviteForm({ roles, onInvited }: { roles: Role[]; onInvited: (invitation: CreatedInvitation) => void }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('annotator');
  const [tier, setTier] = useState<Tier>('crowd');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onInvited(await api.createInvitation({ email: email.trim(), role, tier }));
      setEmail('');
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite someone</h2>
      <form onSubmit={submit}>
        <label for="invite-email">Email</label>
        <input id="invite-email" type="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        <label for="invite-role">Role</label>
        <select id="invite-role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <label for="invite-tier">Tier</label>
        <select id="invite-tier" value={tier} onChange={(e) => setTier(e.currentTarget.value as Tier)}>
          {TIERS.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </select>
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Inviting…' : 'Invite'}
        </button>
      </form>
    </section>
  );
}

// The one time the link can be seen: only a hash of its token is stored.
function InvitationLink({ invitation }: { invitation: CreatedInvitation }) {
  return (
    <section class="card" aria-labelledby="link-heading" role="status">
      <h2 id="link-heading">Send this link to {invitation.email}</h2>
      <p class="muted">
        It works once, until {when(invitation.expires_at)}. It is shown only now: Chorus keeps no copy of it.
      </p>
      <OneTimeSecret
        value={joinLink(window.location.origin, invitation.token)}
        label="Invitation link"
        testId="invitation-link"
      />
    </section>
  );
}
