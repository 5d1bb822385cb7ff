import { useMutation } from '@tanstack/react-query';
import { type SubmitEvent, useState } from 'react';
import { submitSecondFactor } from '../api/auth-api.ts';
import { useAcceptSession } from '../hooks/use-session.ts';
import { signInErrorMessage, signInSessionEnded } from '../utils/error-messages.ts';
import { FormAlert } from './form-alert.tsx';
import { OneTimeCodeField } from './one-time-code-field.tsx';
import { type StepProps } from './step-props.ts';

/** The second factor: the app's 6-digit code, or one of the recovery codes. */
export function TotpStep({ onSignInExpired, onCancel }: StepProps) {
  const acceptSession = useAcceptSession();
  const [useRecoveryCode, setUseRecoveryCode] = useState(false);
  const [code, setCode] = useState('');
  const [recoveryCode, setRecoveryCode] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: submitSecondFactor,
    onSuccess: acceptSession,
    onError: (error) => {
      if (signInSessionEnded(error)) onSignInExpired();
    },
  });

  function submit(event: SubmitEvent): void {
    event.preventDefault();
    if (mutation.isPending) return;
    if (useRecoveryCode) {
      const typed = recoveryCode.trim();
      if (!typed) {
        setInvalid('Enter one of your recovery codes.');
        return;
      }
      setInvalid(null);
      mutation.mutate({ recoveryCode: typed });
      return;
    }
    const digits = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(digits)) {
      setInvalid('Enter the 6 digits your authenticator app shows.');
      return;
    }
    setInvalid(null);
    mutation.mutate({ code: digits });
  }

  function switchMethod(): void {
    setUseRecoveryCode((current) => !current);
    setInvalid(null);
    mutation.reset();
  }

  const wrong = useRecoveryCode
    ? 'That recovery code is not valid, or it has been used already.'
    : 'That code is not correct. Enter the code your app shows now (it changes every 30 seconds).';
  const message = invalid ?? (mutation.isError ? signInErrorMessage(mutation.error, wrong) : null);

  return (
    <form className="sign-in__card" aria-labelledby="totp-title" noValidate onSubmit={submit}>
      <h1 id="totp-title" className="sign-in__title">
        Two-step verification
      </h1>
      <FormAlert message={message} />
      {useRecoveryCode ? (
        <div className="field">
          <label htmlFor="totp-recovery-code">Recovery code</label>
          <p id="totp-recovery-hint" className="field__hint">
            One of the codes you saved when you set up your authenticator app. Each works once.
          </p>
          <input
            id="totp-recovery-code"
            type="text"
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="none"
            aria-describedby="totp-recovery-hint"
            // The step's one field: the cursor goes there as the step appears.
            autoFocus
            value={recoveryCode}
            onChange={(event) => {
              setRecoveryCode(event.target.value);
            }}
          />
        </div>
      ) : (
        <OneTimeCodeField
          id="totp-code"
          hint="Open your authenticator app and enter the code it shows for PumpDesk."
          autoFocus
          value={code}
          onChange={setCode}
        />
      )}
      <button type="submit" className="button" aria-disabled={mutation.isPending}>
        {mutation.isPending ? 'Checking…' : 'Continue'}
      </button>
      <div className="sign-in__links">
        <button type="button" className="link-button" onClick={switchMethod}>
          {useRecoveryCode ? 'Use a code from the app instead' : 'Use a recovery code instead'}
        </button>
        <button type="button" className="link-button" onClick={onCancel}>
          Cancel and sign in again
        </button>
      </div>
    </form>
  );
}
