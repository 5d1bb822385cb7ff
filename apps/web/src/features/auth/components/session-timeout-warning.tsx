import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sessionQueryKey } from '../api/auth-api.ts';
import { type SessionEnd } from '../utils/session-deadlines.ts';

/**
 * The minute before the session ends. Asking for the session again is a request like any other, so
 * it counts as use and the idle period starts again; the absolute limit cannot be pushed back.
 */
export function SessionTimeoutWarning({ reason }: { reason: SessionEnd }) {
  const queryClient = useQueryClient();
  const staySignedIn = useMutation({
    mutationFn: () =>
      queryClient.refetchQueries({ queryKey: sessionQueryKey, exact: true }, { throwOnError: true }),
  });
  return (
    <div className="notice session-warning" role="alert">
      <p className="session-warning__message">
        {reason === 'idle'
          ? 'Your session ends in 1 minute.'
          : 'Your session ends in 1 minute: it has reached the longest time a session can last. Save your work, then sign in again.'}
      </p>
      {reason === 'idle' ? (
        <button
          type="button"
          className="button"
          aria-disabled={staySignedIn.isPending}
          onClick={() => {
            if (!staySignedIn.isPending) staySignedIn.mutate();
          }}
        >
          Stay signed in
        </button>
      ) : null}
      {staySignedIn.isError ? (
        <p className="session-warning__message">Could not reach PumpDesk. Check the network connection.</p>
      ) : null}
    </div>
  );
}
