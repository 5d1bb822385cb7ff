import { type AuditEventDto, type AuditPage, type AuditQuery } from '@pumpdesk/contracts';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { type Principal, requirePermission, siteScopeSql } from '../access/principal.ts';
import { auditRead } from '../repositories/audit.ts';
import { decodeCursor, encodeCursor, InvalidCursorError } from '../repositories/cursor.ts';

// The audit viewer (audit:read): admins read every event; managers only the events of their sites
// (an all-sites manager every event that has a site). Events without a site (sign-ins, refusals of a
// route, admin actions) are the admins' alone. Newest first, keyset-paged on the id (it increases
// with time). Reading the trail is itself an event ('audit.read'). Parameterised SQL only.

export type AuditFilters = Omit<AuditQuery, 'limit' | 'cursor'>;

interface AuditRow {
  id: string;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  site_id: string | null;
  outcome: AuditEventDto['outcome'];
  request_id: string | null;
  client_address: string | null;
  summary: unknown;
}

const MAX_BIGINT = 9_223_372_036_854_775_807n;

/** `patient.*` → every action starting `patient.`; anything else the exact action. */
function actionCondition(action: string): Prisma.Sql {
  if (!action.endsWith('*')) return Prisma.sql`e.action = ${action}`;
  const prefix = action.slice(0, -1).replace(/[\\%_]/g, (c) => `\\${c}`);
  return Prisma.sql`e.action LIKE ${`${prefix}%`}`;
}

function scopeCondition(principal: Principal): Prisma.Sql {
  if (principal.role === 'admin') return Prisma.sql`TRUE`;
  return Prisma.sql`e.site_id IS NOT NULL AND ${siteScopeSql(principal, Prisma.sql`e.site_id`)}`;
}

function conditions(principal: Principal, filters: AuditFilters, beforeId: bigint | null): Prisma.Sql {
  const parts: Prisma.Sql[] = [scopeCondition(principal)];
  if (filters.from) parts.push(Prisma.sql`e.occurred_at >= ${new Date(filters.from)}`);
  if (filters.to) parts.push(Prisma.sql`e.occurred_at < ${new Date(filters.to)}`);
  if (filters.actorUserId) parts.push(Prisma.sql`e.actor_user_id = ${filters.actorUserId}::uuid`);
  if (filters.action) parts.push(actionCondition(filters.action));
  if (filters.entityType) parts.push(Prisma.sql`e.entity_type = ${filters.entityType}`);
  if (filters.entityId) parts.push(Prisma.sql`e.entity_id = ${filters.entityId}`);
  if (filters.siteId) parts.push(Prisma.sql`e.site_id = ${filters.siteId}::uuid`);
  if (filters.outcome) parts.push(Prisma.sql`e.outcome = ${filters.outcome}::audit_outcome`);
  if (beforeId !== null) parts.push(Prisma.sql`e.id < ${beforeId.toString()}::bigint`);
  return Prisma.join(parts, ' AND ');
}

function cursorId(cursor: string | undefined): bigint | null {
  if (cursor === undefined) return null;
  const [id] = decodeCursor(cursor, 1) ?? [];
  if (id === undefined || !/^\d{1,19}$/.test(id) || BigInt(id) > MAX_BIGINT) {
    throw new InvalidCursorError('This cursor was not issued by the audit viewer.');
  }
  return BigInt(id);
}

function toDto(row: AuditRow): AuditEventDto {
  const summary = row.summary;
  return {
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    actorUserId: row.actor_user_id,
    actorName: row.actor_name,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    siteId: row.site_id,
    outcome: row.outcome,
    requestId: row.request_id,
    clientAddress: row.client_address,
    summary:
      typeof summary === 'object' && summary !== null && !Array.isArray(summary)
        ? (summary as Record<string, unknown>)
        : { value: summary },
  };
}

async function readPage(
  prisma: PrismaClient,
  principal: Principal,
  filters: AuditFilters,
  beforeId: bigint | null,
  limit: number,
): Promise<{ items: AuditEventDto[]; more: boolean }> {
  const rows = await prisma.$queryRaw<AuditRow[]>(Prisma.sql`
    SELECT e.id::text AS id, e.occurred_at, e.actor_user_id::text AS actor_user_id, u.name AS actor_name,
           e.action, e.entity_type, e.entity_id, e.site_id::text AS site_id, e.outcome::text AS outcome,
           e.request_id, e.client_address, e.summary
      FROM audit_events e
      LEFT JOIN users u ON u.id = e.actor_user_id
     WHERE ${conditions(principal, filters, beforeId)}
     ORDER BY e.id DESC
     LIMIT ${limit + 1}`);
  return { items: rows.slice(0, limit).map(toDto), more: rows.length > limit };
}

/** The filters a read used, for its own audit event: ids, codes and instants, never free text. */
function filtersOf(filters: AuditFilters): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filters).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/** One page of events, newest first. */
export async function listAuditEvents(
  prisma: PrismaClient,
  principal: Principal,
  query: AuditQuery,
): Promise<AuditPage> {
  requirePermission(principal, 'audit:read');
  const { limit, cursor, ...filters } = query;
  const page = await readPage(prisma, principal, filters, cursorId(cursor), limit);
  const last = page.items.at(-1);
  await auditRead(prisma, principal, {
    action: 'audit.read',
    entityType: 'audit_events',
    entityId: null,
    summary: {
      format: 'json',
      filters: filtersOf(filters),
      count: page.items.length,
      page: cursor ? 'next' : 'first',
    },
  });
  return { items: page.items, nextCursor: page.more && last ? encodeCursor([last.id]) : null };
}

/** Every matching event up to `maxRows`, newest first, for a CSV download; `truncated` when more match. */
export async function exportAuditEvents(
  prisma: PrismaClient,
  principal: Principal,
  filters: AuditFilters,
  maxRows: number,
): Promise<{ items: AuditEventDto[]; truncated: boolean }> {
  requirePermission(principal, 'audit:read');
  const items: AuditEventDto[] = [];
  let beforeId: bigint | null = null;
  let more = true;
  while (more && items.length < maxRows) {
    const page = await readPage(
      prisma,
      principal,
      filters,
      beforeId,
      Math.min(5_000, maxRows - items.length),
    );
    items.push(...page.items);
    more = page.more;
    const last = page.items.at(-1);
    beforeId = last ? BigInt(last.id) : null;
    if (!last) more = false;
  }
  await auditRead(prisma, principal, {
    action: 'audit.read',
    entityType: 'audit_events',
    entityId: null,
    summary: { format: 'csv', filters: filtersOf(filters), count: items.length, truncated: more },
  });
  return { items, truncated: more };
}
