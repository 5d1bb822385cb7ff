import { type CaseloadReport } from '@pumpdesk/contracts';
import { EmptyState } from '../../../components/page-states.tsx';
import { useReport } from '../api/get-report.ts';
import { ReportBarChart } from './charts/bar-chart.tsx';
import { CHART_COLOURS, type ChartSeries } from './charts/chart-series.ts';
import { ReportFigure } from './report-figure.tsx';
import { ReportSection, ReportTable } from './report-section.tsx';

const SERIES: readonly ChartSeries[] = [
  { key: 'patients', label: 'Patients (solid bars)', pattern: 'solid', colour: CHART_COLOURS.primary },
  {
    key: 'implantedPumps',
    label: 'Implanted pumps (hatched bars)',
    pattern: 'hatched',
    colour: CHART_COLOURS.amber,
  },
];

/** The caseload at the top of the page: headline counts, then patients and pumps by status, diagnosis and site. */
export function CaseloadSection({ siteId }: { siteId: string | null }) {
  const query = useReport('caseload', siteId);
  return (
    <ReportSection
      report="caseload"
      title="Caseload"
      what="caseload"
      siteId={siteId}
      query={query}
      intro={
        <p>
          Patients on record (deleted records left out) and their implanted pumps, counted at their current
          site.
        </p>
      }
    >
      {(report) => <CaseloadContent report={report} />}
    </ReportSection>
  );
}

function CaseloadContent({ report }: { report: CaseloadReport }) {
  const active = report.byStatus.find((row) => row.status === 'active');
  return (
    <>
      <dl className="report-figures">
        <ReportFigure label="Patients" value={report.totals.patients} />
        <ReportFigure label="Implanted pumps" value={report.totals.implantedPumps} />
        <ReportFigure label="Active patients" value={active?.patients ?? 0} />
      </dl>
      {report.totals.patients === 0 ? (
        <EmptyState title="No patients on record yet.">
          <p>The counts below are all zero.</p>
        </EmptyState>
      ) : (
        <ReportBarChart
          title="Patients and implanted pumps by status"
          description="Bar chart: for each patient status, the number of patients and of their implanted pumps. The table “Caseload by status” gives the same numbers."
          data={report.byStatus.map((row) => ({
            category: row.label,
            patients: row.patients,
            implantedPumps: row.implantedPumps,
          }))}
          series={SERIES}
        />
      )}
      <div className="report-tables">
        <CountTable
          caption="Caseload by status"
          heading="Status"
          rows={report.byStatus}
          total={report.totals}
        />
        <CountTable
          caption="Caseload by diagnosis"
          heading="Diagnosis"
          rows={report.byDiagnosis}
          total={report.totals}
        />
        <CountTable
          caption="Caseload by site"
          heading="Site"
          rows={report.bySite.map((row) => ({ ...row, label: row.siteName }))}
          total={report.totals}
        />
      </div>
    </>
  );
}

interface CountRow {
  label: string;
  patients: number;
  implantedPumps: number;
}

function CountTable({
  caption,
  heading,
  rows,
  total,
}: {
  caption: string;
  heading: string;
  rows: readonly CountRow[];
  total: CaseloadReport['totals'];
}) {
  return (
    <ReportTable caption={caption} columns={[heading, 'Patients', 'Implanted pumps']} numericColumns={2}>
      {rows.map((row) => (
        <tr key={row.label}>
          <th scope="row">{row.label}</th>
          <td className="report-number">{row.patients}</td>
          <td className="report-number">{row.implantedPumps}</td>
        </tr>
      ))}
      <tr className="report-table__total">
        <th scope="row">All patients</th>
        <td className="report-number">{total.patients}</td>
        <td className="report-number">{total.implantedPumps}</td>
      </tr>
    </ReportTable>
  );
}
