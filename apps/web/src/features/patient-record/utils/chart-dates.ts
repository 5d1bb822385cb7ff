import { TZDate } from '@date-fns/tz';
import { parseCalendarDate, startOfDayInZone } from '@pumpdesk/domain';
import { format } from 'date-fns';

const DAY_MS = 86_400_000;
/** Above this span the axis counts months ("Mar 2027"), below it days ("14 Mar"). */
const MONTH_TICKS_FROM_MS = 120 * DAY_MS;

/** Where a calendar day sits on a time axis: its noon in the site's zone (the middle of the day). */
export function calendarDateToChartTime(date: string, timeZone: string): number {
  return startOfDayInZone(parseCalendarDate(date), timeZone).getTime() + DAY_MS / 2;
}

/**
 * A tick formatter for a time axis in the site's zone: "Mar 2027" when the axis spans months, "14 Mar"
 * when it spans weeks.
 */
export function timeTickFormatter(timeZone: string, spanMs: number): (value: number) => string {
  const pattern = spanMs > MONTH_TICKS_FROM_MS ? 'MMM yyyy' : 'd MMM';
  return (value: number) => format(new TZDate(value, timeZone), pattern);
}

/**
 * Ticks on calendar boundaries in the site's zone, between `start` and `end`: the first of each year
 * (over 3 years), of each quarter (over a year), of each month (over 4 months), else every Monday.
 */
export function timeTicks(start: number, end: number, timeZone: string): number[] {
  const span = end - start;
  const first = new TZDate(start, timeZone);
  const ticks: number[] = [];
  if (span > MONTH_TICKS_FROM_MS) {
    const step = span > 3 * 365 * DAY_MS ? 12 : span > 365 * DAY_MS ? 3 : 1;
    let month = Math.ceil((first.getFullYear() * 12 + first.getMonth()) / step) * step;
    for (;;) {
      const at = new TZDate(Math.floor(month / 12), month % 12, 1, timeZone).getTime();
      if (at > end) break;
      if (at >= start) ticks.push(at);
      month += step;
    }
    return ticks;
  }
  const daysToMonday = (8 - first.getDay()) % 7;
  let day = new TZDate(first.getFullYear(), first.getMonth(), first.getDate() + daysToMonday, timeZone);
  while (day.getTime() <= end) {
    if (day.getTime() >= start) ticks.push(day.getTime());
    day = new TZDate(day.getFullYear(), day.getMonth(), day.getDate() + 7, timeZone);
  }
  return ticks;
}

/** "14 Mar 2027" for an instant, as the site's calendar shows it. */
export function formatChartDay(value: number, timeZone: string): string {
  return format(new TZDate(value, timeZone), 'd MMM yyyy');
}
