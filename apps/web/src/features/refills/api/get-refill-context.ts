import {
  clinicSettingsResponseSchema,
  type ClinicSettingsResponse,
  doseProgramHistorySchema,
  type DoseProgramHistory,
  patientDetailSchema,
  type PatientDetail,
} from '@pumpdesk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client.ts';

// What the refill form needs before the first field: the patient (current pump, program in force, last
// refill, site zone), the pump's dose history (the schedules the projection integrates over) and the
// clinic's thresholds. The browser runs the same engine functions as the API on them.

export function patientDetailQueryOptions(patientId: string) {
  return queryOptions({
    queryKey: ['patients', 'detail', patientId],
    queryFn: ({ signal }): Promise<PatientDetail> =>
      apiGet(`/api/patients/${encodeURIComponent(patientId)}`, patientDetailSchema, { signal }),
  });
}

export function doseProgramHistoryQueryOptions(pumpId: string) {
  return queryOptions({
    queryKey: ['pumps', pumpId, 'dose-programs'],
    queryFn: ({ signal }): Promise<DoseProgramHistory> =>
      apiGet(`/api/pumps/${encodeURIComponent(pumpId)}/dose-programs`, doseProgramHistorySchema, { signal }),
  });
}

export function clinicSettingsQueryOptions() {
  return queryOptions({
    queryKey: ['settings'],
    queryFn: ({ signal }): Promise<ClinicSettingsResponse> =>
      apiGet('/api/settings', clinicSettingsResponseSchema, { signal }),
  });
}

export function usePatientDetail(patientId: string) {
  return useQuery(patientDetailQueryOptions(patientId));
}

/** The pump's dose history; waits until the pump is known. */
export function useDoseProgramHistory(pumpId: string | null) {
  return useQuery({ ...doseProgramHistoryQueryOptions(pumpId ?? ''), enabled: pumpId !== null });
}

export function useClinicSettings() {
  return useQuery(clinicSettingsQueryOptions());
}
