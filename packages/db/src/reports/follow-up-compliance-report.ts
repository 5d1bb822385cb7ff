import { type FollowUpComplianceReport } from '@pumpdesk/contracts';
import { type Prisma } from '../generated/prisma/client.ts';
import { readClinicSettings } from '../repositories/settings-repository.ts';
import {
  auditReportRead,
  reportHeader,
  type ReportRequest,
  reportScope,
  siteFilterSql,
} from './report-scope.ts';

// Report 4: follow-up compliance. Of the patients in care with an implanted pump (the worklist table's
// rows), how many had their last review within the review interval (settings followUp.intervalDays)
// as of their site's today: today − last review ≤ interval. Never reviewed counts as not compliant and
// is also counted on its own (a new implant waiting for its first review is one of them).

interface ComplianceRow {
  site_id: string;
  site_name: string;
  patients: number;
  compliant: number;
  never_reviewed: number;
}

function countsOf(patients: number, compliant: number, neverReviewed: number) {
  return {
    patients,
    compliant,
    notCompliant: patients - compliant,
    neverReviewed,
    compliantShare: patients === 0 ? null : Math.round((compliant / patients) * 10_000) / 10_000,
  };
}

export async function followUpComplianceReport(
  prisma: Prisma.TransactionClient,
  request: ReportRequest,
): Promise<FollowUpComplianceReport> {
  const scope = await reportScope(prisma, request);
  const intervalDays = (await readClinicSettings(prisma)).followUp.intervalDays;
  const rows = await prisma.$queryRaw<ComplianceRow[]>`
    SELECT s.site_id::text AS site_id, si.name AS site_name, count(*)::int AS patients,
           count(*) FILTER (WHERE s.last_review >=
             timezone(si.time_zone, ${scope.now}::timestamptz)::date - ${intervalDays}::int)::int AS compliant,
           count(*) FILTER (WHERE s.last_review IS NULL)::int AS never_reviewed
    FROM pump_schedules s
    JOIN patients p ON p.id = s.patient_id
    JOIN sites si ON si.id = s.site_id
    WHERE p.deleted_at IS NULL ${siteFilterSql(scope, 's.site_id')}
    GROUP BY s.site_id, si.name
    ORDER BY si.name, s.site_id`;

  const total = (pick: (row: ComplianceRow) => number) => rows.reduce((sum, row) => sum + pick(row), 0);
  await auditReportRead(prisma, scope, 'follow-up-compliance');
  return {
    ...reportHeader(scope),
    reviewIntervalDays: intervalDays,
    overall: countsOf(
      total((row) => row.patients),
      total((row) => row.compliant),
      total((row) => row.never_reviewed),
    ),
    bySite: rows.map((row) => ({
      siteId: row.site_id,
      siteName: row.site_name,
      ...countsOf(row.patients, row.compliant, row.never_reviewed),
    })),
  };
}
