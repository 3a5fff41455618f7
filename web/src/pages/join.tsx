// Accepting an invitation: the invitee chooses a display name and a password; the server
// creates the account and signs it in. There is no other way to sign up.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { api, messageOf } from '../session';
import { MIN_PASSWORD_CHARS, newPasswordProblem } from '../new_password';
import type { User } from '../types';


function joinMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 400 && error.field === 'token') {
      return 'This invitation link is not valid any more (used, revoked or expired). Ask for a new one.';
    }
    if (error.status === 409) return 'An account with this email exists already: sign in instead.';
    if (error.status === 429) return 'Too many attempts. Try again in a little while.';
  }
  return messageOf(error);
}

interface Props {
  token: string;
  onJoined: (user: User) => void;
}

export function Join({ token, onJoined }: Props) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);

  useEffect(() => nameRef.current?.focus(), []);

  if (!token) {
    return (
      <section class="card narrow">
        <h1>Join Chorus</h1>
        <p class="error" role="alert">
          This link has no invitation in it. Open the whole link you were sent, or ask for a new one.
        </p>
      </section>
    );
  }

  async function submit(event: Event) {
    event.preventDefault();
    const problem = newPasswordProblem(password, repeat);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const response = await api.acceptInvitation(token, password, name.trim());
      onJoined(response.user);
    } catch (e) {
      setError(joinMessage(e));
      setBusy(false);
    }
  }

  return (
    <section class="card narrow">
      <h1>Join Chorus</h1>
      <p class="muted">You were invited. Choose how you appear to others and a password.</p>
      <form onSubmit={submit} aria-describedby={error ? 'join-error' : undefined}>
        <label for="join-name">Display name</label>
        <input
          id="join-name"
          ref={nameRef}
          type="text"
          name="name"
          autocomplete="name"
          required
          maxLength={200}
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <label for="join-password">Password (at least {MIN_PASSWORD_CHARS} characters)</label>
        <input
          id="join-password"
          type="password"
          name="password"
          autocomplete="new-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        <label for="join-repeat">The same password again</label>
        <input
          id="join-repeat"
          type="password"
          name="repeat"
          autocomplete="new-password"
          required
          value={repeat}
          onInput={(e) => setRepeat(e.currentTarget.value)}
        />
        {error ? (
          <p id="join-error" class="error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Creating your account…' : 'Create my account'}
        </button>
      </form>
    </section>
  );
}
