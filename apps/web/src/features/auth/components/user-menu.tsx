import { useActiveSession, useSignOut } from '../hooks/use-session.ts';
import { signInErrorMessage } from '../utils/error-messages.ts';
import { roleLabels } from '../utils/role-labels.ts';

/** Who is signed in ("Rosa Lind · Physician") and the way out. */
export function UserMenu() {
  const session = useActiveSession();
  const signOut = useSignOut();
  if (!session) return null;
  return (
    <div className="user-menu">
      <span className="user-menu__who">
        {session.user.name} · {roleLabels[session.user.role]}
      </span>
      <button
        type="button"
        className="button button--on-dark"
        aria-disabled={signOut.isPending}
        onClick={() => {
          if (!signOut.isPending) signOut.mutate();
        }}
      >
        {signOut.isPending ? 'Signing out…' : 'Sign out'}
      </button>
      {signOut.isError ? (
        <p className="user-menu__error" role="alert">
          Could not sign out. {signInErrorMessage(signOut.error, '')}
        </p>
      ) : null}
    </div>
  );
}
