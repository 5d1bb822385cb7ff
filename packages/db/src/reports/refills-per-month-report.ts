import { type RefillsPerMonthReport } from '@pumpdesk/contracts';
import { Prisma } from '../generated/prisma/client.ts';
import {
  auditReportRead,
  monthsAround,
  monthStart,
  refillsFromSql,
  refillsInScopeSql,
  reportHeader,
  type ReportRequest,
  reportScope,
  siteFilterSql,
  siteMonthSql,
} from './report-scope.ts';

// Report 2: refills per month.
//
// RECORDED: the refills recorded in each of the past 24 full months and the current month (month of
// performed_at in the site's zone; patients counted at their current site; deleted patients left out).
//
// FORECAST, the current month and the 11 after, from the worklist table (pump_schedules: one row per
// implanted pump of a patient in care). For each pump with a refill due date:
// - the next refill falls on its due date; an overdue one (due before the site's today) on today, so
//   in the current month;
// - later ones every L days after it, where L = due date − date of the last refill (the pump's current
//   cycle; the implant date when no refill is recorded), at least 7 days.
// So the forecast assumes every refill is done on its day and the dose stays as it is; it ignores
// appointments, dose changes and explants to come.

const FORECAST_MONTHS = 12;
const PAST_MONTHS = 24;
const MIN_CYCLE_DAYS = 7;

export async function refillsPerMonthReport(
  prisma: Prisma.TransactionClient,
  request: ReportRequest,
): Promise<RefillsPerMonthReport> {
  const scope = await reportScope(prisma, request);
  const { referenceDate, now } = scope;
  const recordedFrom = monthStart(referenceDate, -PAST_MONTHS);
  const currentMonth = monthStart(referenceDate, 0);
  const nextMonth = monthStart(referenceDate, 1);
  const forecastEnd = monthStart(referenceDate, FORECAST_MONTHS);

  const recorded = await prisma.$queryRaw<{ month: string; count: number }[]>`
    SELECT ${siteMonthSql(Prisma.sql`r.performed_at`)} AS month, count(*)::int AS count
    ${refillsFromSql}
    WHERE ${refillsInScopeSql(scope, recordedFrom, nextMonth)}
    GROUP BY 1`;

  const forecast = await prisma.$queryRaw<{ month: string; count: number }[]>`
    WITH due AS (
      SELECT s.refill_due_date AS due_date,
             timezone(si.time_zone, ${now}::timestamptz)::date AS today,
             COALESCE(
               (SELECT timezone(si.time_zone, max(r.performed_at))::date FROM refills r WHERE r.pump_id = s.pump_id),
               pu.implant_date) AS last_fill
      FROM pump_schedules s
      JOIN patients p ON p.id = s.patient_id
      JOIN pumps pu ON pu.id = s.pump_id
      JOIN sites si ON si.id = s.site_id
      WHERE s.refill_due_date IS NOT NULL AND p.deleted_at IS NULL ${siteFilterSql(scope, 's.site_id')}
    ),
    occurrences AS (
      SELECT occurrence::date AS day
      FROM due,
      LATERAL generate_series(
        GREATEST(due.due_date, due.today)::timestamp,
        ${forecastEnd}::date::timestamp - interval '1 day',
        make_interval(days => GREATEST(due.due_date - due.last_fill, ${MIN_CYCLE_DAYS}::int))
      ) AS occurrence
    )
    SELECT to_char(day, 'YYYY-MM') AS month, count(*)::int AS count
    FROM occurrences
    WHERE day >= ${currentMonth}::date
    GROUP BY 1`;

  const recordedBy = new Map(recorded.map((row) => [row.month, row.count]));
  const forecastBy = new Map(forecast.map((row) => [row.month, row.count]));
  await auditReportRead(prisma, scope, 'refills-per-month');
  return {
    ...reportHeader(scope),
    months: monthsAround(referenceDate, -PAST_MONTHS, FORECAST_MONTHS - 1).map((month) => ({
      month,
      recorded: month <= currentMonth.slice(0, 7) ? (recordedBy.get(month) ?? 0) : null,
      forecast: month >= currentMonth.slice(0, 7) ? (forecastBy.get(month) ?? 0) : null,
    })),
  };
}
