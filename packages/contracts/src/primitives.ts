import { z } from 'zod';

/**
 * The dates the clinical record holds: from 1900-01-01 to 2200-12-31. Wider than any date of birth,
 * implant or appointment, narrow enough that every one fits the database's columns (year 0000 does not
 * exist in PostgreSQL) and the engine's arithmetic. Out of the range: a field error `out_of_range`.
 */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2200-12-31';
const EARLIEST_MS = Date.parse(`${EARLIEST_DATE}T00:00:00.000Z`);
const LATEST_MS = Date.parse(`${LATEST_DATE}T23:59:59.999Z`);

const outOfRange = {
  message: `Must be between ${EARLIEST_DATE} and ${LATEST_DATE}`,
  params: { code: 'out_of_range' },
};

/**
 * A calendar date, `YYYY-MM-DD`: a day in the clinic's calendar (date of birth, implant date, due
 * date), not an instant. Rejects impossible dates such as 2027-02-30 and dates out of the record's range.
 */
export const calendarDateSchema = z.iso
  .date()
  .refine((date) => date >= EARLIEST_DATE && date <= LATEST_DATE, outOfRange);
export type CalendarDateString = z.infer<typeof calendarDateSchema>;

/** An instant, ISO 8601 with an explicit offset (`2027-03-14T09:30:00.000Z`), within the record's range. */
export const instantSchema = z.iso.datetime({ offset: true }).refine((instant) => {
  const ms = Date.parse(instant);
  return ms >= EARLIEST_MS && ms <= LATEST_MS;
}, outOfRange);

export const uuidSchema = z.uuid();

/** Free text typed by people: trimmed, never empty. */
export const nonEmptyTextSchema = (max: number) => z.string().trim().min(1).max(max);

/** True when `value` has at most `places` decimal places (what a NUMERIC(p, places) column keeps). */
export function fitsDecimalPlaces(value: number, places: number): boolean {
  return Number(value.toFixed(places)) === value;
}

/**
 * A decimal stored in a NUMERIC column with `places` decimals: more places are refused rather than
 * rounded by the database (0.0004 mcg/day judged as a dose, stored as 0.000: a stopped pump).
 */
export function decimalPlacesCheck(places: number) {
  return {
    check: (value: number) => fitsDecimalPlaces(value, places),
    issue: {
      message: `At most ${places} decimal places (the record keeps no more)`,
      params: { code: 'too_many_decimals' },
    },
  };
}

/** `schema` refined to at most `places` decimal places (decimalPlacesCheck). */
export function withDecimalPlaces<S extends z.ZodType<number>>(schema: S, places: number) {
  const { check, issue } = decimalPlacesCheck(places);
  return schema.refine(check, issue);
}
