import { type AppointmentClose, type AppointmentDto, appointmentSchema } from '@pumpdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api-client.ts';
import { type CloseAction } from '../utils/appointment-labels.ts';
import { appointmentsQueryKey } from './get-site-appointments.ts';

/** POST /api/appointments/:id/complete | no-show | cancel, with the version read. */
export function closeAppointment(
  appointmentId: string,
  action: CloseAction,
  body: AppointmentClose,
): Promise<AppointmentDto> {
  return apiSend(`/api/appointments/${encodeURIComponent(appointmentId)}/${action}`, appointmentSchema, {
    body,
  });
}

export interface CloseVariables {
  action: CloseAction;
  version: number;
  reason?: string | undefined;
}

/**
 * Closes one appointment. Success or a conflict both reload the calendars (a conflict means the list
 * on screen is stale), the worklists (a booked refill appointment clears "no appointment by the due
 * date") and every patient query (['patients'] prefix: the patient page, refill and program screens
 * show the patient's appointments and next booked dates).
 */
export function useCloseAppointment(appointmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, version, reason }: CloseVariables) =>
      closeAppointment(appointmentId, action, reason ? { version, reason } : { version }),
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: appointmentsQueryKey }),
        queryClient.invalidateQueries({ queryKey: ['worklists'] }),
        queryClient.invalidateQueries({ queryKey: ['patients'] }),
      ]);
    },
  });
}
