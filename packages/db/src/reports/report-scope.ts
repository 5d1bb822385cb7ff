import { type Principal, requirePermission, requireSiteAccess, siteScopeOf } from '../access/principal.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { recordAudit } from '../repositories/audit.ts';
import { RecordNotFoundError } from '../repositories/errors.ts';

// What every report shares: the site filter, and the reference day its windows are built from.
// Months are calendar months in each site's zone; the window (which months a report shows) comes from
// one reference day: today in the filtered site's zone, or without a filter the latest today of any
// site (zones are at most a day apart, so only the last hours of a month can differ). Statuses that
// depend on today (overdue) use each site's own today, in SQL.
// Access: a report needs reports:read and counts only the user's sites (without a filter, all of
// theirs; a filter on another site answers like an unknown site, 404). Each read is audited once.

export interface ReportRequest {
  /** The instant "today" is taken from: the route reads the clock once and passes it down. */
  now: Date;
  siteId?: string | undefined;
  /** Who reads it: their sites bound every count. */
  principal: Principal;
  /** What the audit event records (the JSON or the CSV download). */
  format: 'json' | 'csv';
}

export interface ReportScope {
  now: Date;
  siteId: string | null;
  /** The sites counted without a filter: null for every site. */
  sites: readonly string[] | null;
  principal: Principal;
  format: 'json' | 'csv';
  /** YYYY-MM-DD */
  referenceDate: string;
}

export async function reportScope(
  prisma: Prisma.TransactionClient,
  request: ReportRequest,
): Promise<ReportScope> {
  const { principal } = request;
  requirePermission(principal, 'reports:read');
  const siteId = request.siteId ?? null;
  if (siteId) requireSiteAccess(principal, siteId, 'site', siteId);
  const sites = siteScopeOf(principal);
  const rows = await prisma.$queryRaw<{ day: string | null; sites: number }[]>`
    SELECT to_char(max(timezone(time_zone, ${request.now}::timestamptz))::date, 'YYYY-MM-DD') AS day,
           count(*)::int AS sites
    FROM sites
    WHERE ${siteId ? Prisma.sql`id = ${siteId}::uuid` : sites ? Prisma.sql`id = ANY(${[...sites]}::uuid[])` : Prisma.sql`TRUE`}`;
  const row = rows[0];
  // The site asked for does not exist (the API answers 404).
  if (siteId && !row?.sites) throw new RecordNotFoundError('site', siteId);
  return {
    now: request.now,
    siteId,
    sites,
    principal,
    format: request.format,
    // No site at all yet: the UTC calendar.
    referenceDate: row?.day ?? request.now.toISOString().slice(0, 10),
  };
}

/** The one audit event of a report read (report.read: the report's name, the format, the filter). */
export async function auditReportRead(
  prisma: Prisma.TransactionClient,
  scope: ReportScope,
  report: string,
): Promise<void> {
  await recordAudit(prisma, scope.principal, {
    action: 'report.read',
    entityType: 'report',
    entityId: report,
    outcome: 'success',
    siteId: scope.siteId,
    summary: { format: scope.format },
  });
}

/** What every report starts with: when it was made, the day its windows come from, its filter. */
export function reportHeader(scope: ReportScope): {
  generatedAt: string;
  referenceDate: string;
  parameters: { siteId: string | null };
} {
  return {
    generatedAt: scope.now.toISOString(),
    referenceDate: scope.referenceDate,
    parameters: { siteId: scope.siteId },
  };
}

/** `AND <column> = siteId` when the report is filtered, else `AND <column> = ANY(the user's sites)`. */
export function siteFilterSql(scope: ReportScope, column: string): Prisma.Sql {
  if (scope.siteId) return Prisma.sql`AND ${Prisma.raw(column)} = ${scope.siteId}::uuid`;
  return scope.sites
    ? Prisma.sql`AND ${Prisma.raw(column)} = ANY(${[...scope.sites]}::uuid[])`
    : Prisma.empty;
}

/** The first day (YYYY-MM-01) of the month `offset` months from the reference day's month. */
export function monthStart(referenceDate: string, offset: number): string {
  const year = Number(referenceDate.slice(0, 4));
  const month = Number(referenceDate.slice(5, 7)) - 1 + offset;
  return new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
}

/** The months (YYYY-MM) from `fromOffset` to `toOffset` (inclusive) around the reference month. */
export function monthsAround(referenceDate: string, fromOffset: number, toOffset: number): string[] {
  const months: string[] = [];
  for (let offset = fromOffset; offset <= toOffset; offset += 1) {
    months.push(monthStart(referenceDate, offset).slice(0, 7));
  }
  return months;
}

/** The last day (YYYY-MM-DD) of the month `offset` months from the reference month. */
export function monthEnd(referenceDate: string, offset: number): string {
  const next = new Date(`${monthStart(referenceDate, offset + 1)}T00:00:00.000Z`);
  return new Date(next.getTime() - 86_400_000).toISOString().slice(0, 10);
}

/** A calendar month of an instant in the site's zone (`si` is the joined site), as YYYY-MM. */
export const siteMonthSql = (instant: Prisma.Sql): Prisma.Sql =>
  Prisma.sql`to_char(date_trunc('month', timezone(si.time_zone, ${instant})), 'YYYY-MM')`;

/**
 * Refills `r` performed from the first day of the `from` month to before the `to` month (YYYY-MM-DD,
 * both in the site's calendar). A coarse UTC bound (two days either side) lets the index on
 * performed_at narrow the scan first.
 */
export function performedBetweenSql(from: string, to: string): Prisma.Sql {
  const day = 86_400_000;
  const lower = new Date(Date.parse(`${from}T00:00:00.000Z`) - 2 * day);
  const upper = new Date(Date.parse(`${to}T00:00:00.000Z`) + 2 * day);
  return Prisma.sql`r.performed_at >= ${lower}::timestamptz AND r.performed_at < ${upper}::timestamptz
    AND timezone(si.time_zone, r.performed_at) >= ${from}::date
    AND timezone(si.time_zone, r.performed_at) < ${to}::date`;
}

/**
 * `FROM` the refills `r` with their pump `pu`, patient `p` (counted at the current site) and site
 * `si`; add joins after it, then `WHERE ${refillsInScopeSql(...)}`.
 */
export const refillsFromSql = Prisma.sql`FROM refills r
    JOIN pumps pu ON pu.id = r.pump_id
    JOIN patients p ON p.id = pu.patient_id
    JOIN sites si ON si.id = p.site_id`;

/** The refills of patients in scope (not deleted, at the filtered site) performed in [from, to). */
export function refillsInScopeSql(scope: ReportScope, from: string, to: string): Prisma.Sql {
  return Prisma.sql`p.deleted_at IS NULL ${siteFilterSql(scope, 'p.site_id')}
      AND ${performedBetweenSql(from, to)}`;
}
