import { useMutation } from '@tanstack/react-query';
import { type SubmitEvent, useState } from 'react';
import { ApiError } from '../../../lib/api-client.ts';
import { signIn } from '../api/auth-api.ts';
import { useAcceptSession } from '../hooks/use-session.ts';
import { signInErrorMessage } from '../utils/error-messages.ts';
import { FormAlert } from './form-alert.tsx';

/** The first step: email and password. */
export function CredentialsForm() {
  const acceptSession = useAcceptSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: signIn,
    onSuccess: acceptSession,
    onError: () => {
      setPassword('');
    },
  });

  function submit(event: SubmitEvent): void {
    event.preventDefault();
    if (mutation.isPending) return;
    const trimmed = email.trim();
    if (!trimmed || !password) {
      setMissing(!trimmed ? 'Enter your email address.' : 'Enter your password.');
      return;
    }
    setMissing(null);
    mutation.mutate({ email: trimmed, password });
  }

  const message = missing ?? (mutation.isError ? errorMessage(mutation.error) : null);

  return (
    <form className="sign-in__card" aria-labelledby="sign-in-title" noValidate onSubmit={submit}>
      <h1 id="sign-in-title" className="sign-in__title">
        Sign in to PumpDesk
      </h1>
      <FormAlert message={message} />
      <div className="field">
        <label htmlFor="sign-in-email">Email</label>
        <input
          id="sign-in-email"
          type="email"
          autoComplete="username"
          spellCheck={false}
          // The page has one task: the cursor starts where it begins.
          autoFocus
          value={email}
          onChange={(event) => {
            setEmail(event.target.value);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor="sign-in-password">Password</label>
        <input
          id="sign-in-password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => {
            setPassword(event.target.value);
          }}
        />
      </div>
      <button type="submit" className="button" aria-disabled={mutation.isPending}>
        {mutation.isPending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}

function errorMessage(error: unknown): string {
  if (error instanceof ApiError && error.status === 400)
    return 'Enter your email address, like name@example.org.';
  return signInErrorMessage(error, 'The email or password is not correct.');
}
