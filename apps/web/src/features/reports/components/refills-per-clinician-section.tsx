import { type RefillsPerClinicianReport } from '@pumpdesk/contracts';
import { EmptyState } from '../../../components/page-states.tsx';
import { useReport } from '../api/get-report.ts';
import { formatReportMonth, reportRoleLabels } from '../utils/report-format.ts';
import { ReportBarChart } from './charts/bar-chart.tsx';
import { CHART_COLOURS, type ChartSeries } from './charts/chart-series.ts';
import { ReportSection, ReportTable } from './report-section.tsx';

// The columns of GET /api/reports/refills-per-clinician.csv, in its order, less the user id.
const COLUMNS = ['Name', 'Role', 'Month', 'Refills'];

const SERIES: readonly ChartSeries[] = [
  {
    key: 'refills',
    label: 'Refills performed (solid bars)',
    pattern: 'solid',
    colour: CHART_COLOURS.primary,
  },
];

export function RefillsPerClinicianSection({ siteId }: { siteId: string | null }) {
  const query = useReport('refills-per-clinician', siteId);
  return (
    <ReportSection
      report="refills-per-clinician"
      title="Work per clinician"
      what="work per clinician"
      siteId={siteId}
      query={query}
      intro={<p>Refills per performing clinician and month, over the past 12 full months and this month.</p>}
    >
      {(report) => <RefillsPerClinicianContent report={report} />}
    </ReportSection>
  );
}

function RefillsPerClinicianContent({ report }: { report: RefillsPerClinicianReport }) {
  const first = report.months[0];
  const last = report.months.at(-1);
  const period = first && last ? `${formatReportMonth(first)} to ${formatReportMonth(last)}` : '';
  if (report.rows.length === 0) {
    return <EmptyState title={`No refills recorded from ${period}.`} />;
  }
  const totals = totalsPerClinician(report.rows);
  return (
    <>
      <ReportBarChart
        title={`Refills per clinician, ${period}`}
        description={`Horizontal bar chart: the refills each clinician performed from ${period}, in total. The table “Refills per clinician and month” gives them month by month.`}
        data={totals.map((row) => ({ category: row.name, refills: row.refills }))}
        series={SERIES}
        horizontal
        showValues
        height={Math.max(140, 60 + totals.length * 44)}
      />
      <ReportTable caption="Refills per clinician and month" columns={COLUMNS} numericColumns={1}>
        {report.rows.map((row) => (
          <tr key={`${row.userId}-${row.month}`}>
            <th scope="row">{row.name}</th>
            <td>{reportRoleLabels[row.role]}</td>
            <td className="nowrap">{formatReportMonth(row.month)}</td>
            <td className="report-number">{row.refills}</td>
          </tr>
        ))}
      </ReportTable>
    </>
  );
}

/** Each clinician's refills over the window, in the report's order (by name). */
function totalsPerClinician(rows: RefillsPerClinicianReport['rows']): { name: string; refills: number }[] {
  const byUser = new Map<string, { name: string; refills: number }>();
  for (const row of rows) {
    const total = byUser.get(row.userId) ?? { name: row.name, refills: 0 };
    total.refills += row.refills;
    byUser.set(row.userId, total);
  }
  return [...byUser.values()];
}
