import { type PatientDetail, patientDetailSchema } from '@pumpdesk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client.ts';

export function getPatient(patientId: string, signal?: AbortSignal): Promise<PatientDetail> {
  return apiGet(`/api/patients/${encodeURIComponent(patientId)}`, patientDetailSchema, { signal });
}

/**
 * Every query of the patient record sits under `['patients', patientId]`, so invalidating that prefix
 * (after a refill, a program, a visit) refreshes the whole page.
 */
export function patientRecordKey(patientId: string) {
  return ['patients', patientId] as const;
}

export function patientQueryOptions(patientId: string) {
  return queryOptions({
    queryKey: [...patientRecordKey(patientId), 'detail'],
    queryFn: ({ signal }) => getPatient(patientId, signal),
    // A clinical record: asked again whenever the page is opened (after a refill or a new program).
    staleTime: 0,
  });
}

export function usePatient(patientId: string) {
  return useQuery(patientQueryOptions(patientId));
}
