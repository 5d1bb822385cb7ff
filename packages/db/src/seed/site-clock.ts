import {
  addDays,
  type CalendarDate,
  calendarDateToUtcDate,
  startOfDayInZone,
  toDayNumber,
} from '@pumpdesk/domain';

// Turns relative days into calendar dates and instants of one site. Finding local midnight asks Intl
// several times; a clinic of 100,000 patients needs millions of instants but only a few thousand
// distinct days per zone, so midnights are cached (bounded: the cache is dropped if it ever grows).

const midnights = new Map<string, number>();
const MAX_CACHED = 100_000;

function midnightMs(date: CalendarDate, timeZone: string): number {
  const key = `${timeZone}|${date}`;
  let ms = midnights.get(key);
  if (ms === undefined) {
    if (midnights.size >= MAX_CACHED) midnights.clear();
    ms = startOfDayInZone(date, timeZone).getTime();
    midnights.set(key, ms);
  }
  return ms;
}

/** Day `n` of a patient's timeline at a site: day 0 is `day0` in the site's calendar. */
export class SiteClock {
  readonly day0Number: number;

  constructor(
    readonly timeZone: string,
    readonly day0: CalendarDate,
  ) {
    this.day0Number = toDayNumber(day0);
  }

  /** The calendar date of relative day `day`. */
  date(day: number): CalendarDate {
    return addDays(this.day0, day);
  }

  /** The Date to store in a `@db.Date` column for relative day `day`. */
  dbDate(day: number): Date {
    return calendarDateToUtcDate(this.date(day));
  }

  /**
   * The instant the local clock shows `minute` minutes after midnight on relative day `day`. DST
   * changes happen in the small hours, so daytime is counted back from the next midnight: 10:00 is
   * 10:00 on a 23- or 25-hour day too (counting forward from midnight would give 11:00 or 09:00).
   */
  instant(day: number, minute: number): Date {
    if (minute < 4 * 60) return new Date(midnightMs(this.date(day), this.timeZone) + minute * 60_000);
    return new Date(midnightMs(this.date(day + 1), this.timeZone) - (1440 - minute) * 60_000);
  }

  /** The relative day of a calendar date. */
  dayOf(date: CalendarDate): number {
    return toDayNumber(date) - this.day0Number;
  }
}

/**
 * The time of day the demo's "today" is assessed at: noon, site time. The states counted in the summary
 * and placed on purpose (today-states.ts, therapy-plan.ts) are the ones the engine reports at midday on
 * the demo's day: a pump whose alarm instant is 15:00 today is not yet past its alarm at that moment.
 */
export const DEMO_NOW_MINUTE = 12 * 60;

/** The instant the demo's states are assessed at: {@link DEMO_NOW_MINUTE} on `today` in `timeZone`. */
export function demoNow(today: CalendarDate, timeZone: string): Date {
  return new SiteClock(timeZone, today).instant(0, DEMO_NOW_MINUTE);
}

/** ISO weekday index of a calendar date, 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayIndex(date: CalendarDate): number {
  return (((toDayNumber(date) + 3) % 7) + 7) % 7;
}

/** The latest weekday (Monday–Friday) on or before `date`. */
export function weekdayOnOrBefore(date: CalendarDate): CalendarDate {
  const weekday = weekdayIndex(date);
  return weekday >= 5 ? addDays(date, 4 - weekday) : date;
}

/** The earliest weekday on or after `date`. */
export function weekdayOnOrAfter(date: CalendarDate): CalendarDate {
  const weekday = weekdayIndex(date);
  return weekday >= 5 ? addDays(date, 7 - weekday) : date;
}
