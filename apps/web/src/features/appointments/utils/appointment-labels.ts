import { type AppointmentStatus } from '@pumpdesk/contracts';
import { ApiError } from '../../../lib/api-client.ts';

export const appointmentStatusLabels: Record<AppointmentStatus, string> = {
  booked: 'Booked',
  done: 'Done',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};

export type CloseAction = 'complete' | 'no-show' | 'cancel';

export const closeActionLabels: Record<CloseAction, string> = {
  complete: 'Mark done',
  'no-show': 'No-show',
  cancel: 'Cancel',
};

/** What went wrong with a close, in words a nurse can act on (the API's code decides). */
export function closeProblemMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return 'The appointment could not be updated. Try again.';
  switch (error.code) {
    case 'VERSION_CONFLICT':
      return 'Someone changed this appointment since the calendar was loaded. The calendar has been reloaded: check the appointment and try again.';
    case 'APPOINTMENT_CLOSED':
      return 'This appointment is already closed (done, cancelled or no-show). The calendar has been reloaded.';
    case 'FORBIDDEN':
      return 'Your role cannot change appointments.';
    default:
      return error.detail ? `${error.title}: ${error.detail}` : error.title;
  }
}
