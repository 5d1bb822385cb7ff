import { WORKLIST_CSV_MAX_ROWS } from '@pumpdesk/contracts';
import { type Principal, requirePermission, requireSiteAccess } from '../access/principal.ts';
import { type PrismaClient } from '../generated/prisma/client.ts';
import { auditRead } from '../repositories/audit.ts';

// Who may read a worklist, and the one audit event each read leaves. A worklist lists patients by
// name, so it needs patients:read; its rows are limited to the user's sites in the SQL (filterSql),
// and a filter on a site the user does not work at answers like an unknown site (404).

export type WorklistName = 'refills' | 'batteries' | 'follow-ups';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

function requireWorklistAccess(principal: Principal, siteId: string | undefined): void {
  requirePermission(principal, 'patients:read');
  if (siteId !== undefined) requireSiteAccess(principal, siteId, 'site', siteId);
}

async function auditWorklistRead(
  prisma: PrismaClient,
  principal: Principal,
  read: { name: WorklistName; siteId: string | undefined; count: number; format: 'json' | 'csv' },
): Promise<void> {
  await auditRead(prisma, principal, {
    action: 'worklist.read',
    entityType: 'worklist',
    entityId: read.name,
    siteId: read.siteId ?? null,
    summary: { count: read.count, format: read.format },
  });
}

/** One page of a worklist, checked and audited. */
export async function readWorklistPage<T>(
  prisma: PrismaClient,
  principal: Principal,
  list: { name: WorklistName; siteId: string | undefined },
  readPage: () => Promise<Page<T>>,
): Promise<Page<T>> {
  requireWorklistAccess(principal, list.siteId);
  const page = await readPage();
  await auditWorklistRead(prisma, principal, { ...list, count: page.items.length, format: 'json' });
  return page;
}

/** Every entry of a worklist up to the CSV limit, for a download: one audit event for the whole file. */
export async function readWorklistEntries<T>(
  prisma: PrismaClient,
  principal: Principal,
  list: { name: WorklistName; siteId: string | undefined },
  readPage: (limit: number, cursor: string | undefined) => Promise<Page<T>>,
): Promise<T[]> {
  requireWorklistAccess(principal, list.siteId);
  const entries: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await readPage(Math.min(1_000, WORKLIST_CSV_MAX_ROWS - entries.length), cursor);
    entries.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && entries.length < WORKLIST_CSV_MAX_ROWS);
  await auditWorklistRead(prisma, principal, { ...list, count: entries.length, format: 'csv' });
  return entries;
}
