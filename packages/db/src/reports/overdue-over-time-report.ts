import { type OverdueOverTimeReport } from '@pumpdesk/contracts';
import { type Prisma } from '../generated/prisma/client.ts';
import {
  auditReportRead,
  monthEnd,
  reportHeader,
  type ReportRequest,
  reportScope,
  siteFilterSql,
} from './report-scope.ts';

// Report 5: how many implanted pumps were overdue for a refill on each of the past 12 month-ends and
// today, reconstructed from the refill history. A pump was overdue on day X when it was implanted
// that day (implant_date ≤ X and no explant_date ≤ X) and the latest refill performed on or before X
// (in its site's calendar) has a stored due date (due_date_snapshot) before X.
//
// LIMIT: it uses the due date stored at each refill, as computed then. A dose change between two
// refills moved the real due date, but not the snapshot, so the past is judged by the plan in force at
// each refill. Pumps with no refill (or no stored due date) by day X are not judged: they are counted
// in `noRefillRecorded`. Patients are counted at their current site; deleted patients are left out.

const MONTH_ENDS = 12;

export async function overdueOverTimeReport(
  prisma: Prisma.TransactionClient,
  request: ReportRequest,
): Promise<OverdueOverTimeReport> {
  const scope = await reportScope(prisma, request);
  const days = [
    ...Array.from({ length: MONTH_ENDS }, (_, index) => monthEnd(scope.referenceDate, index - MONTH_ENDS)),
    scope.referenceDate,
  ];

  const rows = await prisma.$queryRaw<
    { day: string; implanted: number; overdue: number; no_refill: number }[]
  >`
    SELECT to_char(x.day, 'YYYY-MM-DD') AS day,
           count(pu.id)::int AS implanted,
           count(pu.id) FILTER (WHERE latest.due_date_snapshot < x.day)::int AS overdue,
           count(pu.id) FILTER (WHERE latest.due_date_snapshot IS NULL)::int AS no_refill
    FROM unnest(${days}::date[]) AS x(day)
    LEFT JOIN (
      pumps pu
      JOIN patients p ON p.id = pu.patient_id AND p.deleted_at IS NULL ${siteFilterSql(scope, 'p.site_id')}
      JOIN sites si ON si.id = p.site_id
    ) ON pu.implant_date <= x.day AND (pu.explant_date IS NULL OR pu.explant_date > x.day)
    LEFT JOIN LATERAL (
      SELECT r.due_date_snapshot
      FROM refills r
      WHERE r.pump_id = pu.id
        AND r.performed_at < ((x.day + 1)::timestamp AT TIME ZONE si.time_zone)
      ORDER BY r.performed_at DESC, r.created_at DESC
      LIMIT 1
    ) latest ON TRUE
    GROUP BY x.day
    ORDER BY x.day`;

  const byDay = new Map(rows.map((row) => [row.day, row]));
  await auditReportRead(prisma, scope, 'overdue-over-time');
  return {
    ...reportHeader(scope),
    points: days.map((date, index) => ({
      date,
      kind: index < MONTH_ENDS ? ('month_end' as const) : ('today' as const),
      implantedPumps: byDay.get(date)?.implanted ?? 0,
      overdue: byDay.get(date)?.overdue ?? 0,
      noRefillRecorded: byDay.get(date)?.no_refill ?? 0,
    })),
  };
}
