import { useMutation } from '@tanstack/react-query';
import { type SubmitEvent, useState } from 'react';
import { ApiError } from '../../../lib/api-client.ts';
import { changePassword } from '../api/auth-api.ts';
import { useAcceptSession } from '../hooks/use-session.ts';
import { signInErrorMessage, signInSessionEnded } from '../utils/error-messages.ts';
import { checkNewPassword, type PasswordField, passwordFieldErrors } from '../utils/password-rules.ts';
import { FormAlert } from './form-alert.tsx';
import { type StepProps } from './step-props.ts';

const FIELDS: readonly { field: PasswordField; label: string; autoComplete: string }[] = [
  { field: 'currentPassword', label: 'Current password', autoComplete: 'current-password' },
  { field: 'newPassword', label: 'New password', autoComplete: 'new-password' },
  { field: 'confirmPassword', label: 'New password again', autoComplete: 'new-password' },
];

/** A first password (set by an admin) or a reset one must be replaced before anything else. */
export function PasswordChangeStep({ onSignInExpired, onCancel }: StepProps) {
  const acceptSession = useAcceptSession();
  const [values, setValues] = useState<Record<PasswordField, string>>({
    currentPassword: '',
    newPassword: '',
    confirmPassword: '',
  });
  const [errors, setErrors] = useState<Partial<Record<PasswordField, string>>>({});
  const mutation = useMutation({
    mutationFn: changePassword,
    onSuccess: acceptSession,
    onError: (error) => {
      if (signInSessionEnded(error)) onSignInExpired();
      else setErrors(passwordFieldErrors(error));
    },
  });

  function submit(event: SubmitEvent): void {
    event.preventDefault();
    if (mutation.isPending) return;
    mutation.reset();
    const found = checkNewPassword(values);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    mutation.mutate({ currentPassword: values.currentPassword, newPassword: values.newPassword });
  }

  const hasFieldErrors = Object.keys(errors).length > 0;
  const message = hasFieldErrors
    ? 'Check the fields marked below.'
    : mutation.isError && !(mutation.error instanceof ApiError && mutation.error.fieldErrors.length > 0)
      ? signInErrorMessage(mutation.error, 'The current password is not correct.')
      : null;

  return (
    <form className="sign-in__card" aria-labelledby="password-title" noValidate onSubmit={submit}>
      <h1 id="password-title" className="sign-in__title">
        Choose a new password
      </h1>
      <p>Your password was set by an administrator. Choose your own before you go on.</p>
      <div className="rules" id="password-rules">
        <p className="rules__title">A good password:</p>
        <ul>
          <li>has at least 8 characters; 15 or more is better;</li>
          <li>
            can use any characters, spaces too: a few unrelated words are easy to remember and hard to guess;
          </li>
          <li>is not a common password, your name or your email (these are refused).</li>
        </ul>
      </div>
      <FormAlert message={message} />
      {FIELDS.map(({ field, label, autoComplete }) => {
        const error = errors[field];
        const errorId = `${field}-error`;
        const describedBy = [field === 'newPassword' ? 'password-rules' : null, error ? errorId : null]
          .filter(Boolean)
          .join(' ');
        return (
          <div className="field" key={field}>
            <label htmlFor={`password-${field}`}>{label}</label>
            <input
              id={`password-${field}`}
              type="password"
              autoComplete={autoComplete}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy || undefined}
              // The step's first field: the cursor goes there as the step appears.
              autoFocus={field === 'currentPassword'}
              value={values[field]}
              onChange={(event) => {
                const value = event.target.value;
                setValues((current) => ({ ...current, [field]: value }));
              }}
            />
            {error ? (
              <p id={errorId} className="field__error">
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
      <button type="submit" className="button" aria-disabled={mutation.isPending}>
        {mutation.isPending ? 'Saving…' : 'Save the new password'}
      </button>
      <div className="sign-in__links">
        <button type="button" className="link-button" onClick={onCancel}>
          Cancel and sign in again
        </button>
      </div>
    </form>
  );
}
