import { type SessionInfo } from '@pumpdesk/contracts';

// When the screen must let go of the session (HIPAA automatic logoff). The API ends an unused session
// only when the next request arrives, so an unattended screen would keep showing what it loaded; the
// app keeps its own deadlines instead. Every time here is on the browser's clock: the server's
// instants are moved onto it with the difference between the two clocks (a response's Date header),
// so a browser clock that is minutes wrong still clears the screen when the server ends the session.
// The Date header counts whole seconds and the answer took time to arrive, so the deadlines fall a
// little after the server's, never before: the screen does not sign out a session the API still keeps.

/** The warning shows this long before the end. */
export const WARNING_BEFORE_MS = 60_000;

export type SessionEnd = 'idle' | 'absolute';

export interface SessionDeadlines {
  /** How long the session lasts unused (the API's idle limit): each use starts it again. */
  idlePeriodMs: number;
  idleEndsAt: number;
  /** The end whatever happens. */
  absoluteEndsAt: number;
}

/**
 * The deadlines of a session the API answered with, received at `receivedAt`. `serverOffsetMs`: the
 * server's clock minus the browser's (0 when unknown).
 */
export function deadlinesOf(
  session: Pick<SessionInfo, 'idleExpiresAt' | 'absoluteExpiresAt'>,
  receivedAt: number,
  serverOffsetMs = 0,
): SessionDeadlines {
  const idleEndsAt = Date.parse(session.idleExpiresAt) - serverOffsetMs;
  return {
    idlePeriodMs: Math.max(0, idleEndsAt - receivedAt),
    idleEndsAt,
    absoluteEndsAt: Date.parse(session.absoluteExpiresAt) - serverOffsetMs,
  };
}

/** A successful answer at `now`: the API counted the request as use, so the idle period starts again. */
export function usedAt(deadlines: SessionDeadlines, now: number): SessionDeadlines {
  return { ...deadlines, idleEndsAt: Math.max(deadlines.idleEndsAt, now + deadlines.idlePeriodMs) };
}

/** Whichever limit comes first. */
export function endOf(deadlines: SessionDeadlines): { at: number; reason: SessionEnd } {
  return deadlines.absoluteEndsAt <= deadlines.idleEndsAt
    ? { at: deadlines.absoluteEndsAt, reason: 'absolute' }
    : { at: deadlines.idleEndsAt, reason: 'idle' };
}

/** The idle limit in whole minutes, as the security settings state it (15 by default). */
export function idleMinutesOf(deadlines: SessionDeadlines): number {
  return Math.max(1, Math.round(deadlines.idlePeriodMs / 60_000));
}

/** Server clock minus browser clock, from a response's Date header; null without a usable one. */
export function serverOffsetOf(dateHeader: string | null, receivedAt: number): number | null {
  if (!dateHeader) return null;
  const serverTime = Date.parse(dateHeader);
  return Number.isNaN(serverTime) ? null : serverTime - receivedAt;
}
