import { PATIENT_LIST_DEFAULT_LIMIT, type PatientListPage, patientListPageSchema } from '@pumpdesk/contracts';
import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client.ts';
import { type PatientFilters } from '../utils/patient-filters.ts';

export function getPatients(
  filters: PatientFilters,
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<PatientListPage> {
  return apiGet('/api/patients', patientListPageSchema, {
    query: {
      q: filters.q,
      siteId: filters.siteId,
      status: filters.status ? [filters.status] : undefined,
      limit: PATIENT_LIST_DEFAULT_LIMIT,
      cursor,
    },
    signal,
  });
}

export function patientsInfiniteQueryOptions(filters: PatientFilters) {
  return infiniteQueryOptions({
    queryKey: ['patients', 'list', filters],
    queryFn: ({ pageParam, signal }) => getPatients(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });
}

/** The patient list, page by page. While new filters load, the previous results stay on screen. */
export function usePatients(filters: PatientFilters) {
  return useInfiniteQuery({ ...patientsInfiniteQueryOptions(filters), placeholderData: keepPreviousData });
}
