import {
  type CaseloadReport,
  diagnosisLabels,
  diagnosisSchema,
  patientStatusLabels,
  patientStatusSchema,
} from '@pumpdesk/contracts';
import { type Prisma } from '../generated/prisma/client.ts';
import {
  auditReportRead,
  reportHeader,
  type ReportRequest,
  reportScope,
  siteFilterSql,
} from './report-scope.ts';

// Report 1: the caseload. Patients (soft-deleted ones left out) counted by status, by diagnosis and by
// their current site, each with the implanted pumps of those patients (a patient has at most one).
// Every status and diagnosis is listed, with 0 when none; sites: the active ones and any with patients.

interface CaseloadRow {
  status: string;
  diagnosis: string;
  site_id: string;
  patients: number;
  implanted_pumps: number;
}

export async function caseloadReport(
  prisma: Prisma.TransactionClient,
  request: ReportRequest,
): Promise<CaseloadReport> {
  const scope = await reportScope(prisma, request);
  const rows = await prisma.$queryRaw<CaseloadRow[]>`
    SELECT p.status::text AS status, p.diagnosis::text AS diagnosis, p.site_id::text AS site_id,
           count(*)::int AS patients, count(pu.id)::int AS implanted_pumps
    FROM patients p
    LEFT JOIN pumps pu ON pu.patient_id = p.id AND pu.status = 'implanted'
    WHERE p.deleted_at IS NULL ${siteFilterSql(scope, 'p.site_id')}
    GROUP BY p.status, p.diagnosis, p.site_id`;
  const sites = await prisma.site.findMany({
    where: scope.siteId
      ? { id: scope.siteId }
      : {
          OR: [{ active: true }, { id: { in: [...new Set(rows.map((row) => row.site_id))] } }],
          ...(scope.sites ? { id: { in: [...scope.sites] } } : {}),
        },
    select: { id: true, name: true },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });

  const sum = (matching: (row: CaseloadRow) => boolean) => {
    const selected = rows.filter(matching);
    return {
      patients: selected.reduce((total, row) => total + row.patients, 0),
      implantedPumps: selected.reduce((total, row) => total + row.implanted_pumps, 0),
    };
  };
  await auditReportRead(prisma, scope, 'caseload');
  return {
    ...reportHeader(scope),
    totals: sum(() => true),
    byStatus: patientStatusSchema.options.map((status) => ({
      status,
      label: patientStatusLabels[status],
      ...sum((row) => row.status === status),
    })),
    byDiagnosis: diagnosisSchema.options.map((diagnosis) => ({
      diagnosis,
      label: diagnosisLabels[diagnosis],
      ...sum((row) => row.diagnosis === diagnosis),
    })),
    bySite: sites.map((site) => ({
      siteId: site.id,
      siteName: site.name,
      ...sum((row) => row.site_id === site.id),
    })),
  };
}
