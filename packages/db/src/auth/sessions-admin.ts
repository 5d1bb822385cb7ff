import { type SessionSummary } from '@pumpdesk/contracts';
import { type PrismaClient } from '../generated/prisma/client.ts';
import { type Principal, requirePermission } from '../access/principal.ts';
import { recordAudit } from '../repositories/audit.ts';
import { RecordNotFoundError } from '../repositories/errors.ts';
import { endSession } from './sessions.ts';
import { liveSessionWhere } from './users-admin.ts';

// Sessions as an admin sees them (sessions:manage): the live ones only (not ended, within the idle and
// absolute limits at `now`), and ending one at once. Tokens and CSRF tokens never leave this module.

/** Live sessions, most recently used first; of one user when `userId` is given. */
export async function listLiveSessions(
  prisma: PrismaClient,
  principal: Principal,
  filter: { userId?: string | undefined },
  now: Date,
): Promise<SessionSummary[]> {
  requirePermission(principal, 'sessions:manage');
  const rows = await prisma.session.findMany({
    where: { ...(await liveSessionWhere(prisma, now)), ...(filter.userId ? { userId: filter.userId } : {}) },
    orderBy: [{ lastSeenAt: 'desc' }, { id: 'asc' }],
    take: 5_000,
    select: {
      id: true,
      userId: true,
      stage: true,
      createdAt: true,
      lastSeenAt: true,
      clientAddress: true,
      userAgent: true,
      user: { select: { name: true } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    userId: row.userId,
    userName: row.user.name,
    stage: row.stage,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    clientAddress: row.clientAddress,
    userAgent: row.userAgent,
  }));
}

/** Ends a live session ('ended_by_admin'); RecordNotFoundError when there is none with that id. */
export async function endSessionByAdmin(
  prisma: PrismaClient,
  principal: Principal,
  sessionId: string,
  now: Date,
): Promise<void> {
  requirePermission(principal, 'sessions:manage');
  await prisma.$transaction(async (tx) => {
    const session = await tx.session.findFirst({
      where: { id: sessionId, ...(await liveSessionWhere(tx, now)) },
      select: { userId: true },
    });
    if (!session || !(await endSession(tx, sessionId, 'ended_by_admin', now))) {
      throw new RecordNotFoundError('session', sessionId);
    }
    await recordAudit(tx, principal, {
      action: 'session.end',
      entityType: 'session',
      entityId: sessionId,
      outcome: 'success',
      summary: { userId: session.userId, reason: 'ended_by_admin' },
    });
  });
}
