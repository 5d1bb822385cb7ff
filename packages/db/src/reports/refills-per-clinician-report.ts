import { type RefillsPerClinicianReport, userRoleSchema } from '@pumpdesk/contracts';
import { Prisma } from '../generated/prisma/client.ts';
import {
  monthsAround,
  monthStart,
  performedBetweenSql,
  type ReportRequest,
  reportScope,
  siteFilterSql,
  siteMonthSql,
} from './report-scope.ts';

// Report 6: staff workload. Refills per performing user per month over the past 12 full months and
// the current month (month of performed_at in the site's zone; patients at their current site;
// deleted patients left out). Only the (user, month) pairs with refills are listed.

const PAST_MONTHS = 12;

interface ClinicianRow {
  user_id: string;
  name: string;
  role: string;
  month: string;
  refills: number;
}

export async function refillsPerClinicianReport(
  prisma: Prisma.TransactionClient,
  request: ReportRequest,
): Promise<RefillsPerClinicianReport> {
  const scope = await reportScope(prisma, request);
  const from = monthStart(scope.referenceDate, -PAST_MONTHS);
  const to = monthStart(scope.referenceDate, 1);
  const rows = await prisma.$queryRaw<ClinicianRow[]>`
    SELECT u.id::text AS user_id, u.name, u.role::text AS role,
           ${siteMonthSql(Prisma.sql`r.performed_at`)} AS month, count(*)::int AS refills
    FROM refills r
    JOIN users u ON u.id = r.performed_by_id
    JOIN pumps pu ON pu.id = r.pump_id
    JOIN patients p ON p.id = pu.patient_id
    JOIN sites si ON si.id = p.site_id
    WHERE p.deleted_at IS NULL ${siteFilterSql(scope, 'p.site_id')}
      AND ${performedBetweenSql(from, to)}
    GROUP BY u.id, u.name, u.role, 4
    ORDER BY u.name, u.id, 4`;

  return {
    generatedAt: scope.now.toISOString(),
    referenceDate: scope.referenceDate,
    parameters: { siteId: scope.siteId },
    months: monthsAround(scope.referenceDate, -PAST_MONTHS, 0),
    rows: rows.map((row) => ({
      userId: row.user_id,
      name: row.name,
      role: userRoleSchema.parse(row.role),
      month: row.month,
      refills: row.refills,
    })),
  };
}
