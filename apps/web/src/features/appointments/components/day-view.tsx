import { type AppointmentDto } from '@pumpdesk/contracts';
import { EmptyState } from '../../../components/page-states.tsx';
import { AppointmentActions } from './appointment-actions.tsx';
import {
  AppointmentPatient,
  AppointmentTime,
  appointmentKind,
  clinicianName,
  patientName,
} from './appointment-details.tsx';
import { AppointmentStatusBadge } from './appointment-status.tsx';
import { formatTimeInZone } from '../utils/calendar-dates.ts';

interface DayViewProps {
  appointments: readonly AppointmentDto[];
  timeZone: string;
  /** "Wednesday 25 November 2026", for the caption and the empty state. */
  dayLabel: string;
  canWrite: boolean;
  busy: boolean;
}

/** One day as a table, earliest first (the API's order). */
export function DayView({ appointments, timeZone, dayLabel, canWrite, busy }: DayViewProps) {
  if (appointments.length === 0) {
    return <EmptyState title={`No appointments on ${dayLabel}.`} />;
  }
  return (
    <div className="table-scroll">
      <table className="data-table appointments-day" aria-busy={busy}>
        <caption className="visually-hidden">Appointments on {dayLabel}</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Duration</th>
            <th scope="col">Kind</th>
            <th scope="col">Patient</th>
            <th scope="col">Clinician</th>
            <th scope="col">Status</th>
            {canWrite ? <th scope="col">Actions</th> : null}
          </tr>
        </thead>
        <tbody>
          {appointments.map((appointment) => (
            <tr key={appointment.id} className={`appointment-row appointment-row--${appointment.status}`}>
              <th scope="row">
                <AppointmentTime appointment={appointment} timeZone={timeZone} />
              </th>
              <td className="nowrap">{appointment.durationMinutes} min</td>
              <td>{appointmentKind(appointment)}</td>
              <td>
                <AppointmentPatient appointment={appointment} />
              </td>
              <td>
                {appointment.clinician ? (
                  clinicianName(appointment)
                ) : (
                  <span className="muted">{clinicianName(appointment)}</span>
                )}
              </td>
              <td>
                <AppointmentStatusBadge status={appointment.status} />
              </td>
              {canWrite ? (
                <td>
                  <AppointmentActions
                    appointment={appointment}
                    context={`${patientName(appointment)} at ${formatTimeInZone(appointment.startsAt, timeZone)}`}
                  />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
