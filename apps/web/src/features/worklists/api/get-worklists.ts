import {
  batteryWorklistPageSchema,
  followUpWorklistPageSchema,
  refillWorklistPageSchema,
  WORKLIST_MAX_LIMIT,
} from '@pumpdesk/contracts';
import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { type z } from 'zod';
import { apiGet } from '../../../lib/api-client.ts';
import { type WorklistFilters, worklistApiQuery } from '../utils/worklist-filters.ts';

export type WorklistKind = 'refills' | 'batteries' | 'follow-ups';

const PAGE_SCHEMAS = {
  refills: refillWorklistPageSchema,
  batteries: batteryWorklistPageSchema,
  'follow-ups': followUpWorklistPageSchema,
} as const;

type PageOf<Kind extends WorklistKind> = z.output<(typeof PAGE_SCHEMAS)[Kind]>;

/** One row of a worklist, as the API sends it. */
export type WorklistEntry<Kind extends WorklistKind> = PageOf<Kind>['items'][number];

/** The API paths of a worklist: the JSON list and its CSV twin (same filters, no paging). */
export function worklistPath(kind: WorklistKind, format: 'json' | 'csv' = 'json'): string {
  return format === 'csv' ? `/api/worklists/${kind}.csv` : `/api/worklists/${kind}`;
}

/** The API query for a worklist's filters (only refills take `noAppointment`). */
export function worklistQuery(kind: WorklistKind, filters: WorklistFilters) {
  return worklistApiQuery(filters, { noAppointment: kind === 'refills' });
}

export function getWorklistPage<Kind extends WorklistKind>(
  kind: Kind,
  filters: WorklistFilters,
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<PageOf<Kind>> {
  return apiGet(worklistPath(kind), PAGE_SCHEMAS[kind], {
    query: { ...worklistQuery(kind, filters), limit: WORKLIST_MAX_LIMIT, cursor },
    signal,
  }) as Promise<PageOf<Kind>>;
}

/** Every worklist query starts with `['worklists']`: a booking invalidates them all. */
export const worklistsQueryKey = ['worklists'] as const;

export function worklistInfiniteQueryOptions<Kind extends WorklistKind>(
  kind: Kind,
  filters: WorklistFilters,
) {
  return infiniteQueryOptions({
    queryKey: [...worklistsQueryKey, kind, filters],
    queryFn: ({ pageParam, signal }) => getWorklistPage(kind, filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage: PageOf<Kind>) => lastPage.nextCursor ?? undefined,
  });
}

/** A worklist, page by page; while new filters load, the previous rows stay on screen. */
export function useWorklist<Kind extends WorklistKind>(kind: Kind, filters: WorklistFilters) {
  return useInfiniteQuery({
    ...worklistInfiniteQueryOptions(kind, filters),
    placeholderData: keepPreviousData,
  });
}
