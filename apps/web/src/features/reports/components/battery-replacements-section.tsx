import { type BatteryReplacementsReport } from '@pumpdesk/contracts';
import { EmptyState } from '../../../components/page-states.tsx';
import { useReport } from '../api/get-report.ts';
import { formatReportMonth } from '../utils/report-format.ts';
import { ReportBarChart } from './charts/bar-chart.tsx';
import { CHART_COLOURS, type ChartSeries } from './charts/chart-series.ts';
import { ReportFigure } from './report-figure.tsx';
import { ReportSection, ReportTable } from './report-section.tsx';

// The columns of GET /api/reports/battery-replacements.csv, in its order.
const COLUMNS = ['Month', 'Replacements', 'Of which overdue now'];

const SERIES: readonly ChartSeries[] = [
  {
    key: 'onSchedule',
    label: 'Due that month (solid bars)',
    pattern: 'solid',
    colour: CHART_COLOURS.primary,
    stackId: 'replacements',
  },
  {
    key: 'overdue',
    label: 'Overdue now (hatched bars)',
    pattern: 'hatched',
    colour: CHART_COLOURS.red,
    stackId: 'replacements',
  },
];

export function BatteryReplacementsSection({ siteId }: { siteId: string | null }) {
  const query = useReport('battery-replacements', siteId);
  return (
    <ReportSection
      report="battery-replacements"
      title="Battery replacements, next 24 months"
      what="battery replacements"
      siteId={siteId}
      query={query}
      intro={
        <p>
          Each implanted pump replaced on its recommended replacement date, or now once it has reported the
          elective replacement indicator (ERI). Replacements already due count in this month, as overdue now.
        </p>
      }
    >
      {(report) => <BatteryReplacementsContent report={report} />}
    </ReportSection>
  );
}

function BatteryReplacementsContent({ report }: { report: BatteryReplacementsReport }) {
  const total = report.months.reduce((sum, row) => sum + row.replacements, 0);
  return (
    <>
      <dl className="report-figures">
        <ReportFigure label="Overdue now" value={report.overdueNow} />
        <ReportFigure label="Replacements in 24 months" value={total} />
      </dl>
      {total === 0 ? (
        <EmptyState title="No battery replacements due in the next 24 months." />
      ) : (
        <ReportBarChart
          title="Battery replacements per month"
          description="Stacked bar chart: pump battery replacements in each of the next 24 months, this month first; this month's bar includes the replacements overdue now. The table “Battery replacements per month” gives the same numbers."
          data={report.months.map((row) => ({
            category: formatReportMonth(row.month),
            onSchedule: row.replacements - row.overdue,
            overdue: row.overdue,
          }))}
          series={SERIES}
        />
      )}
      <ReportTable caption="Battery replacements per month" columns={COLUMNS} numericColumns={2}>
        {report.months.map((row) => (
          <tr key={row.month}>
            <th scope="row" className="nowrap">
              {formatReportMonth(row.month)}
            </th>
            <td className="report-number">{row.replacements}</td>
            <td className="report-number">{row.overdue}</td>
          </tr>
        ))}
      </ReportTable>
    </>
  );
}
