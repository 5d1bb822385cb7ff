import { Prisma as P } from '../generated/prisma/client.ts';
import {
  afterPositionSql,
  filterSql,
  latestSiteDay,
  ORDER_SQL,
  PAGE_COLUMNS_SQL,
  PAGE_JOIN_SQL,
  type PageColumns,
  siteDaysSql,
  statusFilterSql,
  URGENCY_RANK_SQL,
  type WorklistFilters,
  type WorklistPosition,
} from './worklist-sql.ts';

/**
 * What makes one worklist: its status as SQL over the table row `s` and the site's day `d`, the
 * urgency of each status, the date that orders entries, the key date a horizon applies to, and the
 * indexed condition that bounds the scan.
 */
export interface WorklistSpec {
  /** CASE expression giving the status (text) from `s.*`, `d.today` and the parameter `now`. */
  status: (now: Date) => P.Sql;
  /** The engine's urgency of a status (CASE over `x.status`). */
  urgency: P.Sql;
  /** The ordering date of an entry, from `x.*` (nulls last). */
  orderDate: (now: Date) => P.Sql;
  /** The date a horizon compares with today (due date, recommended replacement, next review). */
  keyDate: P.Sql;
  /** Statuses that are listed whatever the horizon. */
  alwaysListed: readonly string[];
  /** An indexed condition over `s` no listed row fails: `latest` is the latest site day. */
  candidates: (input: { now: Date; latest: string; latestPlusHorizon: string }) => P.Sql;
  /** Extra columns computed over `s` next to the status (`, expr AS name` each). */
  rowColumns?: (now: Date) => P.Sql;
  /** Extra columns computed over `x` (the row with its status) (`, expr AS name` each). */
  entryColumns?: P.Sql;
  /** Extra columns computed for the page's rows only, over `e` (`, expr AS name` each). */
  pageColumns?: P.Sql;
  /** Extra conditions over `e` (e.g. only entries without a booked refill). */
  extraWhere?: P.Sql;
  /**
   * The most urgent entries (rank ≤ maxRank: critical, unknown, overdue), with an indexed condition
   * that every one of them meets. A page is first read from these alone; only when they do not fill
   * it is the whole list read (see runWorklistWith).
   */
  urgent?: { maxRank: number; candidates: (input: { now: Date; latest: string }) => P.Sql };
}

// Every column but the multirange, which only the status and the critical start read (and which the
// driver does not turn into a JavaScript value).
const TABLE_COLUMNS = P.raw(
  [
    'pump_id',
    'patient_id',
    'site_id',
    'responsible_physician_id',
    'high_risk',
    'refill_state',
    'critical_from',
    'alarm_at',
    'empty_at',
    'alarm_date',
    'empty_date',
    'refill_due_date',
    'due_bound_by',
    'margin_days',
    'due_soon_from',
    'upcoming_from',
    'booked_refill_dates',
    'battery_window_start',
    'battery_recommended',
    'battery_estimated_end',
    'battery_end_of_service',
    'eri_reported_date',
    'battery_approaching_from',
    'battery_attention_from',
    'last_review',
    'next_review_due',
    'review_due_soon_from',
  ]
    .map((column) => `s.${column}`)
    .join(', '),
);

/** What one page of a worklist is read with. */
export type WorklistArguments = [spec: WorklistSpec, filters: WorklistFilters, page: WorklistPageRequest];

export interface WorklistPageRequest {
  limit: number;
  after: WorklistPosition | null;
  statuses?: readonly string[] | undefined;
}

/** A raw entry: the table row, the computed status and order, and the page's names. */
export type WorklistRawRow = PageColumns & {
  patient_id: string;
  pump_id: string;
  site_id: string;
  responsible_physician_id: string | null;
  high_risk: boolean;
  status: string;
  urgency: string;
  rank: number;
  order_date: Date | null;
  today: Date;
  time_zone: string;
} & Record<string, unknown>;

/**
 * One page of a worklist: an index range scan of pump_schedules bounded by `spec.candidates`, the
 * status per row by comparing stored dates with each site's today, ordered by the engine's priority
 * (urgency, high-risk first, date, patient id) with a keyset cursor. `limit + 1` rows are read so the
 * caller knows whether there is a next page. The names are joined for the page's rows only.
 */
export async function runWorklist(
  prisma: P.TransactionClient,
  spec: WorklistSpec,
  filters: WorklistFilters,
  page: WorklistPageRequest,
): Promise<WorklistRawRow[]> {
  return runWorklistWith((sql) => prisma.$queryRaw<WorklistRawRow[]>(sql), spec, filters, page);
}

/**
 * Reads a page with `execute` (Prisma in the app; `pg` directly in `pnpm bench`, so both run the same
 * statements). The most urgent entries are read first: the ranks order the list, every urgent entry
 * meets `spec.urgent.candidates` (a small index range), and all non-urgent ones rank after them, so
 * when the urgent read fills the page with urgent entries (its last row too), the whole list would
 * start with exactly those rows. Otherwise the whole list is read. A nurse's first page is usually
 * filled by what is critical and overdue: a few thousand rows at 100,000 patients instead of tens.
 */
export async function runWorklistWith<Row extends { rank: number }>(
  execute: (sql: P.Sql) => Promise<Row[]>,
  spec: WorklistSpec,
  filters: WorklistFilters,
  page: WorklistPageRequest,
): Promise<Row[]> {
  if (spec.urgent) {
    const rows = await execute(worklistSql(spec, filters, page, { urgentOnly: true }));
    const last = rows[page.limit];
    if (last && last.rank <= spec.urgent.maxRank) return rows;
  }
  return execute(worklistSql(spec, filters, page));
}

/** The statement of a worklist page: the whole list, or its most urgent entries only. */
export function worklistSql(
  spec: WorklistSpec,
  filters: WorklistFilters,
  page: WorklistPageRequest,
  options: { urgentOnly?: boolean } = {},
): P.Sql {
  const { now } = filters;
  const horizon = filters.horizonDays;
  const latest = latestSiteDay(now);
  const latestPlusHorizon = latestSiteDay(now, horizon ?? 0);
  const horizonSql =
    horizon === undefined
      ? P.sql`TRUE`
      : P.sql`(e.status = ANY(${[...spec.alwaysListed]}::text[]) OR e.key_date <= e.today + ${horizon}::int)`;
  // Without a horizon only entries needing attention; with one, also those whose date falls in it.
  const statusSql =
    horizon === undefined
      ? statusFilterSql(page.statuses)
      : page.statuses && page.statuses.length > 0
        ? statusFilterSql(page.statuses)
        : P.sql`TRUE`;
  return P.sql`
    WITH site_day AS (${siteDaysSql(now)}),
    x AS (
      SELECT ${TABLE_COLUMNS}, d.today, d.time_zone, ${spec.status(now)} AS status
        ${spec.rowColumns?.(now) ?? P.empty}
      FROM pump_schedules s JOIN site_day d ON d.id = s.site_id
      WHERE (${
        options.urgentOnly && spec.urgent
          ? spec.urgent.candidates({ now, latest })
          : spec.candidates({ now, latest, latestPlusHorizon })
      }) AND ${filterSql(filters)}
    ),
    e AS (
      SELECT x.*, ${spec.urgency} AS urgency, ${URGENCY_RANK_SQL(spec.urgency)} AS rank,
        ${spec.orderDate(now)} AS order_date, ${spec.keyDate} AS key_date
        ${spec.entryColumns ?? P.empty}
      FROM x
    ),
    page AS (
      SELECT e.* FROM e
      WHERE ${statusSql} AND ${horizonSql} AND ${spec.extraWhere ?? P.sql`TRUE`}
        AND ${afterPositionSql(page.after)}
      ORDER BY ${ORDER_SQL}
      LIMIT ${page.limit + 1}
    )
    SELECT e.*, ${PAGE_COLUMNS_SQL} ${spec.pageColumns ?? P.empty}
    FROM page e ${PAGE_JOIN_SQL}
    ORDER BY ${ORDER_SQL}`;
}
