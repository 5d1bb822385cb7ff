import { TZDate, tzOffset } from '@date-fns/tz';
import { isCalendarDate } from '@pumpdesk/domain';
import { format } from 'date-fns';

// Forms ask for a day and a time on the site's wall clock (a nurse in London recording a refill for a
// clinic in New York types New York time); the API takes an instant. Never the browser's zone.
//
// The conversion does not rely on `new TZDate(y, m, d, h, min, zone)`: for a time the clocks skip it
// silently moves the time, and for a time the clocks repeat the instant it picks depends on the
// browser's own zone. Here every instant the wall time can name is found and read back.

export type WallTimeResult =
  | {
      ok: true;
      /** The instant; for a repeated (ambiguous) wall time, the earlier of the two. */
      instant: Date;
      /** Present only when the clocks went back and the wall time happens twice that day. */
      ambiguous?: { earlier: Date; later: Date };
    }
  | { ok: false; reason: 'invalid' | 'nonexistent' };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * The instant at which the wall clock in `timeZone` shows `date` (`YYYY-MM-DD`) and `time` (`HH:mm`).
 * A time the clocks skip (02:30 on a spring-forward night) does not exist there: `nonexistent`, never
 * moved. A time the clocks repeat (01:30 on a fall-back night) names two instants: the earlier is
 * returned, and both are given in `ambiguous` so the caller can say so.
 */
export function wallTimeToInstant(date: string, time: string, timeZone: string): WallTimeResult {
  const dateParts = DATE.exec(date);
  const timeParts = TIME.exec(time);
  if (!dateParts || !timeParts || !isCalendarDate(date)) return { ok: false, reason: 'invalid' };
  // The wall time read as if it were UTC (setUTCFullYear: Date.UTC maps years 0–99 to 1900–1999).
  const asUtc = new Date(0);
  asUtc.setUTCFullYear(Number(dateParts[1]), Number(dateParts[2]) - 1, Number(dateParts[3]));
  asUtc.setUTCHours(Number(timeParts[1]), Number(timeParts[2]), 0, 0);
  const wall = asUtc.getTime();
  // The zone's offsets from a day before to a day after: every offset in force around that wall time
  // (zones change their offset at most once in a day). Each gives a candidate instant.
  const offsets = new Set([-DAY_MS, 0, DAY_MS].map((shift) => tzOffset(timeZone, new Date(wall + shift))));
  if ([...offsets].some((offset) => !Number.isFinite(offset))) return { ok: false, reason: 'invalid' };
  const instants = [...offsets]
    .map((offset) => wall - offset * MINUTE_MS)
    // Read back on the same wall clock: a candidate whose offset is not in force there comes back different.
    .filter((candidate) => {
      const back = instantToWallTime(new Date(candidate), timeZone);
      return back.date === date && back.time === time;
    })
    .sort((a, b) => a - b);
  const [first] = instants;
  const last = instants.at(-1);
  if (first === undefined || last === undefined) return { ok: false, reason: 'nonexistent' };
  if (first === last) return { ok: true, instant: new Date(first) };
  return {
    ok: true,
    instant: new Date(first),
    ambiguous: { earlier: new Date(first), later: new Date(last) },
  };
}

/** The day and time an instant shows on the wall clock in `timeZone`. */
export function instantToWallTime(instant: Date, timeZone: string): { date: string; time: string } {
  const zoned = new TZDate(instant.getTime(), timeZone);
  return { date: format(zoned, 'yyyy-MM-dd'), time: format(zoned, 'HH:mm') };
}
