import { type AppointmentDto, type RefillWorklistEntry } from '@pumpdesk/contracts';
import { CalendarDateText } from '../../../components/date-text.tsx';
import { SeverityBadge } from '../../../components/severity-badge.tsx';
import { formatRelativeDays, todayInZone } from '../../../lib/dates.ts';
import { formatInstant } from '../../../lib/format.ts';
import { instantToWallTime } from '../../../lib/wall-time.ts';

interface AppointmentStatusProps {
  entry: RefillWorklistEntry;
  /** The booked refill appointment, once found; the API's date alone until then. */
  appointment: AppointmentDto | undefined;
}

/**
 * The row's appointment: the booked refill's day and time on the site's clock, or a warning (words and
 * icon) when nothing is booked on or before the due date.
 */
export function AppointmentStatus({ entry, appointment }: AppointmentStatusProps) {
  const late = entry.noAppointmentByDueDate;
  if (entry.nextBookedRefill) {
    return (
      <div className="appointment-status">
        {appointment ? (
          <span>
            Booked{' '}
            <time dateTime={appointment.startsAt}>
              {formatInstant(appointment.startsAt, appointment.site.timeZone)}
            </time>{' '}
            <span className="date-text__relative">
              (
              {/* Both days on the appointment site's calendar: entry.today is the patient's site's
                  day, which can differ near midnight when the appointment is at a site in another zone. */}
              {formatRelativeDays(
                instantToWallTime(new Date(appointment.startsAt), appointment.site.timeZone).date,
                todayInZone(appointment.site.timeZone),
              )}
              )
            </span>
          </span>
        ) : (
          <span>
            Booked <CalendarDateText date={entry.nextBookedRefill} today={entry.today} />
          </span>
        )}
        {late ? <SeverityBadge level="warning" label="After the due date" /> : null}
      </div>
    );
  }
  if (late) return <SeverityBadge level="warning" label="No appointment before due date" />;
  return <span className="muted">None booked</span>;
}
