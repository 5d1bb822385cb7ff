import { type ReactNode } from 'react';
import { EmptyState, LoadingState } from '../../../components/page-states.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { useAllPages } from '../hooks/use-all-pages.ts';

interface WorklistQuery<Entry> {
  data: { pages: readonly { items: readonly Entry[] }[] } | undefined;
  error: unknown;
  isPending: boolean;
  isError: boolean;
  isSuccess: boolean;
  isFetching: boolean;
  isPlaceholderData: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  fetchNextPage: () => Promise<unknown>;
  refetch: () => Promise<unknown>;
}

interface WorklistResultsProps<Entry> {
  /** "refill worklist": for the loading and error messages. */
  what: string;
  query: WorklistQuery<Entry>;
  emptyTitle: string;
  /** null when no filter is active (nothing to clear). */
  onClearFilters: (() => void) | null;
  children: (entries: Entry[], busy: boolean) => ReactNode;
}

/**
 * A worklist below its filters, in each of its states: loading, failed, empty, rows. Every page is
 * loaded (the sections and counts cover the whole list); a failed page offers a retry.
 */
export function WorklistResults<Entry>(props: WorklistResultsProps<Entry>) {
  const { query, what } = props;
  useAllPages(query);
  const entries = query.data?.pages.flatMap((page) => page.items) ?? [];
  const updating = query.isPlaceholderData && query.isFetching;
  const loadingMore = query.hasNextPage && !query.isFetchNextPageError;

  if (query.isPending) return <LoadingState what={`the ${what}`} />;
  if (query.isError && !query.data) {
    return <QueryError what={`the ${what}`} error={query.error} onRetry={() => void query.refetch()} />;
  }
  return (
    <section className="results" aria-label="Results">
      <p className="results__summary" role="status" aria-busy={updating || loadingMore}>
        {updating
          ? 'Updating the list…'
          : `${entries.length === 1 ? '1 patient' : `${entries.length} patients`} listed${
              loadingMore ? ', loading more…' : '.'
            }`}
      </p>
      {query.isSuccess && entries.length === 0 ? (
        <EmptyState title={props.emptyTitle}>
          {props.onClearFilters ? (
            <button type="button" className="button button--secondary" onClick={props.onClearFilters}>
              Clear filters
            </button>
          ) : null}
        </EmptyState>
      ) : null}
      {entries.length > 0 ? props.children(entries, updating) : null}
      {query.isFetchNextPageError ? (
        <QueryError
          what={`the rest of the ${what}`}
          error={query.error}
          onRetry={() => void query.fetchNextPage()}
        />
      ) : null}
    </section>
  );
}
