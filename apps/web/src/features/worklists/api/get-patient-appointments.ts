import { type AppointmentPage, appointmentPageSchema } from '@pumpdesk/contracts';
import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client.ts';
import { appointmentsQueryKey } from './get-site-appointments.ts';

export function getPatientBookedAppointments(
  patientId: string,
  from: string,
  signal?: AbortSignal,
): Promise<AppointmentPage> {
  return apiGet(`/api/patients/${encodeURIComponent(patientId)}/appointments`, appointmentPageSchema, {
    query: { status: ['booked'], from },
    signal,
  });
}

/**
 * A patient's booked appointments starting at or after `from` (an instant): for a booked refill
 * beyond the range the site lists cover (more than 31 days ahead, or at another site).
 */
export function patientBookedQueryOptions(patientId: string, from: string) {
  return queryOptions({
    queryKey: [...appointmentsQueryKey, 'patient', patientId, 'booked', from],
    queryFn: ({ signal }) => getPatientBookedAppointments(patientId, from, signal),
  });
}
