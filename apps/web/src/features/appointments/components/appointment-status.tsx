import { type AppointmentStatus } from '@pumpdesk/contracts';
import { appointmentStatusLabels } from '../utils/appointment-labels.ts';

const ICONS: Record<AppointmentStatus, string> = { booked: '○', done: '✓', cancelled: '✕', no_show: '!' };

/** The status in words, with an icon shape; the colour only repeats them. */
export function AppointmentStatusBadge({ status }: { status: AppointmentStatus }) {
  return (
    <span className={`appointment-status appointment-status--${status}`}>
      <span aria-hidden="true">{ICONS[status]} </span>
      {appointmentStatusLabels[status]}
    </span>
  );
}
