import { calendarDateInZone, type CalendarDate, daysBetween, parseCalendarDate } from '@pumpdesk/domain';

/**
 * Today in a site's IANA zone. Every "today" on screen comes from here (or from the API's `today` for
 * the site, which is the same thing computed on the server): never `new Date()` formatted in the
 * browser's own zone, which is wrong for a nurse whose laptop is set to another zone.
 */
export function todayInZone(timeZone: string, now: Date = new Date()): CalendarDate {
  return calendarDateInZone(now, timeZone);
}

/** "today", "tomorrow", "in 3 days", "yesterday", "5 days ago": the distance from `today` to `date`. */
export function formatRelativeDays(date: string, today: string): string {
  const days = daysBetween(parseCalendarDate(today), parseCalendarDate(date));
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}
