import { TZDate } from '@date-fns/tz';
import {
  addDays,
  type CalendarDate,
  calendarDateInZone,
  calendarDateParts,
  calendarDateToUtcDate,
  isCalendarDate,
} from '@pumpdesk/domain';
import { format } from 'date-fns';

// The calendar works in the SITE's calendar: days are `YYYY-MM-DD` of the site's zone, times are
// wall-clock times in that zone. Nothing here depends on the browser's own zone.

export type CalendarView = 'day' | 'week';

export function parseView(value: string | null): CalendarView {
  return value === 'week' ? 'week' : 'day';
}

export function parseDate(value: string | null): CalendarDate | null {
  return value !== null && isCalendarDate(value) ? value : null;
}

/** 0 = Monday … 6 = Sunday (weeks run Monday to Sunday, ISO 8601). */
export function weekdayIndex(date: CalendarDate): number {
  return (calendarDateToUtcDate(date).getUTCDay() + 6) % 7;
}

/** The Monday of the week holding `date`. */
export function startOfWeek(date: CalendarDate): CalendarDate {
  return addDays(date, -weekdayIndex(date));
}

/** Monday to Sunday of the week holding `date`. */
export function daysOfWeek(date: CalendarDate): CalendarDate[] {
  const monday = startOfWeek(date);
  return Array.from({ length: 7 }, (_, index) => addDays(monday, index));
}

/** The first and last day the view shows. */
export function viewRange(view: CalendarView, date: CalendarDate): { from: CalendarDate; to: CalendarDate } {
  if (view === 'day') return { from: date, to: date };
  const monday = startOfWeek(date);
  return { from: monday, to: addDays(monday, 6) };
}

/** The previous (-1) or next (+1) day or week. */
export function shiftDate(view: CalendarView, date: CalendarDate, direction: -1 | 1): CalendarDate {
  return addDays(date, direction * (view === 'day' ? 1 : 7));
}

/**
 * A calendar date written with a date-fns pattern. Built from its parts at local noon and formatted
 * in the same zone, so the browser's zone cannot move it (never `new Date('2027-03-14')`).
 */
export function formatDay(date: CalendarDate, pattern: string): string {
  const { year, month, day } = calendarDateParts(date);
  const local = new Date(2000, 0, 1, 12);
  local.setFullYear(year, month - 1, day);
  return format(local, pattern);
}

/** Wall-clock time of an instant in the site's zone: `09:30`. */
export function formatTimeInZone(instant: string, timeZone: string): string {
  return format(new TZDate(new Date(instant), timeZone), 'HH:mm');
}

/** The site's calendar day an instant falls on. */
export function dayInZone(instant: string, timeZone: string): CalendarDate {
  return calendarDateInZone(new Date(instant), timeZone);
}

/** "Wednesday 25 November 2026", or "23 – 29 November 2026" for a week. */
export function describeRange(view: CalendarView, date: CalendarDate): string {
  if (view === 'day') return formatDay(date, 'EEEE d MMMM yyyy');
  const { from, to } = viewRange('week', date);
  const sameMonth = from.slice(0, 7) === to.slice(0, 7);
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  const start = formatDay(from, sameMonth ? 'd' : sameYear ? 'd MMMM' : 'd MMMM yyyy');
  return `${start} – ${formatDay(to, 'd MMMM yyyy')}`;
}
