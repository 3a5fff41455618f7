// Your account: API tokens for scripts (the secret is shown once, at creation) and your
// password (changing it ends every session, this one included).
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { api, messageOf } from '../session';
import type { ApiToken, CreatedToken } from '../types';
import { MIN_PASSWORD_CHARS, newPasswordProblem } from '../new_password';
import { OneTimeSecret } from './one_time_secret';

const when = (ms: number) => new Date(ms).toLocaleString();

export function Account({ onPasswordChanged }: { onPasswordChanged: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section>
      <h1 tabIndex={-1} ref={headingRef}>
        Your account
      </h1>
      <Tokens />
      <PasswordForm onChanged={onPasswordChanged} />
    </section>
  );
}

function Tokens() {
  const [tokens, setTokens] = useState<ApiToken[]>([]);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function reload() {
    try {
      setTokens(await api.listTokens());
    } catch (e) {
      setError(messageOf(e));
    }
  }
  useEffect(() => void reload(), []);

  async function create(event: Event) {
    event.preventDefault();
    setError(null);
    try {
      setCreated(await api.createToken(name.trim()));
      setName('');
      await reload();
    } catch (e) {
      setError(messageOf(e));
    }
  }

  async function revoke(token: ApiToken) {
    try {
      await api.revokeToken(token.id);
      if (created?.id === token.id) setCreated(null);
      await reload();
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <section class="card" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">API tokens</h2>
      <p class="muted">
        Scripts send a token as <code>Authorization: Bearer TOKEN</code>. A token acts as you; revoke the ones you no
        longer use.
      </p>
      <form onSubmit={create}>
        <label for="token-name">Name of a new token</label>
        <input
          id="token-name"
          type="text"
          required
          maxLength={100}
          placeholder="nightly import"
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <button type="submit" class="primary">
          Create the token
        </button>
      </form>
      {created ? (
        <div role="status">
          <p>
            Copy the token <strong>{created.name}</strong> now: it is shown only once (Chorus keeps only its hash).
          </p>
          <OneTimeSecret value={created.token} label="New token" testId="new-token" />
        </div>
      ) : null}
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {tokens.length === 0 ? (
        <p class="muted">No tokens yet.</p>
      ) : (
        <table data-testid="tokens">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Created</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={String(token.id)}>
                <td>{token.name}</td>
                <td>{when(token.created_at)}</td>
                <td>
                  {token.revoked_at !== null ? (
                    `revoked ${when(token.revoked_at)}`
                  ) : (
                    <button type="button" class="link" onClick={() => void revoke(token)}>
                      Revoke<span class="visually-hidden"> the token {token.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function passwordMessage(error: unknown): string {
  if (error instanceof ApiError && error.field === 'current_password') return 'The current password is wrong.';
  return messageOf(error);
}

function PasswordForm({ onChanged }: { onChanged: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    const problem = newPasswordProblem(next, repeat);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.changePassword(current, next);
      onChanged();
    } catch (e) {
      setError(passwordMessage(e));
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <p class="muted">Changing it signs you out everywhere, here too.</p>
      <form onSubmit={submit}>
        <label for="password-current">Current password</label>
        <input
          id="password-current"
          type="password"
          autocomplete="current-password"
          required
          value={current}
          onInput={(e) => setCurrent(e.currentTarget.value)}
        />
        <label for="password-new">New password (at least {MIN_PASSWORD_CHARS} characters)</label>
        <input
          id="password-new"
          type="password"
          autocomplete="new-password"
          required
          value={next}
          onInput={(e) => setNext(e.currentTarget.value)}
        />
        <label for="password-repeat">The new password again</label>
        <input
          id="password-repeat"
          type="password"
          autocomplete="new-password"
          required
          value={repeat}
          onInput={(e) => setRepeat(e.currentTarget.value)}
        />
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {busy ? 'Changing…' : 'Change the password'}
        </button>
      </form>
    </section>
  );
}
