import { type TotpConfirmResponse } from '@pumpdesk/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type SubmitEvent, useEffect, useState } from 'react';
import { QueryError } from '../../../components/query-error.tsx';
import { confirmTotp, startTotpSetup } from '../api/auth-api.ts';
import { useAcceptSession } from '../hooks/use-session.ts';
import { signInErrorMessage, signInSessionEnded } from '../utils/error-messages.ts';
import { FormAlert } from './form-alert.tsx';
import { OneTimeCodeField } from './one-time-code-field.tsx';
import { RecoveryCodesStep } from './recovery-codes-step.tsx';
import { type StepProps } from './step-props.ts';

/** The secret in groups of four, as authenticator apps show and accept it when typed by hand. */
export function groupSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

/**
 * Setting up an authenticator app (required for admins): the secret to add, a first code to prove the
 * app has it, then the recovery codes, shown once.
 */
export function TotpEnrolmentStep({ onSignInExpired, onCancel }: StepProps) {
  const acceptSession = useAcceptSession();
  // A query, not an effect: one request even when React mounts twice; gcTime 0 drops the secret from
  // memory once the step is gone.
  const setup = useQuery({
    queryKey: ['auth', 'totp-setup'],
    queryFn: startTotpSetup,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
  });
  const [code, setCode] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState<TotpConfirmResponse | null>(null);
  const confirm = useMutation({
    mutationFn: confirmTotp,
    onSuccess: setConfirmed,
    onError: (error) => {
      if (signInSessionEnded(error)) onSignInExpired();
    },
  });

  useEffect(() => {
    if (signInSessionEnded(setup.error)) onSignInExpired();
  }, [setup.error, onSignInExpired]);

  if (confirmed) {
    return (
      <RecoveryCodesStep
        recoveryCodes={confirmed.recoveryCodes}
        onDone={() => {
          acceptSession(confirmed.session);
        }}
      />
    );
  }

  function submit(event: SubmitEvent): void {
    event.preventDefault();
    if (confirm.isPending) return;
    const digits = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(digits)) {
      setInvalid('Enter the 6 digits your authenticator app shows.');
      return;
    }
    setInvalid(null);
    confirm.mutate(digits);
  }

  const message =
    invalid ??
    (confirm.isError
      ? signInErrorMessage(
          confirm.error,
          'That code is not correct. Check the key in your app and try the new code.',
        )
      : null);

  return (
    <form className="sign-in__card" aria-labelledby="enrol-title" noValidate onSubmit={submit}>
      <h1 id="enrol-title" className="sign-in__title">
        Set up two-step verification
      </h1>
      <p>
        Your account needs an authenticator app (for example Google Authenticator, Microsoft Authenticator or
        FreeOTP). Add PumpDesk to it with the key below, then enter the code it shows.
      </p>
      {setup.isPending ? (
        <p role="status">Creating your key…</p>
      ) : setup.isError ? (
        <QueryError what="a key for your app" error={setup.error} onRetry={() => void setup.refetch()} />
      ) : (
        <>
          <h2 className="sign-in__subtitle">1. Add this key to your app</h2>
          <p className="field__hint" id="enrol-key-hint">
            Choose “enter a setup key” in the app, with time-based codes.
          </p>
          <p className="secret-key" aria-describedby="enrol-key-hint">
            <span className="visually-hidden">Key: </span>
            <code>{groupSecret(setup.data.secret)}</code>
          </p>
          <p>
            On this device? <a href={setup.data.otpauthUri}>Open the key in your authenticator app</a>.
          </p>
          <details className="otpauth-uri">
            <summary>Show the setup link to copy</summary>
            <code>{setup.data.otpauthUri}</code>
          </details>
          <h2 className="sign-in__subtitle">2. Enter the code from your app</h2>
          <FormAlert message={message} />
          <OneTimeCodeField id="enrol-code" value={code} onChange={setCode} />
          <button type="submit" className="button" aria-disabled={confirm.isPending}>
            {confirm.isPending ? 'Checking…' : 'Turn on two-step verification'}
          </button>
        </>
      )}
      <div className="sign-in__links">
        <button type="button" className="link-button" onClick={onCancel}>
          Cancel and sign in again
        </button>
      </div>
    </form>
  );
}
