// Calendar dates (implant date, due date, date of birth) are days in a clinic's calendar, not
// instants. They are stored as `YYYY-MM-DD` strings and every piece of arithmetic goes through a day
// count (days since 1970-01-01), so the machine's time zone can never shift a date by one.
// Conversions to and from instants take the site's IANA zone explicitly.

declare const calendarDateBrand: unique symbol;

/**
 * A day in the clinic's calendar, `YYYY-MM-DD` (years 0000–9999). A branded string: only
 * {@link parseCalendarDate} and the functions of this module produce one, so holding a
 * `CalendarDate` means the text is a real date (never 2027-02-30).
 */
export type CalendarDate = string & { readonly [calendarDateBrand]: 'CalendarDate' };

const MS_PER_DAY = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Day numbers of 0000-01-01 and 9999-12-31: the range a four-digit year can write. */
const MIN_DAY_NUMBER = -719_528;
const MAX_DAY_NUMBER = 2_932_896;

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`): pure
 * integer arithmetic, so no Date object and no time zone is involved.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The inverse of {@link daysFromCivil} (H. Hinnant's `civil_from_days`). */
function civilFromDays(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** True when the year is a Gregorian leap year. */
function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * Builds a calendar date from its parts; throws a RangeError for an impossible date
 * (month 13, 31 April, 29 February of a common year) or a year outside 0000–9999.
 */
export function calendarDateFromParts(year: number, month: number, day: number): CalendarDate {
  const valid =
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 0 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month);
  if (!valid) throw new RangeError(`Not a calendar date: ${year}-${month}-${day}`);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as CalendarDate;
}

/** True when `text` is a real `YYYY-MM-DD` date. */
export function isCalendarDate(text: string): text is CalendarDate {
  const match = DATE_PATTERN.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Parses `YYYY-MM-DD` text into a {@link CalendarDate}; throws a RangeError for anything else,
 * including impossible dates such as `2027-02-29` or `2027-04-31`.
 */
export function parseCalendarDate(text: string): CalendarDate {
  if (!isCalendarDate(text))
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(text)}`);
  return text;
}

/** The year, month (1–12) and day (1–31) of a calendar date. */
export function calendarDateParts(date: CalendarDate): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** Days since 1970-01-01 (negative before): the number every calculation on dates goes through. */
export function toDayNumber(date: CalendarDate): number {
  const { year, month, day } = calendarDateParts(date);
  return daysFromCivil(year, month, day);
}

/** The calendar date `dayNumber` days after 1970-01-01; throws outside years 0000–9999. */
export function fromDayNumber(dayNumber: number): CalendarDate {
  if (!Number.isInteger(dayNumber) || dayNumber < MIN_DAY_NUMBER || dayNumber > MAX_DAY_NUMBER) {
    throw new RangeError(`Day number out of range: ${dayNumber}`);
  }
  const { year, month, day } = civilFromDays(dayNumber);
  return calendarDateFromParts(year, month, day);
}

/** The date `days` whole days after `date` (before it when negative). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  if (!Number.isInteger(days)) throw new RangeError(`addDays needs a whole number of days, got ${days}`);
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * The same day `months` calendar months later (earlier when negative), clamped to the end of a
 * shorter month: 2027-01-31 + 1 month = 2027-02-28. Years are 12 months, so 2024-02-29 + 12 months
 * = 2025-02-28.
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  if (!Number.isInteger(months))
    throw new RangeError(`addMonths needs a whole number of months, got ${months}`);
  const { year, month, day } = calendarDateParts(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const newYear = Math.floor(monthIndex / 12);
  const newMonth = monthIndex - newYear * 12 + 1;
  return calendarDateFromParts(newYear, newMonth, Math.min(day, daysInMonth(newYear, newMonth)));
}

/** Whole days from `a` to `b` (b − a): positive when `b` is later. */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** Comparator for sorting: negative when `a` is earlier, 0 when equal, positive when later. */
export function compareCalendarDates(a: CalendarDate, b: CalendarDate): number {
  return Math.sign(toDayNumber(a) - toDayNumber(b));
}

/** The earlier of two or more dates. */
export function minCalendarDate(first: CalendarDate, ...rest: CalendarDate[]): CalendarDate {
  return rest.reduce((min, date) => (compareCalendarDates(date, min) < 0 ? date : min), first);
}

/** The later of two or more dates. */
export function maxCalendarDate(first: CalendarDate, ...rest: CalendarDate[]): CalendarDate {
  return rest.reduce((max, date) => (compareCalendarDates(date, max) > 0 ? date : max), first);
}

// ─── Instants and zones ────────────────────────────────────────────────────────────────────────

/** Formatters are costly to build and the seed calls these functions millions of times: one per zone. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws a RangeError for an unknown zone, which is what callers should see.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'iso8601',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock reading of `instant` in `timeZone`. */
function localParts(instant: Date, timeZone: string): LocalParts {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('Invalid Date');
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year = NaN, month = NaN, day = NaN, hour = NaN, minute = NaN, second = NaN } = parts;
  // Some ICU versions print midnight as hour 24 despite h23.
  return { year, month, day, hour: hour === 24 ? 0 : hour, minute, second };
}

/** The zone's offset from UTC at `instant`, in ms (local = UTC + offset), read from Intl. */
function rawOffsetMs(instantMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(instantMs / 1000) * 1000;
  const p = localParts(new Date(wholeSecond), timeZone);
  const localMs =
    daysFromCivil(p.year, p.month, p.day) * MS_PER_DAY + ((p.hour * 60 + p.minute) * 60 + p.second) * 1000;
  return localMs - wholeSecond;
}

const MS_PER_HOUR = 3_600_000;
/** Per zone: UTC day number → offset, and UTC hour number → offset, where constant over it. */
const offsetCache = new Map<string, { days: Map<number, number>; hours: Map<number, number> }>();

/**
 * The zone's offset at `instantMs`. Intl is slow (a few microseconds a call) and projections, worklists
 * and the demo generator ask millions of times, so the offset of a UTC day is remembered when it is the
 * same at the day's first and last second, else that of the hour. This assumes no zone changes its
 * offset and back within one UTC day; a test compares the result with Intl in every zone Intl knows.
 */
function offsetMs(instantMs: number, timeZone: string): number {
  let zone = offsetCache.get(timeZone);
  if (!zone) {
    zone = { days: new Map(), hours: new Map() };
    offsetCache.set(timeZone, zone);
  }
  const day = Math.floor(instantMs / MS_PER_DAY);
  const hour = Math.floor(instantMs / MS_PER_HOUR);
  const cached = zone.days.get(day) ?? zone.hours.get(hour);
  if (cached !== undefined) return cached;
  // Bounded: 100,000 days is 270 years of one zone.
  if (zone.days.size >= 100_000) zone.days.clear();
  if (zone.hours.size >= 100_000) zone.hours.clear();
  const dayOffset = constantOffset(day * MS_PER_DAY, MS_PER_DAY, timeZone);
  if (dayOffset !== null) {
    zone.days.set(day, dayOffset);
    return dayOffset;
  }
  const hourOffset = constantOffset(hour * MS_PER_HOUR, MS_PER_HOUR, timeZone);
  if (hourOffset !== null) {
    zone.hours.set(hour, hourOffset);
    return hourOffset;
  }
  return rawOffsetMs(instantMs, timeZone);
}

/** The offset over [startMs, startMs + lengthMs) when it is the same at both ends, else null. */
function constantOffset(startMs: number, lengthMs: number, timeZone: string): number | null {
  const first = rawOffsetMs(startMs, timeZone);
  return rawOffsetMs(startMs + lengthMs - 1000, timeZone) === first ? first : null;
}

/**
 * The zone's offset from UTC at `instant` in milliseconds (local wall time = UTC + offset), e.g.
 * 3_600_000 for Europe/London in summer. Throws a RangeError for an unknown zone or an Invalid Date.
 */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  return offsetMs(instant.getTime(), timeZone);
}

/** The calendar date `instant` falls on in the IANA zone `timeZone` (e.g. "Europe/London"). */
export function calendarDateInZone(instant: Date, timeZone: string): CalendarDate {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('Invalid Date');
  return fromDayNumber(Math.floor((ms + offsetMs(ms, timeZone)) / MS_PER_DAY));
}

/**
 * The instant `date` begins in `timeZone`: local midnight, or, on a day whose midnight a DST change
 * skips (clocks jump from 23:59:59 to 01:00), the first instant whose local date is `date`.
 */
export function startOfDayInZone(date: CalendarDate, timeZone: string): Date {
  const utcMidnight = toDayNumber(date) * MS_PER_DAY;
  // Local midnight is utcMidnight − offset, for the offset in force at that instant. Offsets of the
  // instants around it are the only candidates; keep the earliest one that is self-consistent.
  // Sampling every 7 hours finds every offset in force in that window: DST changes are months apart.
  const offsets = new Set(
    [-14, -7, 0, 7, 14].map((hours) => offsetMs(utcMidnight + hours * 3_600_000, timeZone)),
  );
  const candidates = [...offsets]
    .map((offset) => utcMidnight - offset)
    .filter((instant) => offsetMs(instant, timeZone) === utcMidnight - instant)
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first !== undefined) return new Date(first);
  return firstInstantOfDay(date, timeZone, utcMidnight);
}

/** Midnight does not exist that day: binary-search the transition, the day's first instant. */
function firstInstantOfDay(date: CalendarDate, timeZone: string, utcMidnight: number): Date {
  const dayNumber = toDayNumber(date);
  let low = utcMidnight - 16 * 3_600_000; // still the previous local day in every zone
  let high = utcMidnight + 16 * 3_600_000; // already this local day or later in every zone
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (toDayNumber(calendarDateInZone(new Date(middle), timeZone)) >= dayNumber) high = middle;
    else low = middle;
  }
  return new Date(high);
}

// ─── Date columns ──────────────────────────────────────────────────────────────────────────────

/**
 * Reads a `@db.Date` column: Prisma returns the day as a Date at UTC midnight. Throws when the Date
 * carries a time of day, because that means an instant was mistaken for a date somewhere.
 */
export function toCalendarDate(date: Date): CalendarDate {
  const ms = date.getTime();
  if (!Number.isFinite(ms) || ms % MS_PER_DAY !== 0) {
    throw new RangeError(
      `Not a UTC-midnight date: ${Number.isFinite(ms) ? date.toISOString() : 'Invalid Date'}`,
    );
  }
  return fromDayNumber(ms / MS_PER_DAY);
}

/** The Date to write into a `@db.Date` column for `date`: UTC midnight of that day. */
export function calendarDateToUtcDate(date: CalendarDate): Date {
  return new Date(toDayNumber(date) * MS_PER_DAY);
}
