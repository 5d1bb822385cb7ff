import { TZDate } from '@date-fns/tz';
import { calendarDateParts, parseCalendarDate } from '@pumpdesk/domain';
import { format } from 'date-fns';

// Dates on screen are written `14 Mar 2027`: unambiguous for every reader (03/04 is March in one
// country and April in the next).
const DATE_FORMAT = 'd MMM yyyy';
const DATE_TIME_FORMAT = 'd MMM yyyy, HH:mm';

/**
 * A calendar date (`YYYY-MM-DD`: date of birth, due date) as `14 Mar 2027`. It is parsed as a local
 * calendar day and formatted back in the same zone, so no time zone can move it. Never
 * `new Date('2027-03-14')`: that is midnight UTC, the 13th anywhere west of Greenwich.
 */
export function formatCalendarDate(value: string): string {
  // The domain's parser refuses malformed and impossible dates (2027-02-30).
  const { year, month, day } = calendarDateParts(parseCalendarDate(value));
  // Noon, not midnight: a zone whose DST change happens at midnight still has noon on that day.
  const local = new Date(2000, 0, 1, 12);
  local.setFullYear(year, month - 1, day); // not new Date(y, m, d): it maps years 0–99 to 1900–1999
  return format(local, DATE_FORMAT);
}

/** An instant (ISO 8601 with offset) as wall-clock time in a site's IANA zone: `14 Mar 2027, 09:30`. */
export function formatInstant(value: string, timeZone: string): string {
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`Not an instant: ${value}`);
  return format(new TZDate(instant, timeZone), DATE_TIME_FORMAT);
}
