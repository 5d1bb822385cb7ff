import { type Permission, type SessionInfo } from '@pumpdesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { sessionQueryKey, sessionQueryOptions, signOut } from '../api/auth-api.ts';
import { leaveSignInPageIfActive, SIGN_IN_PATH } from '../utils/next-path.ts';

/** The signed-in user's session once signing in is finished; null before (or mid sign-in). */
export function useActiveSession(): SessionInfo | null {
  const { data } = useQuery(sessionQueryOptions());
  return data?.stage === 'active' ? data : null;
}

/**
 * Whether the session's role has this permission (contracts' role matrix, as the API sent it). Screens
 * use it to leave out what the role cannot do; the API enforces the same table whatever the screen shows.
 */
export function can(session: SessionInfo | null, permission: Permission): boolean {
  return session?.stage === 'active' && session.user.permissions.includes(permission);
}

export function usePermission(permission: Permission): boolean {
  return can(useActiveSession(), permission);
}

/** Puts a session the API answered with (a sign-in step) in place of the one the app knew. */
export function useAcceptSession(): (session: SessionInfo | null) => void {
  const queryClient = useQueryClient();
  return useCallback(
    (session: SessionInfo | null) => {
      leaveSignInPageIfActive(session);
      queryClient.setQueryData(sessionQueryKey, session);
    },
    [queryClient],
  );
}

/**
 * Signs out, then shows the sign-in page. A new history entry: Back returns to the previous URL, where
 * the app (signed out, its cached data dropped) shows the sign-in page again, not the patients.
 */
export function useSignOut() {
  const acceptSession = useAcceptSession();
  return useMutation({
    mutationFn: signOut,
    onSuccess: () => {
      window.history.pushState(null, '', SIGN_IN_PATH);
      acceptSession(null);
    },
  });
}
