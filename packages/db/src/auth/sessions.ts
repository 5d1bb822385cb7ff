import { type SessionStage, type UserRole } from '@pumpdesk/contracts';
import { type Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { readSecuritySettingsCached } from './security-settings.ts';

// Server-side sessions (docs/security.md): the cookie carries a random token, the table its SHA-256.
// The API hashes; this module never sees a token. Every lookup checks the idle and absolute limits
// against the caller's clock (tests pass a fake one) and ends an expired session for good.

export type SessionEndReason =
  | 'sign_out'
  | 'idle'
  | 'absolute'
  | 'user_disabled'
  | 'password_changed'
  | 'ended_by_admin'
  | 'second_factor_changed'
  | 'superseded';

type Db = PrismaClient | Prisma.TransactionClient;

const TOUCH_MS = 5_000;

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  allSites: boolean;
  siteIds: string[];
  totpEnabled: boolean;
}

export interface LiveSession {
  id: string;
  stage: SessionStage;
  csrfToken: string;
  createdAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  user: SessionUser;
}

export async function createSession(
  db: Db,
  input: {
    userId: string;
    stage: SessionStage;
    tokenHash: string;
    csrfToken: string;
    clientAddress: string | null;
    userAgent: string | null;
    now: Date;
  },
): Promise<{ id: string }> {
  return db.session.create({
    data: {
      userId: input.userId,
      stage: input.stage,
      tokenHash: input.tokenHash,
      csrfToken: input.csrfToken,
      clientAddress: input.clientAddress,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
      createdAt: input.now,
      lastSeenAt: input.now,
    },
    select: { id: true },
  });
}

/**
 * The live session for a token hash, its last use moved to `now`; null when there is none, it ended,
 * it passed its idle or absolute limit (ended now, with the reason), or its user was disabled.
 */
export async function resolveSession(
  prisma: PrismaClient,
  tokenHash: string,
  now: Date,
): Promise<LiveSession | null> {
  const row = await prisma.session.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      stage: true,
      csrfToken: true,
      createdAt: true,
      lastSeenAt: true,
      endedAt: true,
      user: {
        select: {
          id: true,
          name: true,
          email: true,
          role: true,
          allSites: true,
          active: true,
          totpEnabledAt: true,
          sites: { select: { siteId: true } },
        },
      },
    },
  });
  if (!row || row.endedAt) return null;
  const settings = await readSecuritySettingsCached(prisma);
  const idleMs = settings.sessionIdleMinutes * 60_000;
  const absoluteExpiresAt = new Date(row.createdAt.getTime() + settings.sessionAbsoluteHours * 3_600_000);
  const expiry: SessionEndReason | null = !row.user.active
    ? 'user_disabled'
    : now.getTime() >= absoluteExpiresAt.getTime()
      ? 'absolute'
      : now.getTime() - row.lastSeenAt.getTime() >= idleMs
        ? 'idle'
        : null;
  if (expiry) {
    await endSession(prisma, row.id, expiry, now);
    return null;
  }
  // Recording the use costs a write per request; within TOUCH_MS of the last recorded use it is
  // skipped, which can only make the idle limit end a session up to TOUCH_MS early, never late.
  // Conditional on the session still being live: an end racing with this request wins.
  if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_MS) {
    const touched = await prisma.session.updateMany({
      where: { id: row.id, endedAt: null },
      data: { lastSeenAt: now },
    });
    if (touched.count === 0) return null;
  }
  return {
    id: row.id,
    stage: row.stage,
    csrfToken: row.csrfToken,
    createdAt: row.createdAt,
    idleExpiresAt: new Date(lastUseRecorded(row.lastSeenAt, now).getTime() + idleMs),
    absoluteExpiresAt,
    user: {
      id: row.user.id,
      name: row.user.name,
      email: row.user.email,
      role: row.user.role,
      allSites: row.user.allSites,
      siteIds: row.user.sites.map((link) => link.siteId),
      totpEnabled: row.user.totpEnabledAt !== null,
    },
  };
}

/** The last use the table now holds: `now` unless the touch was skipped (see resolveSession). */
function lastUseRecorded(lastSeenAt: Date, now: Date): Date {
  return now.getTime() - lastSeenAt.getTime() >= TOUCH_MS ? now : lastSeenAt;
}

/** Ends one session (idempotent: an ended session keeps its first reason). True if it was live. */
export async function endSession(
  db: Db,
  sessionId: string,
  reason: SessionEndReason,
  now: Date,
): Promise<boolean> {
  const ended = await db.session.updateMany({
    where: { id: sessionId, endedAt: null },
    data: { endedAt: now, endReason: reason },
  });
  return ended.count > 0;
}

/** Ends every live session of a user (disabled, password changed...), except `keep` when given. */
export async function endSessionsOfUser(
  db: Db,
  userId: string,
  reason: SessionEndReason,
  now: Date,
  keep?: string,
): Promise<number> {
  const ended = await db.session.updateMany({
    where: { userId, endedAt: null, ...(keep ? { id: { not: keep } } : {}) },
    data: { endedAt: now, endReason: reason },
  });
  return ended.count;
}

/**
 * The sites a user works at, with their names, for the session info the web app shows (every site for
 * all-sites users). Not part of resolveSession: a request's access check needs only the ids.
 */
export async function sitesOfSessionUser(
  prisma: PrismaClient,
  user: Pick<SessionUser, 'allSites' | 'siteIds'>,
): Promise<{ id: string; name: string }[]> {
  return prisma.site.findMany({
    where: user.allSites ? {} : { id: { in: user.siteIds } },
    select: { id: true, name: true },
    orderBy: { name: 'asc' },
  });
}
