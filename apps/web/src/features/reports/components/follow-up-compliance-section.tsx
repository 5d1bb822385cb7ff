import { type FollowUpComplianceReport } from '@pumpdesk/contracts';
import { EmptyState } from '../../../components/page-states.tsx';
import { useReport } from '../api/get-report.ts';
import { formatShare } from '../utils/report-format.ts';
import { ReportBarChart } from './charts/bar-chart.tsx';
import { CHART_COLOURS, type ChartSeries } from './charts/chart-series.ts';
import { ReportFigure } from './report-figure.tsx';
import { ReportSection, ReportTable } from './report-section.tsx';

// The columns of GET /api/reports/follow-up-compliance.csv, in its order, less the site id and the
// review interval (the same on every row: it is in the caption).
const COLUMNS = [
  'Site',
  'Patients with a pump',
  'Compliant',
  'Not compliant',
  'Never reviewed',
  'Compliant share',
];

const SERIES: readonly ChartSeries[] = [
  {
    key: 'compliant',
    label: 'Reviewed in time (solid bars)',
    pattern: 'solid',
    colour: CHART_COLOURS.primary,
    stackId: 'patients',
  },
  {
    key: 'late',
    label: 'Reviewed too long ago (hatched bars)',
    pattern: 'hatched',
    colour: CHART_COLOURS.amber,
    stackId: 'patients',
  },
  {
    key: 'neverReviewed',
    label: 'Never reviewed (dotted bars)',
    pattern: 'dotted',
    colour: CHART_COLOURS.red,
    stackId: 'patients',
  },
];

export function FollowUpComplianceSection({ siteId }: { siteId: string | null }) {
  const query = useReport('follow-up-compliance', siteId);
  return (
    <ReportSection
      report="follow-up-compliance"
      title="Follow-up compliance"
      what="follow-up compliance"
      siteId={siteId}
      query={query}
      intro={
        <p>
          Of the patients in care with an implanted pump: compliant when their last review is within the
          review interval as of today. Never reviewed (new implants awaiting their first review included) is
          not compliant, and also counted on its own.
        </p>
      }
    >
      {(report) => <FollowUpComplianceContent report={report} />}
    </ReportSection>
  );
}

type Counts = FollowUpComplianceReport['overall'];

function FollowUpComplianceContent({ report }: { report: FollowUpComplianceReport }) {
  const { overall } = report;
  const rows: { key: string; siteName: string; counts: Counts }[] = [
    { key: 'all', siteName: 'All sites', counts: overall },
    ...report.bySite.map((row) => ({ key: row.siteId, siteName: row.siteName, counts: row })),
  ];
  return (
    <>
      <dl className="report-figures">
        <ReportFigure
          label="Compliant"
          value={`${overall.compliant} of ${overall.patients} (${formatShare(overall.compliantShare)})`}
        />
        <ReportFigure label="Not compliant" value={overall.notCompliant} />
        <ReportFigure label="Never reviewed" value={overall.neverReviewed} />
        <ReportFigure label="Review interval" value={`${report.reviewIntervalDays} days`} />
      </dl>
      {overall.patients === 0 ? (
        <EmptyState title="No patients in care with an implanted pump." />
      ) : (
        <ReportBarChart
          title="Follow-up compliance per site"
          description="Stacked horizontal bar chart: for each site, the patients with a pump reviewed in time, reviewed too long ago and never reviewed. The table “Follow-up compliance” gives the same numbers."
          data={report.bySite.map((row) => ({
            category: row.siteName,
            compliant: row.compliant,
            late: row.notCompliant - row.neverReviewed,
            neverReviewed: row.neverReviewed,
          }))}
          series={SERIES}
          horizontal
          height={Math.max(140, 60 + report.bySite.length * 44)}
        />
      )}
      <ReportTable
        caption={`Follow-up compliance (review interval ${report.reviewIntervalDays} days)`}
        columns={COLUMNS}
        numericColumns={5}
      >
        {rows.map(({ key, siteName, counts }) => (
          <tr key={key} className={key === 'all' ? 'report-table__total' : undefined}>
            <th scope="row">{siteName}</th>
            <td className="report-number">{counts.patients}</td>
            <td className="report-number">{counts.compliant}</td>
            <td className="report-number">{counts.notCompliant}</td>
            <td className="report-number">{counts.neverReviewed}</td>
            <td className="report-number">{formatShare(counts.compliantShare)}</td>
          </tr>
        ))}
      </ReportTable>
    </>
  );
}
