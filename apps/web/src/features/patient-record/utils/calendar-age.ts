import { calendarDateParts, parseCalendarDate } from '@pumpdesk/domain';

/**
 * Whole calendar months from `from` to `to` (both `YYYY-MM-DD`): 14 Mar 2022 → 13 Mar 2023 is 11, → 14
 * Mar 2023 is 12. Never negative (a date in the future counts as 0).
 */
export function monthsBetween(from: string, to: string): number {
  const a = calendarDateParts(parseCalendarDate(from));
  const b = calendarDateParts(parseCalendarDate(to));
  const months = (b.year - a.year) * 12 + (b.month - a.month) - (b.day < a.day ? 1 : 0);
  return Math.max(0, months);
}

/** Age in whole years on `today`. */
export function ageInYears(dateOfBirth: string, today: string): number {
  return Math.floor(monthsBetween(dateOfBirth, today) / 12);
}

/** "4 y 2 m", "7 m", "3 y". */
export function formatYearsMonths(months: number): string {
  const years = Math.floor(months / 12);
  const rest = months % 12;
  if (years === 0) return `${rest} m`;
  return rest === 0 ? `${years} y` : `${years} y ${rest} m`;
}

/** "5–7 y", "8 y": a battery life range from the pump catalogue. */
export function formatYearRange(minYears: number, maxYears: number): string {
  return minYears === maxYears ? `${minYears} y` : `${minYears}–${maxYears} y`;
}
