import { type ReactNode, useLayoutEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';

/**
 * The sign-in steps move the address themselves (`/sign-in?next=…`, then back to `next`; see
 * auth/utils/next-path.ts), outside the router, which keeps the address it last saw. The signed-in
 * screens mount afresh at every sign-in (AuthGate renders them only for an active session), so on
 * mount this brings the router to the browser's address before the first screen renders.
 */
export function RouterFollowsAddress({ children }: { children: ReactNode }) {
  const location = useLocation();
  const navigate = useNavigate();
  const [synced, setSynced] = useState(false);
  const address = `${window.location.pathname}${window.location.search}${window.location.hash}`;
  const behind = address !== `${location.pathname}${location.search}${location.hash}`;

  // Caught up: from then on the router leads (adjusting state while rendering, not in an effect).
  if (!synced && !behind) setSynced(true);

  useLayoutEffect(() => {
    if (!synced && behind) void navigate(address, { replace: true });
  }, [synced, behind, address, navigate]);

  return synced ? children : null;
}
