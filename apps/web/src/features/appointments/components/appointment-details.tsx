import { appointmentKindLabels, type AppointmentDto } from '@pumpdesk/contracts';
import { Link } from 'react-router';
import { formatTimeInZone } from '../utils/calendar-dates.ts';

/** `09:30–10:00` in the site's zone, in <time> elements carrying the instants. */
export function AppointmentTime({
  appointment,
  timeZone,
}: {
  appointment: AppointmentDto;
  timeZone: string;
}) {
  return (
    <span className="nowrap">
      <time dateTime={appointment.startsAt}>{formatTimeInZone(appointment.startsAt, timeZone)}</time>
      {'–'}
      <time dateTime={appointment.endsAt}>{formatTimeInZone(appointment.endsAt, timeZone)}</time>
    </span>
  );
}

export function patientName(appointment: AppointmentDto): string {
  return `${appointment.patient.familyName}, ${appointment.patient.givenName}`;
}

/** The patient's name (a link to the patient page) and MRN. */
export function AppointmentPatient({ appointment }: { appointment: AppointmentDto }) {
  return (
    <>
      <Link to={`/patients/${appointment.patient.id}`}>{patientName(appointment)}</Link>{' '}
      <span className="muted nowrap">MRN {appointment.patient.mrn}</span>
    </>
  );
}

export function appointmentKind(appointment: AppointmentDto): string {
  const kind = appointmentKindLabels[appointment.kind];
  return appointment.atHome ? `${kind} (at home)` : kind;
}

export function clinicianName(appointment: AppointmentDto): string {
  return appointment.clinician?.name ?? 'No clinician assigned';
}
