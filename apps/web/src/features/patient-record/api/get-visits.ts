import { VISIT_LIST_MAX_LIMIT, type VisitListPage, visitListPageSchema } from '@pumpdesk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client.ts';
import { patientRecordKey } from './get-patient.ts';

export function getVisits(patientId: string, signal?: AbortSignal): Promise<VisitListPage> {
  return apiGet(`/api/patients/${encodeURIComponent(patientId)}/visits`, visitListPageSchema, {
    signal,
    query: { limit: VISIT_LIST_MAX_LIMIT },
  });
}

/** The patient's follow-up visits with their scores, newest first (the newest 200). */
export function useVisits(patientId: string) {
  return useQuery(
    queryOptions({
      queryKey: [...patientRecordKey(patientId), 'visits'],
      queryFn: ({ signal }) => getVisits(patientId, signal),
      staleTime: 0,
    }),
  );
}
