import {
  batteryReplacementsReportSchema,
  caseloadReportSchema,
  followUpComplianceReportSchema,
  overdueOverTimeReportSchema,
  refillsPerClinicianReportSchema,
  refillsPerMonthReportSchema,
} from '@pumpdesk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { type z } from 'zod';
import { apiGet } from '../../../lib/api-client.ts';

// GET /api/reports/<name> (docs/api.md §5): one fetcher for the six reports, each parsed with its own
// contract schema. The `.csv` twin of each is a plain download link with the same siteId.

const REPORT_SCHEMAS = {
  caseload: caseloadReportSchema,
  'refills-per-month': refillsPerMonthReportSchema,
  'battery-replacements': batteryReplacementsReportSchema,
  'follow-up-compliance': followUpComplianceReportSchema,
  'overdue-over-time': overdueOverTimeReportSchema,
  'refills-per-clinician': refillsPerClinicianReportSchema,
} as const;

export type ReportName = keyof typeof REPORT_SCHEMAS;
export type ReportOf<Name extends ReportName> = z.output<(typeof REPORT_SCHEMAS)[Name]>;

export function reportPath(name: ReportName): string {
  return `/api/reports/${name}`;
}

export function reportCsvPath(name: ReportName): string {
  return `/api/reports/${name}.csv`;
}

/** The query string of a report (JSON and CSV alike): only the site filter. */
export function reportQuery(siteId: string | null): { siteId: string | undefined } {
  return { siteId: siteId ?? undefined };
}

export function getReport<Name extends ReportName>(
  name: Name,
  siteId: string | null,
  signal?: AbortSignal,
): Promise<ReportOf<Name>> {
  return apiGet(reportPath(name), REPORT_SCHEMAS[name], { query: reportQuery(siteId), signal }) as Promise<
    ReportOf<Name>
  >;
}

export function reportQueryOptions<Name extends ReportName>(name: Name, siteId: string | null) {
  return queryOptions({
    queryKey: ['reports', name, { siteId }],
    queryFn: ({ signal }) => getReport(name, siteId, signal),
    // Counts over months: a minute old is fresh enough, and the page does not refetch on every focus.
    staleTime: 60_000,
  });
}

export function useReport<Name extends ReportName>(name: Name, siteId: string | null) {
  return useQuery(reportQueryOptions(name, siteId));
}
