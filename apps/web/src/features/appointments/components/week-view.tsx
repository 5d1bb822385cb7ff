import { type AppointmentDto } from '@pumpdesk/contracts';
import { type CalendarDate } from '@pumpdesk/domain';
import {
  AppointmentPatient,
  AppointmentTime,
  appointmentKind,
  clinicianName,
} from './appointment-details.tsx';
import { AppointmentStatusBadge } from './appointment-status.tsx';
import { dayInZone, formatDay } from '../utils/calendar-dates.ts';

interface WeekViewProps {
  days: readonly CalendarDate[];
  appointments: readonly AppointmentDto[];
  timeZone: string;
  today: CalendarDate;
  busy: boolean;
  /** Opens the day view (where appointments are closed). */
  onOpenDay: (date: CalendarDate) => void;
}

/**
 * Monday to Sunday as seven columns, each a heading and a list: screen readers move by heading from day
 * to day, and nothing depends on dragging. Appointments are placed on the site's calendar day.
 */
export function WeekView({ days, appointments, timeZone, today, busy, onOpenDay }: WeekViewProps) {
  const byDay = new Map<string, AppointmentDto[]>();
  for (const appointment of appointments) {
    const day = dayInZone(appointment.startsAt, timeZone);
    byDay.set(day, [...(byDay.get(day) ?? []), appointment]);
  }
  return (
    <div className="appointments-week" aria-busy={busy}>
      {days.map((day) => {
        const items = byDay.get(day) ?? [];
        const isToday = day === today;
        return (
          <section
            key={day}
            className={isToday ? 'week-day week-day--today' : 'week-day'}
            aria-labelledby={`week-day-${day}`}
          >
            <h2 className="week-day__heading" id={`week-day-${day}`}>
              <span className="week-day__name">{formatDay(day, 'EEEE')}</span>{' '}
              <time dateTime={day}>{formatDay(day, 'd MMM')}</time>
              {isToday ? <span className="week-day__today"> (today)</span> : null}
            </h2>
            <p className="week-day__count muted">
              {items.length === 0
                ? 'No appointments'
                : items.length === 1
                  ? '1 appointment'
                  : `${items.length} appointments`}
            </p>
            {items.length > 0 ? (
              <ul className="week-day__list">
                {items.map((appointment) => (
                  <li key={appointment.id} className={`week-item week-item--${appointment.status}`}>
                    <p className="week-item__time">
                      <AppointmentTime appointment={appointment} timeZone={timeZone} />
                      <span className="muted"> · {appointment.durationMinutes} min</span>
                    </p>
                    <p className="week-item__kind">{appointmentKind(appointment)}</p>
                    <p>
                      <AppointmentPatient appointment={appointment} />
                    </p>
                    <p className="muted">{clinicianName(appointment)}</p>
                    <AppointmentStatusBadge status={appointment.status} />
                  </li>
                ))}
              </ul>
            ) : null}
            <button
              type="button"
              className="link-button week-day__open"
              aria-label={`Open day ${formatDay(day, 'EEEE d MMMM')}`}
              onClick={() => {
                onOpenDay(day);
              }}
            >
              Open day
            </button>
          </section>
        );
      })}
    </div>
  );
}
