import { type SessionInfo } from '@pumpdesk/contracts';
import { useEffect, useRef, useState } from 'react';
import { onApiResponse } from '../../../lib/api-client.ts';
import {
  deadlinesOf,
  endOf,
  idleMinutesOf,
  serverOffsetOf,
  type SessionEnd,
  usedAt,
  WARNING_BEFORE_MS,
} from '../utils/session-deadlines.ts';

export interface SessionTimedOut {
  reason: SessionEnd;
  /** The idle limit, for the notice ("after 15 minutes without activity"). */
  idleMinutes: number;
}

/**
 * Watches the active session's deadlines (utils/session-deadlines.ts) and calls `onTimeout` once the
 * session has ended on the server, without asking the server: a request would count as use and keep
 * an unattended session alive forever. Every successful API answer starts the idle period again.
 * Returns the end due within the next minute (the warning), or null.
 */
export function useSessionTimeout(
  session: SessionInfo | null,
  onTimeout: (end: SessionTimedOut) => void,
): SessionEnd | null {
  const [warning, setWarning] = useState<SessionEnd | null>(null);
  const onTimeoutRef = useRef(onTimeout);
  const serverOffsetRef = useRef(0);

  useEffect(() => {
    onTimeoutRef.current = onTimeout;
  });

  useEffect(
    // Every answer says what time the server has; the session's instants are read with the latest.
    () =>
      onApiResponse((response) => {
        const offset = serverOffsetOf(response.headers.get('date'), Date.now());
        if (offset !== null) serverOffsetRef.current = offset;
      }),
    [],
  );

  useEffect(() => {
    if (!session) return;
    let deadlines = deadlinesOf(session, Date.now(), serverOffsetRef.current);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let ended = false;

    const check = (): void => {
      clearTimeout(timer);
      if (ended) return;
      const now = Date.now();
      const end = endOf(deadlines);
      if (now >= end.at) {
        ended = true;
        setWarning(null);
        onTimeoutRef.current({ reason: end.reason, idleMinutes: idleMinutesOf(deadlines) });
        return;
      }
      const warnAt = end.at - WARNING_BEFORE_MS;
      setWarning(now >= warnAt ? end.reason : null);
      // Woken at the warning, then at the end (not on an interval: nothing to do in between).
      timer = setTimeout(check, (now >= warnAt ? end.at : warnAt) - now);
    };

    const stopListening = onApiResponse(() => {
      deadlines = usedAt(deadlines, Date.now());
      check();
    });
    // Timers stall while a laptop sleeps and are throttled in a hidden tab: look again on return.
    const onVisibilityChange = (): void => {
      if (document.visibilityState === 'visible') check();
    };
    document.addEventListener('visibilitychange', onVisibilityChange);
    check();
    return () => {
      clearTimeout(timer);
      stopListening();
      document.removeEventListener('visibilitychange', onVisibilityChange);
      setWarning(null);
    };
  }, [session]);

  return warning;
}
