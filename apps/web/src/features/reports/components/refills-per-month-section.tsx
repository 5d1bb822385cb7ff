import { type RefillsPerMonthReport } from '@pumpdesk/contracts';
import { EmptyState } from '../../../components/page-states.tsx';
import { useReport } from '../api/get-report.ts';
import { formatCount, formatReportMonth } from '../utils/report-format.ts';
import { ReportBarChart } from './charts/bar-chart.tsx';
import { CHART_COLOURS, type ChartSeries } from './charts/chart-series.ts';
import { ReportSection, ReportTable } from './report-section.tsx';

// The columns of GET /api/reports/refills-per-month.csv, in its order.
const COLUMNS = ['Month', 'Recorded refills', 'Forecast refills'];

const SERIES: readonly ChartSeries[] = [
  {
    key: 'recorded',
    label: 'Recorded refills (solid bars)',
    pattern: 'solid',
    colour: CHART_COLOURS.primary,
  },
  {
    key: 'forecast',
    label: 'Forecast refills (hatched bars)',
    pattern: 'hatched',
    colour: CHART_COLOURS.amber,
  },
];

export function RefillsPerMonthSection({ siteId }: { siteId: string | null }) {
  const query = useReport('refills-per-month', siteId);
  return (
    <ReportSection
      report="refills-per-month"
      title="Refills per month"
      what="refills per month"
      siteId={siteId}
      query={query}
      intro={
        <p>
          Recorded: refills performed in each of the past 24 full months and this month. Forecast, this month
          and the next 11: each pump refilled on its due date (an overdue one this month), then at the same
          interval, at today’s dose. Appointments, dose changes and explants to come are not taken into
          account.
        </p>
      }
    >
      {(report) => <RefillsPerMonthContent report={report} />}
    </ReportSection>
  );
}

function RefillsPerMonthContent({ report }: { report: RefillsPerMonthReport }) {
  const empty = report.months.every((row) => !row.recorded && !row.forecast);
  return (
    <>
      {empty ? (
        <EmptyState title="No refills recorded in this period, and none forecast." />
      ) : (
        <ReportBarChart
          title="Refills per month: recorded and forecast"
          description="Bar chart: refills recorded in each past month and refills forecast for this month and the next 11. The table “Refills per month” gives the same numbers."
          data={report.months.map((row) => ({
            category: formatReportMonth(row.month),
            recorded: row.recorded,
            forecast: row.forecast,
          }))}
          series={SERIES}
        />
      )}
      <ReportTable caption="Refills per month" columns={COLUMNS} numericColumns={2}>
        {report.months.map((row) => (
          <tr key={row.month}>
            <th scope="row" className="nowrap">
              {formatReportMonth(row.month)}
            </th>
            <td className="report-number">{formatCount(row.recorded)}</td>
            <td className="report-number">{formatCount(row.forecast)}</td>
          </tr>
        ))}
      </ReportTable>
    </>
  );
}
