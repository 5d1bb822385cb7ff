import {
  type AppointmentCreateInput,
  type AppointmentDto,
  appointmentSchema,
  type AppointmentUpdateInput,
} from '@pumpdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiSend } from '../../../lib/api-client.ts';
import { worklistsQueryKey } from './get-worklists.ts';
import { appointmentsQueryKey } from './get-site-appointments.ts';

const STALE_CODES = new Set(['VERSION_CONFLICT', 'APPOINTMENT_CLOSED']);

export type SaveAppointment =
  | { action: 'book'; patientId: string; body: AppointmentCreateInput }
  | { action: 'move'; appointmentId: string; body: AppointmentUpdateInput };

export function saveAppointment(request: SaveAppointment): Promise<AppointmentDto> {
  return request.action === 'book'
    ? apiSend(`/api/patients/${encodeURIComponent(request.patientId)}/appointments`, appointmentSchema, {
        method: 'POST',
        body: request.body,
      })
    : apiSend(`/api/appointments/${encodeURIComponent(request.appointmentId)}`, appointmentSchema, {
        method: 'PATCH',
        body: request.body,
      });
}

/**
 * Books or moves an appointment. Afterwards the worklists (a booked refill clears "no appointment
 * before the due date"), the day lists and every patient query are read again: the whole ['patients']
 * prefix, because the patient page caches under ['patients', id] but the refill and program screens
 * under ['patients', 'detail', id] (their next dates and bookings change too).
 */
export function useSaveAppointment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveAppointment,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: worklistsQueryKey }),
        queryClient.invalidateQueries({ queryKey: appointmentsQueryKey }),
        queryClient.invalidateQueries({ queryKey: ['patients'] }),
      ]),
    onError: (error) => {
      // Someone else changed or closed it: read it again, so the next try sends the current version.
      if (error instanceof ApiError && STALE_CODES.has(error.code)) {
        void queryClient.invalidateQueries({ queryKey: appointmentsQueryKey });
      }
    },
  });
}
