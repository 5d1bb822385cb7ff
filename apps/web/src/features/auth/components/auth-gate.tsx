import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useCallback, useEffect, useLayoutEffect, useReducer, useState } from 'react';
import { QueryError } from '../../../components/query-error.tsx';
import { onSessionEnded, setCsrfToken } from '../../../lib/api-client.ts';
import { sessionQueryKey, sessionQueryOptions } from '../api/auth-api.ts';
import { type SessionTimedOut, useSessionTimeout } from '../hooks/use-session-timeout.ts';
import { isOnSignInPage, leaveSignInPageIfActive } from '../utils/next-path.ts';
import { SessionTimeoutWarning } from './session-timeout-warning.tsx';
import { SignInPage } from './sign-in-page.tsx';

const SESSION_ENDED = 'Your session has ended. Sign in again to return to the page you were on.';

function timedOutNotice({ reason, idleMinutes }: SessionTimedOut): string {
  return reason === 'idle'
    ? `Your session ended after ${idleMinutes} ${idleMinutes === 1 ? 'minute' : 'minutes'} without activity. Sign in again to return to the page you were on.`
    : 'Your session reached the longest time a session can last. Sign in again to return to the page you were on.';
}

/**
 * Renders its children only for a fully signed-in session; anyone else, at any path, gets the sign-in
 * page. Nothing below it renders (so nothing patient-related is fetched) before the session is known.
 * A 401 from any request later (signed out elsewhere, ended by an admin) brings the sign-in page
 * back, and signing in returns to the page the user was on. So does the session's own clock: an
 * unattended screen is cleared when the idle or absolute limit passes, without waiting for a request
 * (HIPAA automatic logoff), with a warning a minute before.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const session = useQuery(sessionQueryOptions());
  /** Why the session ended while in use, for the sign-in page; null once signed in again. */
  const [endedNotice, setEndedNotice] = useState<string | null>(null);
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  const active = session.data?.stage === 'active';
  const signedOut = session.isSuccess && !active;

  useEffect(
    () =>
      onSessionEnded(() => {
        // A request still in flight when the timer ended the session keeps the timer's reason.
        setEndedNotice((notice) => notice ?? SESSION_ENDED);
        queryClient.setQueryData(sessionQueryKey, null);
      }),
    [queryClient],
  );

  const onTimeout = useCallback(
    (end: SessionTimedOut) => {
      // The server has already ended it (the deadlines never run ahead of the server's), so there is
      // nothing to sign out: the screen lets go, and the effect below drops what it had loaded.
      setCsrfToken(null);
      setEndedNotice(timedOutNotice(end));
      queryClient.setQueryData(sessionQueryKey, null);
    },
    [queryClient],
  );
  const warning = useSessionTimeout(active ? (session.data ?? null) : null, onTimeout);

  // Signed in again: the "session ended" notice is spent (adjusting state on a change, not in an effect).
  const [wasActive, setWasActive] = useState(active);
  if (active !== wasActive) {
    setWasActive(active);
    if (active) setEndedNotice(null);
  }

  useEffect(() => {
    // Once the screens are gone, so is what they loaded: nothing read in the session stays in memory.
    if (signedOut) queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'auth' });
  }, [active, signedOut, queryClient]);

  useEffect(() => {
    // A page restored from the back-forward cache may show a session that has since ended: ask again.
    const onPageShow = (event: PageTransitionEvent): void => {
      if (event.persisted) void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    };
    window.addEventListener('pageshow', onPageShow);
    return () => {
      window.removeEventListener('pageshow', onPageShow);
    };
  }, [queryClient]);

  // Signed in on the sign-in page: the address normally moved on before the session arrived
  // (leaveSignInPageIfActive); this catches any other way in, before a screen mounts.
  useLayoutEffect(() => {
    if (active && isOnSignInPage()) {
      leaveSignInPageIfActive(session.data ?? null);
      rerender();
    }
  });

  if (session.isPending) {
    return (
      <p className="page-status" role="status">
        Checking your session…
      </p>
    );
  }
  if (session.isError && session.data === undefined) {
    return <QueryError what="your session" error={session.error} onRetry={() => void session.refetch()} />;
  }
  if (!active) return <SignInPage session={session.data ?? null} endedNotice={endedNotice} />;
  if (isOnSignInPage()) return null;
  return (
    <>
      {warning ? <SessionTimeoutWarning reason={warning} /> : null}
      {children}
    </>
  );
}
