import { type UserSummary } from '@pumpdesk/contracts';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../lib/api-client.ts';
import { resetPassword, resetSecondFactor, updateUser, useUserMutation } from '../api/users-api.ts';
import { passwordProblem, userProblemMessage } from '../utils/user-form.ts';
import { PasswordRules } from './password-rules.tsx';
import { type UserAction } from './users-table.tsx';

interface UserActionPanelProps {
  user: UserSummary;
  action: UserAction;
  onDone: (message: string) => void;
  onClose: () => void;
}

const TITLES: Record<UserAction, (name: string) => string> = {
  disable: (name) => `Disable ${name}`,
  enable: (name) => `Enable ${name}`,
  password: (name) => `Reset the password of ${name}`,
  'second-factor': (name) => `Reset the second factor of ${name}`,
};

/** One change to one user, confirmed here; the API's refusal (LAST_ADMIN…) is shown in place. */
export function UserActionPanel({ user, action, onDone, onClose }: UserActionPanelProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const mutation = useUserMutation(async (): Promise<UserSummary> => {
    switch (action) {
      case 'disable':
        return updateUser(user.id, { active: false, version: user.version });
      case 'enable':
        return updateUser(user.id, { active: true, version: user.version });
      case 'password':
        return resetPassword(user.id, password);
      case 'second-factor':
        return resetSecondFactor(user.id);
    }
  });

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  function confirm(): void {
    if (mutation.isPending) return;
    if (action === 'password') {
      const problem = passwordProblem(password);
      setPasswordError(problem);
      if (problem) return;
    }
    mutation.mutate(undefined, {
      onSuccess: () => {
        onDone(DONE[action](user.name));
      },
      onError: (error) => {
        const fieldError = action === 'password' ? passwordFieldError(error) : null;
        if (fieldError) setPasswordError(fieldError);
      },
    });
  }

  const serverPasswordError = action === 'password' && passwordError !== null;

  return (
    <section className="user-action" aria-labelledby="user-action-title">
      <h2 id="user-action-title" className="user-action__title" tabIndex={-1} ref={headingRef}>
        {TITLES[action](user.name)}
      </h2>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          confirm();
        }}
      >
        {action === 'disable' ? (
          <p>They are signed out at once and cannot sign in until an administrator enables them again.</p>
        ) : null}
        {action === 'enable' ? <p>They can sign in again with their current password.</p> : null}
        {action === 'second-factor' ? (
          <p>
            Their authenticator app and recovery codes are removed (a lost phone) and they are signed out.
            They set up a new app at their next sign-in when one is required.
          </p>
        ) : null}
        {action === 'password' ? (
          <div className="field user-action__password">
            <label htmlFor="reset-password">New password</label>
            <input
              id="reset-password"
              type="password"
              autoComplete="new-password"
              value={password}
              aria-invalid={passwordError ? true : undefined}
              aria-describedby={
                passwordError ? 'reset-password-error reset-password-rules' : 'reset-password-rules'
              }
              onChange={(event) => {
                setPassword(event.target.value);
              }}
            />
            {passwordError ? (
              <p id="reset-password-error" className="field__error">
                {passwordError}
              </p>
            ) : null}
            <p className="field__hint">
              They are signed out and must choose their own at their next sign-in.
            </p>
            <PasswordRules id="reset-password-rules" />
          </div>
        ) : null}
        {mutation.isError && !serverPasswordError ? (
          <div className="alert alert--error" role="alert">
            <p className="alert__message">{userProblemMessage(mutation.error)}</p>
          </div>
        ) : null}
        <div className="user-action__buttons">
          <button type="submit" className="button" disabled={mutation.isPending}>
            {mutation.isPending ? 'Saving…' : CONFIRM[action]}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={onClose}
            disabled={mutation.isPending}
          >
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}

const CONFIRM: Record<UserAction, string> = {
  disable: 'Disable user',
  enable: 'Enable user',
  password: 'Reset password',
  'second-factor': 'Reset second factor',
};

const DONE: Record<UserAction, (name: string) => string> = {
  disable: (name) => `${name} was disabled and signed out.`,
  enable: (name) => `${name} was enabled.`,
  password: (name) => `The password of ${name} was reset. They must choose a new one at their next sign-in.`,
  'second-factor': (name) => `The second factor of ${name} was reset.`,
};

function passwordFieldError(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  return error.fieldErrors.find((fieldError) => fieldError.path === 'body.newPassword')?.message ?? null;
}
