import { type SiteSummary } from '@pumpdesk/contracts';
import { type ReactNode } from 'react';
import { CsvDownloadLink } from '../../../components/csv-download-link.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useWorklist, type WorklistEntry, worklistPath, worklistQuery } from '../api/get-worklists.ts';
import { useWorklistFilters } from '../hooks/use-worklist-filters.ts';
import { hasActiveFilters } from '../utils/worklist-filters.ts';
import '../worklists.css';
import { WorklistFilters } from './worklist-filters.tsx';
import { WorklistResults } from './worklist-results.tsx';

/** The worklists shown as one table, without the refill list's sections. */
type TableWorklistKind = 'batteries' | 'follow-ups';

/** What the routes pass a worklist page: the sites for its site filter (from the sites feature). */
export interface WorklistSitesProps {
  sites: readonly SiteSummary[];
  sitesUnavailable: boolean;
}

export interface WorklistTablePageProps<Kind extends TableWorklistKind> extends WorklistSitesProps {
  kind: Kind;
  title: string;
  subtitle: string;
  /** "battery worklist": names the filters and the loading and error messages. */
  what: string;
  /** The empty state with no filter active, and with filters that match nothing. */
  emptyTitle: string;
  emptyFilteredTitle: string;
  caption: string;
  columns: readonly string[];
  /** One `<tr>` per entry, with its key. */
  row: (entry: WorklistEntry<Kind>) => ReactNode;
}

/** A worklist page whose rows are one table: header with its CSV, filters kept in the URL, results. */
export function WorklistTablePage<Kind extends TableWorklistKind>(props: WorklistTablePageProps<Kind>) {
  const { kind } = props;
  const { filters, changeFilters, clearFilters } = useWorklistFilters();
  const query = useWorklist(kind, filters);
  const active = hasActiveFilters(filters);
  return (
    <div className="page worklist-page">
      <PageHeader
        title={props.title}
        subtitle={props.subtitle}
        actions={<CsvDownloadLink path={worklistPath(kind, 'csv')} query={worklistQuery(kind, filters)} />}
      />
      <WorklistFilters
        id={kind}
        label={`Filter the ${props.what}`}
        filters={filters}
        onChange={changeFilters}
        onClear={active ? clearFilters : null}
        sites={props.sites}
        sitesUnavailable={props.sitesUnavailable}
      />
      <WorklistResults<WorklistEntry<Kind>>
        what={props.what}
        query={query}
        emptyTitle={active ? props.emptyFilteredTitle : props.emptyTitle}
        onClearFilters={active ? clearFilters : null}
      >
        {(entries, busy) => (
          <div className="table-scroll">
            <table className="data-table worklist-table" aria-busy={busy}>
              <caption className="visually-hidden">{props.caption}</caption>
              <thead>
                <tr>
                  {props.columns.map((column) => (
                    <th key={column} scope="col">
                      {column}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>{entries.map((entry) => props.row(entry))}</tbody>
            </table>
          </div>
        )}
      </WorklistResults>
    </div>
  );
}
