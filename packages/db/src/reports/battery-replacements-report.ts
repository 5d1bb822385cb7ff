import { type BatteryReplacementsReport } from '@pumpdesk/contracts';
import { type Prisma } from '../generated/prisma/client.ts';
import {
  auditReportRead,
  monthsAround,
  monthStart,
  reportHeader,
  type ReportRequest,
  reportScope,
  siteFilterSql,
} from './report-scope.ts';

// Report 3: battery replacements to plan (theatre time), the current month and the 23 after, from the
// worklist table. A pump is replaced on its recommended replacement date (battery_recommended); once
// the pump has reported ERI, now. Replacements already due (ERI reported, or the recommended date
// before the site's today) count in the current month and are also reported as `overdueNow`.

const MONTHS = 24;

export async function batteryReplacementsReport(
  prisma: Prisma.TransactionClient,
  request: ReportRequest,
): Promise<BatteryReplacementsReport> {
  const scope = await reportScope(prisma, request);
  const { referenceDate, now } = scope;
  const firstMonth = monthStart(referenceDate, 0);
  const end = monthStart(referenceDate, MONTHS);

  const rows = await prisma.$queryRaw<{ month: string; replacements: number; overdue: number }[]>`
    WITH replacements AS (
      SELECT x.overdue, CASE WHEN x.overdue THEN x.today ELSE x.recommended END AS day
      FROM (
        SELECT s.battery_recommended AS recommended,
               timezone(si.time_zone, ${now}::timestamptz)::date AS today,
               (s.eri_reported_date IS NOT NULL
                 OR s.battery_recommended < timezone(si.time_zone, ${now}::timestamptz)::date) AS overdue
        FROM pump_schedules s
        JOIN patients p ON p.id = s.patient_id
        JOIN sites si ON si.id = s.site_id
        WHERE p.deleted_at IS NULL ${siteFilterSql(scope, 's.site_id')}
      ) x
    )
    SELECT to_char(day, 'YYYY-MM') AS month, count(*)::int AS replacements,
           count(*) FILTER (WHERE overdue)::int AS overdue
    FROM replacements
    WHERE day >= ${firstMonth}::date AND day < ${end}::date
    GROUP BY 1`;

  const byMonth = new Map(rows.map((row) => [row.month, row]));
  const months = monthsAround(referenceDate, 0, MONTHS - 1).map((month) => ({
    month,
    replacements: byMonth.get(month)?.replacements ?? 0,
    overdue: byMonth.get(month)?.overdue ?? 0,
  }));
  await auditReportRead(prisma, scope, 'battery-replacements');
  return {
    ...reportHeader(scope),
    overdueNow: rows.reduce((total, row) => total + row.overdue, 0),
    months,
  };
}
