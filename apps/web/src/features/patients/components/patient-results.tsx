import { QueryError } from '../../../components/query-error.tsx';
import { type usePatients } from '../api/get-patients.ts';
import { PatientTable } from './patient-table.tsx';

interface PatientResultsProps {
  query: ReturnType<typeof usePatients>;
  /** The active filters in words, '' when none. */
  filterDescription: string;
  /** null when no filter is active (nothing to clear). */
  onClearFilters: (() => void) | null;
}

/** The list below the filters, in each of its states: loading, failed, empty, rows. */
export function PatientResults({ query, filterDescription, onClearFilters }: PatientResultsProps) {
  const patients = query.data?.pages.flatMap((page) => page.items) ?? [];
  const updating = query.isPlaceholderData && query.isFetching;

  return (
    <section className="results" aria-label="Results">
      <p className="results__summary" role="status" aria-busy={query.isPending || updating}>
        {summaryText({
          failed: query.isError && !query.data,
          pending: query.isPending,
          updating,
          count: patients.length,
          more: query.hasNextPage,
        })}
      </p>
      {query.isError && !query.data ? (
        <QueryError what="patients" error={query.error} onRetry={() => void query.refetch()} />
      ) : null}
      {query.isSuccess && patients.length === 0 ? (
        <div className="empty-state">
          <p>
            {filterDescription ? `No patients match ${filterDescription}.` : 'There are no patients yet.'}
          </p>
          {onClearFilters ? (
            <button type="button" className="button button--secondary" onClick={onClearFilters}>
              Clear filters
            </button>
          ) : null}
        </div>
      ) : null}
      {patients.length > 0 ? <PatientTable patients={patients} busy={updating} /> : null}
      {query.isFetchNextPageError ? (
        <QueryError what="more patients" error={query.error} onRetry={() => void query.fetchNextPage()} />
      ) : null}
      {query.hasNextPage && !query.isFetchNextPageError ? (
        <button
          type="button"
          className="button load-more"
          aria-disabled={query.isFetchingNextPage}
          onClick={() => {
            // aria-disabled rather than disabled: the button keeps keyboard focus while the page loads.
            if (!query.isFetchingNextPage) void query.fetchNextPage();
          }}
        >
          {query.isFetchingNextPage ? 'Loading more patients…' : 'Load more patients'}
        </button>
      ) : null}
    </section>
  );
}

function summaryText(state: {
  failed: boolean;
  pending: boolean;
  updating: boolean;
  count: number;
  more: boolean;
}): string {
  const { failed, pending, updating, count, more } = state;
  if (failed) return 'Patients could not be loaded.';
  if (pending) return 'Loading patients…';
  if (updating) return 'Updating results…';
  if (count === 0) return 'No patients shown.';
  const shown = count === 1 ? '1 patient shown' : `${count} patients shown`;
  return more ? `${shown}; more available.` : `${shown}.`;
}
