import {
  type BatteryReplacementsReport,
  type CaseloadReport,
  type FollowUpComplianceReport,
  type OverdueOverTimeReport,
  type RefillsPerClinicianReport,
  type RefillsPerMonthReport,
} from '@pumpdesk/contracts';
import { type CsvColumn } from '../http/csv.ts';

// Each report as one flat table for a spreadsheet: the same numbers as the JSON, one row per line of
// the report (the JSON's generatedAt and parameters are the request's, not repeated in the file).

/** A report's CSV: how to flatten it and the columns of a flat row. */
export interface ReportCsv<R, Row> {
  filename: string;
  rows: (report: R) => Row[];
  columns: CsvColumn<Row>[];
}

function reportCsv<R, Row>(
  filename: string,
  rows: (report: R) => Row[],
  columns: CsvColumn<Row>[],
): ReportCsv<R, Row> {
  return { filename, rows, columns };
}

type CaseloadCsvRow = { group: string; key: string; label: string; patients: number; implantedPumps: number };

export const caseloadCsv = reportCsv<CaseloadReport, CaseloadCsvRow>(
  'caseload.csv',
  (report) => [
    ...report.byStatus.map((row) => ({ group: 'status', key: row.status, ...row })),
    ...report.byDiagnosis.map((row) => ({ group: 'diagnosis', key: row.diagnosis, ...row })),
    ...report.bySite.map((row) => ({ group: 'site', key: row.siteId, label: row.siteName, ...row })),
    { group: 'total', key: 'total', label: 'All patients', ...report.totals },
  ],
  [
    { header: 'Group', value: (row) => row.group },
    { header: 'Key', value: (row) => row.key },
    { header: 'Label', value: (row) => row.label },
    { header: 'Patients', value: (row) => row.patients },
    { header: 'Implanted pumps', value: (row) => row.implantedPumps },
  ],
);

export const refillsPerMonthCsv = reportCsv<RefillsPerMonthReport, RefillsPerMonthReport['months'][number]>(
  'refills-per-month.csv',
  (report) => report.months,
  [
    { header: 'Month', value: (row) => row.month },
    { header: 'Recorded refills', value: (row) => row.recorded },
    { header: 'Forecast refills', value: (row) => row.forecast },
  ],
);

export const batteryReplacementsCsv = reportCsv<
  BatteryReplacementsReport,
  BatteryReplacementsReport['months'][number]
>('battery-replacements.csv', (report) => report.months, [
  { header: 'Month', value: (row) => row.month },
  { header: 'Replacements', value: (row) => row.replacements },
  { header: 'Of which overdue now', value: (row) => row.overdue },
]);

type ComplianceCsvRow = FollowUpComplianceReport['overall'] & {
  siteId: string | null;
  siteName: string;
  reviewIntervalDays: number;
};

export const followUpComplianceCsv = reportCsv<FollowUpComplianceReport, ComplianceCsvRow>(
  'follow-up-compliance.csv',
  (report) => [
    { siteId: null, siteName: 'All sites', reviewIntervalDays: report.reviewIntervalDays, ...report.overall },
    ...report.bySite.map((row) => ({ ...row, reviewIntervalDays: report.reviewIntervalDays })),
  ],
  [
    { header: 'Site id', value: (row) => row.siteId },
    { header: 'Site', value: (row) => row.siteName },
    { header: 'Review interval (days)', value: (row) => row.reviewIntervalDays },
    { header: 'Patients with a pump', value: (row) => row.patients },
    { header: 'Compliant', value: (row) => row.compliant },
    { header: 'Not compliant', value: (row) => row.notCompliant },
    { header: 'Never reviewed', value: (row) => row.neverReviewed },
    { header: 'Compliant share', value: (row) => row.compliantShare },
  ],
);

export const overdueOverTimeCsv = reportCsv<OverdueOverTimeReport, OverdueOverTimeReport['points'][number]>(
  'overdue-over-time.csv',
  (report) => report.points,
  [
    { header: 'Date', value: (row) => row.date },
    { header: 'Point', value: (row) => row.kind },
    { header: 'Implanted pumps', value: (row) => row.implantedPumps },
    { header: 'Overdue', value: (row) => row.overdue },
    { header: 'No refill recorded', value: (row) => row.noRefillRecorded },
  ],
);

export const refillsPerClinicianCsv = reportCsv<
  RefillsPerClinicianReport,
  RefillsPerClinicianReport['rows'][number]
>('refills-per-clinician.csv', (report) => report.rows, [
  { header: 'User id', value: (row) => row.userId },
  { header: 'Name', value: (row) => row.name },
  { header: 'Role', value: (row) => row.role },
  { header: 'Month', value: (row) => row.month },
  { header: 'Refills', value: (row) => row.refills },
]);
