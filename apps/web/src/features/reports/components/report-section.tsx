import { type UseQueryResult } from '@tanstack/react-query';
import { type ReactNode, useId } from 'react';
import { CsvDownloadLink } from '../../../components/csv-download-link.tsx';
import { LoadingState } from '../../../components/page-states.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { reportCsvPath, type ReportName, reportQuery } from '../api/get-report.ts';

interface ReportSectionProps<Data> {
  report: ReportName;
  title: string;
  /** One or two sentences under the heading: what is counted, and how. */
  intro: ReactNode;
  siteId: string | null;
  query: UseQueryResult<Data>;
  /** What failed to load / is loading, in words: "refills per month". */
  what: string;
  children: (data: Data) => ReactNode;
}

/**
 * One report on the page: its heading and explanation, then (once loaded) its chart and table, and a
 * download of the same report as CSV with the same site filter. Loading and errors are per section,
 * so one slow or failing report does not hide the others.
 */
export function ReportSection<Data>({
  report,
  title,
  intro,
  siteId,
  query,
  what,
  children,
}: ReportSectionProps<Data>) {
  const headingId = useId();
  return (
    <section className="report-section" aria-labelledby={headingId}>
      <div className="report-section__header">
        <h2 id={headingId} className="report-section__title">
          {title}
        </h2>
        <div className="no-print">
          <CsvDownloadLink
            path={reportCsvPath(report)}
            query={reportQuery(siteId)}
            label={`Download ${what} (CSV)`}
          />
        </div>
      </div>
      <div className="report-section__intro">{intro}</div>
      {query.isPending ? (
        <LoadingState what={what} />
      ) : query.isError ? (
        <QueryError
          what={what}
          error={query.error}
          onRetry={() => {
            void query.refetch();
          }}
        />
      ) : (
        <div className="report-section__body">{children(query.data)}</div>
      )}
    </section>
  );
}

/**
 * A report's table: a caption naming it, scrolling within the section on screen. The last
 * `numericColumns` columns hold counts: their headers are aligned with the numbers, to the right.
 */
export function ReportTable({
  caption,
  columns,
  numericColumns,
  children,
}: {
  caption: string;
  columns: readonly string[];
  numericColumns: number;
  children: ReactNode;
}) {
  return (
    // Focusable: a long table scrolls within the section, and keyboard users must be able to scroll it.
    <div className="table-scroll report-table" role="region" aria-label={`Table: ${caption}`} tabIndex={0}>
      <table className="data-table">
        <caption className="report-table__caption">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th
                key={column}
                scope="col"
                className={index >= columns.length - numericColumns ? 'report-number' : undefined}
              >
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
