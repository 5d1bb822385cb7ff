import { type PumpDetail, pumpDetailSchema, type PumpList, pumpListSchema } from '@pumpdesk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client.ts';
import { patientRecordKey } from './get-patient.ts';

export function getPatientPumps(patientId: string, signal?: AbortSignal): Promise<PumpList> {
  return apiGet(`/api/patients/${encodeURIComponent(patientId)}/pumps`, pumpListSchema, { signal });
}

/** The patient's pumps, implanted and explanted, newest implant first (with each model's battery life). */
export function usePatientPumps(patientId: string) {
  return useQuery(
    queryOptions({
      queryKey: [...patientRecordKey(patientId), 'pumps'],
      queryFn: ({ signal }) => getPatientPumps(patientId, signal),
      staleTime: 0,
    }),
  );
}

export function getPump(pumpId: string, signal?: AbortSignal): Promise<PumpDetail> {
  return apiGet(`/api/pumps/${encodeURIComponent(pumpId)}`, pumpDetailSchema, { signal });
}

/** One pump with its last interrogation; nothing is asked while `pumpId` is null. */
export function usePump(patientId: string, pumpId: string | null) {
  return useQuery(
    queryOptions({
      queryKey: [...patientRecordKey(patientId), 'pump', pumpId],
      queryFn: ({ signal }) => getPump(pumpId ?? '', signal),
      enabled: pumpId !== null,
      staleTime: 0,
    }),
  );
}
