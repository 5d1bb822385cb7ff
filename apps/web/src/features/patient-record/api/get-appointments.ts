import { APPOINTMENT_LIST_MAX_LIMIT, type AppointmentPage, appointmentPageSchema } from '@pumpdesk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client.ts';
import { patientRecordKey } from './get-patient.ts';

export function getAppointments(patientId: string, signal?: AbortSignal): Promise<AppointmentPage> {
  return apiGet(`/api/patients/${encodeURIComponent(patientId)}/appointments`, appointmentPageSchema, {
    signal,
    query: { limit: APPOINTMENT_LIST_MAX_LIMIT },
  });
}

/** The patient's appointments, every status (the API orders them earliest first). */
export function useAppointments(patientId: string) {
  return useQuery(
    queryOptions({
      queryKey: [...patientRecordKey(patientId), 'appointments'],
      queryFn: ({ signal }) => getAppointments(patientId, signal),
      staleTime: 0,
    }),
  );
}
