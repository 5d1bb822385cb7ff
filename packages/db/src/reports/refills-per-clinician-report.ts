import { type RefillsPerClinicianReport, userRoleSchema } from '@pumpdesk/contracts';
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
    ${refillsFromSql}
    JOIN users u ON u.id = r.performed_by_id
    WHERE ${refillsInScopeSql(scope, from, to)}
    GROUP BY u.id, u.name, u.role, 4
    ORDER BY u.name, u.id, 4`;

  await auditReportRead(prisma, scope, 'refills-per-clinician');
  return {
    ...reportHeader(scope),
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
