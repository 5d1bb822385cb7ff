import { type SiteSummary } from '@pumpdesk/contracts';
import { PageHeader } from '../../../components/page-header.tsx';
import { useReport } from '../api/get-report.ts';
import { useReportSite } from '../hooks/use-report-site.ts';
import { formatCalendarDate } from '../../../lib/format.ts';
import { BatteryReplacementsSection } from './battery-replacements-section.tsx';
import { CaseloadSection } from './caseload-section.tsx';
import { FollowUpComplianceSection } from './follow-up-compliance-section.tsx';
import { OverdueOverTimeSection } from './overdue-over-time-section.tsx';
import { RefillsPerClinicianSection } from './refills-per-clinician-section.tsx';
import { RefillsPerMonthSection } from './refills-per-month-section.tsx';
import { ReportSiteFilter } from './report-site-filter.tsx';
import '../reports.css';

interface ReportsPageProps {
  /** Sites come from the sites feature, passed in by `src/app` (features never import each other). */
  sites: readonly SiteSummary[];
  sitesUnavailable: boolean;
}

/**
 * The clinic manager's home: the caseload first, then one section per report, each with its chart,
 * the same numbers as a table, and the CSV of the same report. The site filter is in the URL.
 */
export function ReportsPage({ sites, sitesUnavailable }: ReportsPageProps) {
  const [siteId, setSiteId] = useReportSite();
  const siteName = siteId
    ? (sites.find((site) => site.id === siteId)?.name ?? 'the selected site')
    : 'All sites';
  return (
    <div className="page reports-page">
      <PageHeader
        title="Reports"
        subtitle={<ReportsSubtitle siteId={siteId} siteName={siteName} />}
        actions={
          <button
            type="button"
            className="button button--secondary no-print"
            onClick={() => {
              window.print();
            }}
          >
            Print
          </button>
        }
      />
      <ReportSiteFilter
        siteId={siteId}
        onSiteIdChange={setSiteId}
        sites={sites}
        sitesUnavailable={sitesUnavailable}
      />
      <CaseloadSection siteId={siteId} />
      <RefillsPerMonthSection siteId={siteId} />
      <BatteryReplacementsSection siteId={siteId} />
      <FollowUpComplianceSection siteId={siteId} />
      <OverdueOverTimeSection siteId={siteId} />
      <RefillsPerClinicianSection siteId={siteId} />
    </div>
  );
}

/** "All sites · figures as of 25 Nov 2026": the reference day comes from the caseload report. */
function ReportsSubtitle({ siteId, siteName }: { siteId: string | null; siteName: string }) {
  const caseload = useReport('caseload', siteId);
  return (
    <>
      {siteName}
      {caseload.data ? ` · figures as of ${formatCalendarDate(caseload.data.referenceDate)}` : null}
    </>
  );
}
