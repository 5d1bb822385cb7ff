import { type CalendarDate, calendarDateInZone, calendarDateParts, zoneOffsetMs } from './calendar-date.ts';

// Formatting for the sentences findings and statuses carry ("Alarm on 14 Mar 2027 at 2 mL; due
// 10 Mar with the 4-day margin"). Fixed English forms, independent of the machine's locale and zone,
// so the same facts always read the same in the UI, the audit log and the tests.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "14 Mar 2027": day, month and year are never ambiguous between UK and US readers. */
export function formatDate(date: CalendarDate): string {
  const { year, month, day } = calendarDateParts(date);
  return `${day} ${MONTHS[month - 1] ?? '?'} ${year}`;
}

/**
 * "14 Mar 2027 09:30": an instant as the clinic's wall clock shows it, in the site's IANA zone (never
 * UTC: a nurse in Sydney reads her own time).
 */
export function formatDateTime(instant: Date, timeZone: string): string {
  const local = new Date(instant.getTime() + zoneOffsetMs(instant, timeZone));
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return `${formatDate(calendarDateInZone(instant, timeZone))} ${hh}:${mm}`;
}

/** A number with at most `decimals` decimals and no trailing zeros: 2, 1.5, 0.25. */
export function formatNumber(value: number, decimals = 2): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = Number(value.toFixed(decimals));
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** "2 mL", "1.25 mL". */
export function formatMl(value: number): string {
  return `${formatNumber(value)} mL`;
}

/** "300 mcg/day", "412.5 mcg/day". */
export function formatMcgPerDay(value: number): string {
  return `${formatNumber(value, 1)} mcg/day`;
}

/** "500 mcg/mL". */
export function formatConcentration(value: number): string {
  return `${formatNumber(value)} mcg/mL`;
}

/** "1 day", "4 days". */
export function formatDays(count: number): string {
  return `${formatNumber(count, 0)} ${Math.abs(count) === 1 ? 'day' : 'days'}`;
}

/** "+30%", "−12.5%": a signed percentage change. */
export function formatPercentChange(percent: number, decimals = 1): string {
  const sign = percent > 0 ? '+' : percent < 0 ? '−' : '';
  return `${sign}${formatNumber(Math.abs(percent), decimals)}%`;
}
