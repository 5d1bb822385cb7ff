import { TZDate } from '@date-fns/tz';
import { isCalendarDate } from '@pumpdesk/domain';
import { format } from 'date-fns';

// The booking form asks for a day and a time on the site's wall clock (a nurse in London booking for
// a clinic in New York types New York time); the API takes an instant. Never the browser's zone.

export type WallTimeResult = { ok: true; instant: Date } | { ok: false; reason: 'invalid' | 'nonexistent' };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * The instant at which the wall clock in `timeZone` shows `date` (`YYYY-MM-DD`) and `time` (`HH:mm`).
 * A time the clocks skip (02:30 on a spring-forward night) does not exist there: refused, not moved.
 */
export function wallTimeToInstant(date: string, time: string, timeZone: string): WallTimeResult {
  const dateParts = DATE.exec(date);
  const timeParts = TIME.exec(time);
  if (!dateParts || !timeParts || !isCalendarDate(date)) return { ok: false, reason: 'invalid' };
  const [year, month, day] = [Number(dateParts[1]), Number(dateParts[2]), Number(dateParts[3])];
  const [hours, minutes] = [Number(timeParts[1]), Number(timeParts[2])];
  const zoned = new TZDate(year, month - 1, day, hours, minutes, timeZone);
  if (Number.isNaN(zoned.getTime())) return { ok: false, reason: 'invalid' };
  const instant = new Date(zoned.getTime());
  // Read back on the same wall clock: a time the clocks skipped comes back different.
  const back = instantToWallTime(instant, timeZone);
  if (back.date !== date || back.time !== time) return { ok: false, reason: 'nonexistent' };
  return { ok: true, instant };
}

/** The day and time an instant shows on the wall clock in `timeZone`. */
export function instantToWallTime(instant: Date, timeZone: string): { date: string; time: string } {
  const zoned = new TZDate(instant.getTime(), timeZone);
  return { date: format(zoned, 'yyyy-MM-dd'), time: format(zoned, 'HH:mm') };
}
