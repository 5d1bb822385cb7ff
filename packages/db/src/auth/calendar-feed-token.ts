import { type Principal, requirePermission } from '../access/principal.ts';
import { type PrismaClient } from '../generated/prisma/client.ts';
import { recordAudit } from '../repositories/audit.ts';

// Calendar feeds (.ics) are fetched by calendar apps, which cannot sign in: the feed URL carries a
// secret token instead, one per user, that reads the feeds as that user (their role, their sites). As
// with sessions, only the token's SHA-256 is stored (the API hashes; this module never sees a token).

/**
 * Stores a new feed token's hash for the principal (the old token stops working), audited. Only a
 * role that reads patient data may have one (a feed lists appointments with MRNs).
 */
export async function issueCalendarFeedToken(
  prisma: PrismaClient,
  principal: Principal,
  tokenHash: string,
): Promise<void> {
  requirePermission(principal, 'patients:read');
  await prisma.$transaction(async (tx) => {
    const previous = await tx.user.findUniqueOrThrow({
      where: { id: principal.userId },
      select: { calendarFeedTokenHash: true },
    });
    await tx.user.update({ where: { id: principal.userId }, data: { calendarFeedTokenHash: tokenHash } });
    await recordAudit(tx, principal, {
      action: 'calendar_feed.token_issued',
      entityType: 'user',
      entityId: principal.userId,
      outcome: 'success',
      summary: { replacedPrevious: previous.calendarFeedTokenHash !== null },
    });
  });
}

/** The user a feed token belongs to, as a Principal; null for an unknown token or a disabled user. */
export async function principalForCalendarFeedToken(
  prisma: PrismaClient,
  tokenHash: string,
  requestId: string | null,
  clientAddress: string | null,
): Promise<Principal | null> {
  const user = await prisma.user.findUnique({
    where: { calendarFeedTokenHash: tokenHash },
    select: {
      id: true,
      name: true,
      role: true,
      active: true,
      allSites: true,
      sites: { select: { siteId: true } },
    },
  });
  if (!user?.active) return null;
  return {
    userId: user.id,
    name: user.name,
    role: user.role,
    allSites: user.allSites,
    siteIds: user.sites.map((link) => link.siteId),
    requestId,
    clientAddress,
  };
}
