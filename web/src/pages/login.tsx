import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { api, messageOf } from '../session';
import type { User } from '../types';

interface Props {
  next: string;
  onLoggedIn: (user: User, next: string) => void;
}

function loginMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'Wrong email or password.';
    if (error.status === 429) {
      return error.retryAfter !== undefined
        ? `Too many attempts. Try again in ${error.retryAfter} seconds.`
        : 'Too many attempts. Try again in a little while.';
    }
  }
  return messageOf(error);
}

export function Login({ next, onLoggedIn }: Props) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);

  useEffect(() => emailRef.current?.focus(), []);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const response = await api.login(email.trim(), password);
      onLoggedIn(response.user, next);
    } catch (e) {
      setError(loginMessage(e));
      setBusy(false);
    }
  }

  return (
    <section class="card narrow">
      <h1>Sign in to Chorus</h1>
      <form onSubmit={submit} aria-describedby={error ? 'login-error' : undefined}>
        <label for="login-email">Email</label>
        <input
          id="login-email"
          ref={emailRef}
          type="email"
          name="email"
          autocomplete="username"
          required
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
        <label for="login-password">Password</label>
        <input
          id="login-password"
          type="password"
          name="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        {error ? (
          <p id="login-error" class="error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </section>
  );
}
