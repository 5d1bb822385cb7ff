import { type OverdueOverTimeReport } from '@pumpdesk/contracts';
import { EmptyState } from '../../../components/page-states.tsx';
import { formatCalendarDate } from '../../../lib/format.ts';
import { useReport } from '../api/get-report.ts';
import { formatReportMonth } from '../utils/report-format.ts';
import { CHART_COLOURS } from './charts/chart-series.ts';
import { type LineSeries, ReportLineChart } from './charts/line-chart.tsx';
import { ReportSection, ReportTable } from './report-section.tsx';

// The columns of GET /api/reports/overdue-over-time.csv, in its order.
const COLUMNS = ['Date', 'Point', 'Implanted pumps', 'Overdue', 'No refill recorded'];

const POINT_LABELS: Record<OverdueOverTimeReport['points'][number]['kind'], string> = {
  month_end: 'Month end',
  today: 'Today',
};

const SERIES: readonly LineSeries[] = [
  {
    key: 'overdue',
    label: 'Overdue for a refill (solid line, round markers)',
    colour: CHART_COLOURS.red,
    dashed: false,
  },
  {
    key: 'noRefillRecorded',
    label: 'No refill recorded yet, not judged (dashed line, square markers)',
    colour: CHART_COLOURS.grey,
    dashed: true,
  },
];

export function OverdueOverTimeSection({ siteId }: { siteId: string | null }) {
  const query = useReport('overdue-over-time', siteId);
  return (
    <ReportSection
      report="overdue-over-time"
      title="Overdue refills over time"
      what="overdue refills over time"
      siteId={siteId}
      query={query}
      intro={
        <p>
          Implanted pumps past the due date of their latest refill, at each of the past 12 month-ends and
          today, reconstructed from the refill history with the due date stored at each refill (a later dose
          change is not reflected). Pumps with no refill recorded by then are counted apart, not judged.
        </p>
      }
    >
      {(report) => <OverdueOverTimeContent report={report} />}
    </ReportSection>
  );
}

function OverdueOverTimeContent({ report }: { report: OverdueOverTimeReport }) {
  const empty = report.points.every((point) => point.implantedPumps === 0);
  return (
    <>
      {empty ? (
        <EmptyState title="No implanted pumps in this period." />
      ) : (
        <ReportLineChart
          title="Pumps overdue for a refill, month-end by month-end"
          description="Line chart: at each of the past 12 month-ends and today, the implanted pumps overdue for a refill and those with no refill recorded yet. The table “Overdue refills over time” gives the same numbers."
          data={report.points.map((point) => ({
            category: point.kind === 'today' ? 'Today' : formatReportMonth(point.date.slice(0, 7)),
            overdue: point.overdue,
            noRefillRecorded: point.noRefillRecorded,
          }))}
          series={SERIES}
        />
      )}
      <ReportTable caption="Overdue refills over time" columns={COLUMNS} numericColumns={3}>
        {report.points.map((point) => (
          <tr key={`${point.kind}-${point.date}`}>
            <th scope="row" className="nowrap">
              {formatCalendarDate(point.date)}
            </th>
            <td>{POINT_LABELS[point.kind]}</td>
            <td className="report-number">{point.implantedPumps}</td>
            <td className="report-number">{point.overdue}</td>
            <td className="report-number">{point.noRefillRecorded}</td>
          </tr>
        ))}
      </ReportTable>
    </>
  );
}
