import { type PatientDetail, patientDetailSchema } from '@pumpdesk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client.ts';

/** The patient the program is for: the current pump, the program in force, the last refill, today. */
export function getPatientDetail(patientId: string, signal?: AbortSignal): Promise<PatientDetail> {
  return apiGet(`/api/patients/${encodeURIComponent(patientId)}`, patientDetailSchema, { signal });
}

export function patientDetailQueryOptions(patientId: string) {
  return queryOptions({
    queryKey: ['patients', 'detail', patientId],
    queryFn: ({ signal }) => getPatientDetail(patientId, signal),
  });
}

export function usePatientDetail(patientId: string) {
  return useQuery(patientDetailQueryOptions(patientId));
}
