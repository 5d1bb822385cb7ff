import { type Principal, siteScopeSql } from '../access/principal.ts';
import { Prisma } from '../generated/prisma/client.ts';

// The SQL each worklist shares: "today" per site (every site has its own calendar), the filters, the
// keyset cursor, and the join that names the patients of one page. The statuses are the comparisons
// of the domain's scheduleStatusOn (packages/domain pump-schedule.ts) written in SQL; the worklist
// test holds the two equal over the demo clinic on several days.

export interface WorklistFilters {
  /** The instant "today" is taken from, in each site's zone. */
  now: Date;
  siteId?: string | undefined;
  physicianId?: string | undefined;
  /**
   * When set, also list entries whose key date (due date, recommended replacement, next review) falls
   * within this many days, whatever their status; without it only entries needing attention.
   */
  horizonDays?: number | undefined;
  highRiskOnly?: boolean | undefined;
  /**
   * Whose sites the rows are limited to (`site_id = ANY(...)`, which the site index serves). Left out
   * only by `pnpm bench`'s raw reads; every read in the app passes the request's principal.
   */
  principal?: Principal | undefined;
}

/** Keyset position: the sort key of the last row of the previous page. */
export interface WorklistPosition {
  rank: number;
  highRisk: boolean;
  orderDate: string | null;
  patientId: string;
}

/** Rank of an urgency in the engine's order (priority.ts URGENCY_ORDER). */
export const URGENCY_RANK_SQL = (urgency: Prisma.Sql) => Prisma.sql`(CASE ${urgency}
  WHEN 'critical' THEN 0 WHEN 'unknown' THEN 1 WHEN 'overdue' THEN 2
  WHEN 'due_soon' THEN 3 WHEN 'upcoming' THEN 4 ELSE 5 END)`;

/** Sites with their own today: a CTE body. */
export function siteDaysSql(now: Date): Prisma.Sql {
  return Prisma.sql`SELECT id, timezone(time_zone, ${now}::timestamptz)::date AS today, time_zone FROM sites`;
}

/**
 * The latest "today" of any site is at most the UTC date + 1 (no zone is ahead of UTC by more than
 * 14 hours): a bound that lets the index range scan start before the exact per-site comparison.
 */
export function latestSiteDay(now: Date, plusDays = 0): string {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1 + plusDays));
  return day.toISOString().slice(0, 10);
}

export function filterSql(filters: WorklistFilters, alias = 's'): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  const column = (name: string) => Prisma.raw(`${alias}.${name}`);
  if (filters.principal) parts.push(siteScopeSql(filters.principal, column('site_id')));
  if (filters.siteId) parts.push(Prisma.sql`${column('site_id')} = ${filters.siteId}::uuid`);
  if (filters.physicianId) {
    parts.push(Prisma.sql`${column('responsible_physician_id')} = ${filters.physicianId}::uuid`);
  }
  if (filters.highRiskOnly) parts.push(Prisma.sql`${column('high_risk')}`);
  return Prisma.join(parts, ' AND ');
}

/** `(rank, NOT high_risk, order date (nulls last), patient id) > position`: all ascending. */
export function afterPositionSql(position: WorklistPosition | null): Prisma.Sql {
  if (!position) return Prisma.sql`TRUE`;
  return Prisma.sql`(e.rank, NOT e.high_risk, COALESCE(e.order_date, 'infinity'::date), e.patient_id) >
    (${position.rank}::int, ${!position.highRisk}::boolean,
     COALESCE(${position.orderDate}::date, 'infinity'::date), ${position.patientId}::uuid)`;
}

export const ORDER_SQL = Prisma.sql`e.rank, NOT e.high_risk, COALESCE(e.order_date, 'infinity'::date), e.patient_id`;

/** Statuses as a text[] parameter; null: any status but ok. */
export function statusFilterSql(statuses: readonly string[] | undefined): Prisma.Sql {
  return statuses && statuses.length > 0
    ? Prisma.sql`e.status = ANY(${[...statuses]}::text[])`
    : Prisma.sql`e.status <> 'ok'`;
}

/** Columns of the people and pump of a page's entries (joined only for the rows of the page). */
export const PAGE_JOIN_SQL = Prisma.sql`
  JOIN patients p ON p.id = e.patient_id
  JOIN pumps pu ON pu.id = e.pump_id
  JOIN pump_models pm ON pm.id = pu.model_id
  JOIN sites si ON si.id = e.site_id
  LEFT JOIN users u ON u.id = e.responsible_physician_id`;

export const PAGE_COLUMNS_SQL = Prisma.sql`
  p.mrn, p.given_name, p.family_name, pu.serial_number, pm.manufacturer, pm.model AS model_name,
  si.name AS site_name, u.name AS physician_name`;

export interface PageColumns {
  mrn: string;
  given_name: string;
  family_name: string;
  serial_number: string;
  manufacturer: string;
  model_name: string;
  site_name: string;
  physician_name: string | null;
}
