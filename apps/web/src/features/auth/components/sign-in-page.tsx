import { type SessionInfo } from '@pumpdesk/contracts';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { signOut } from '../api/auth-api.ts';
import { useAcceptSession } from '../hooks/use-session.ts';
import { currentPath, isOnSignInPage, signInUrlFor } from '../utils/next-path.ts';
import { CredentialsForm } from './credentials-form.tsx';
import { PasswordChangeStep } from './password-change-step.tsx';
import { TotpEnrolmentStep } from './totp-enrolment-step.tsx';
import { TotpStep } from './totp-step.tsx';

interface SignInPageProps {
  /** null: signed out; otherwise a session still signing in (its stage says what is due). */
  session: SessionInfo | null;
  /**
   * Why the session ended while in use (a 401, the idle or absolute limit): said first, the user may
   * wonder where their screen went. Null when it did not.
   */
  endedNotice: string | null;
}

/** Sign-in, one step at a time: password, then whatever the API says is due (code, enrolment, new password). */
export function SignInPage({ session, endedNotice }: SignInPageProps) {
  const acceptSession = useAcceptSession();
  const [timedOut, setTimedOut] = useState(false);
  const cancel = useMutation({
    mutationFn: signOut,
    onSettled: () => {
      acceptSession(null);
    },
  });

  useEffect(() => {
    // Whatever the address, it becomes /sign-in?next=<that address>, so signing in returns there.
    const showSignInUrl = (): void => {
      if (!isOnSignInPage()) window.history.replaceState(null, '', signInUrlFor(currentPath()));
    };
    showSignInUrl();
    window.addEventListener('popstate', showSignInUrl);
    return () => {
      window.removeEventListener('popstate', showSignInUrl);
    };
  }, []);

  const onSignInExpired = (): void => {
    setTimedOut(true);
    acceptSession(null);
  };
  const onCancel = (): void => {
    setTimedOut(false);
    cancel.mutate();
  };
  const stepProps = { onSignInExpired, onCancel };

  return (
    <div className="sign-in">
      {session === null ? (
        <>
          {timedOut || endedNotice ? (
            <p className="notice" role="status">
              {timedOut ? 'Signing in took too long and was cancelled. Please start again.' : endedNotice}
            </p>
          ) : null}
          <CredentialsForm />
        </>
      ) : session.stage === 'totp_required' ? (
        <TotpStep {...stepProps} />
      ) : session.stage === 'totp_enrolment_required' ? (
        <TotpEnrolmentStep {...stepProps} />
      ) : session.stage === 'password_change_required' ? (
        <PasswordChangeStep {...stepProps} />
      ) : null}
    </div>
  );
}
