// The refill formulas of docs/domain.md ("Refill math"), for one constant dose program between two
// refills. Clinic thresholds arrive as arguments; the defaults here are the domain doc's defaults.
import { addDays, type CalendarDate, compareCalendarDates } from './calendar-date.ts';

/** Default days between the alarm date and the due date (domain doc: 4; clinics use 3–5). */
export const DEFAULT_SAFETY_MARGIN_DAYS = 4;
/** Longest time baclofen may stay in the reservoir (drug labels): a hard ceiling on the interval. */
export const DRUG_STABILITY_DAYS = 180;

/** Which limit set the refill due date; the same words as the database's `due_date_reason`. */
export type DueDateBound = 'alarm_margin' | 'drug_stability' | 'max_interval';

/**
 * Daily volume (mL/day) = daily dose (mcg/day) ÷ concentration (mcg/mL).
 * Throws a RangeError for a concentration that is not positive or a negative dose.
 */
export function dailyVolumeMl(dailyDoseMcg: number, concentrationMcgPerMl: number): number {
  if (!(concentrationMcgPerMl > 0))
    throw new RangeError(`Concentration must be positive: ${concentrationMcgPerMl}`);
  if (!(dailyDoseMcg >= 0)) throw new RangeError(`Daily dose must not be negative: ${dailyDoseMcg}`);
  return dailyDoseMcg / concentrationMcgPerMl;
}

/**
 * Days (fractional) until the reservoir falls from `volumeNowMl` to `targetMl` at `dailyVolumeMl`.
 * 0 when it is already at or below the target; Infinity when nothing flows (rate 0).
 */
export function daysToVolume(volumeNowMl: number, targetMl: number, dailyVolumeMl: number): number {
  if (!(dailyVolumeMl >= 0)) throw new RangeError(`Daily volume must not be negative: ${dailyVolumeMl}`);
  if (volumeNowMl <= targetMl) return 0;
  if (dailyVolumeMl === 0) return Infinity;
  return (volumeNowMl - targetMl) / dailyVolumeMl;
}

/** Inputs of {@link simpleRefillDueDate}. */
export interface SimpleRefillInput {
  /** The day of the refill, in the site's calendar. */
  refillDate: CalendarDate;
  /** Volume in the reservoir after the fill (mL). */
  volumeAfterMl: number;
  /** Low-reservoir alarm volume (mL): the model's default or the pump's override. */
  alarmVolumeMl: number;
  dailyDoseMcg: number;
  concentrationMcgPerMl: number;
  /** Days before the alarm date the refill is due (default 4). */
  safetyMarginDays?: number;
  /** Drug stability ceiling (default 180 days). */
  drugStabilityDays?: number;
  /** The clinic's maximum refill interval in days; omitted when the clinic sets none. */
  maxIntervalDays?: number;
}

/** Result of {@link simpleRefillDueDate}. */
export interface SimpleRefillProjection {
  /** Fractional days from the refill to the alarm volume / to empty (Infinity when the rate is 0). */
  daysToAlarm: number;
  daysToEmpty: number;
  /** Day the alarm volume is reached; null when nothing flows. */
  alarmDate: CalendarDate | null;
  /** Day the reservoir runs empty; null when nothing flows. */
  emptyDate: CalendarDate | null;
  /** The earliest of alarm − margin, refill + stability, refill + maximum interval. */
  dueDate: CalendarDate;
  /** Which of the three limits gave the due date (the first listed wins a tie). */
  boundBy: DueDateBound;
}

/**
 * The refill due date for ONE constant program from the refill onwards (domain doc, "Refill math"):
 * alarm date = refill + (volume after − alarm volume) ÷ daily volume; empty date = refill + volume
 * after ÷ daily volume; due = the earliest of alarm − safety margin, refill + drug stability, refill
 * + maximum interval. Fractional days are rounded down (counted from the start of the refill day),
 * which errs towards an earlier date.
 *
 * Limitation: a program change between refills changes the daily volume from that moment; a later
 * issue generalises this to integrate over the programs in force. Use this only when one program runs
 * for the whole interval.
 */
export function simpleRefillDueDate(input: SimpleRefillInput): SimpleRefillProjection {
  const { refillDate, volumeAfterMl, alarmVolumeMl } = input;
  const margin = input.safetyMarginDays ?? DEFAULT_SAFETY_MARGIN_DAYS;
  const rate = dailyVolumeMl(input.dailyDoseMcg, input.concentrationMcgPerMl);
  const daysToAlarm = daysToVolume(volumeAfterMl, alarmVolumeMl, rate);
  const daysToEmpty = daysToVolume(volumeAfterMl, 0, rate);
  const alarmDate = Number.isFinite(daysToAlarm) ? addDays(refillDate, Math.floor(daysToAlarm)) : null;
  const emptyDate = Number.isFinite(daysToEmpty) ? addDays(refillDate, Math.floor(daysToEmpty)) : null;

  const limits: { bound: DueDateBound; date: CalendarDate }[] = [];
  if (alarmDate) limits.push({ bound: 'alarm_margin', date: addDays(alarmDate, -margin) });
  limits.push({
    bound: 'drug_stability',
    date: addDays(refillDate, input.drugStabilityDays ?? DRUG_STABILITY_DAYS),
  });
  if (input.maxIntervalDays !== undefined) {
    limits.push({ bound: 'max_interval', date: addDays(refillDate, input.maxIntervalDays) });
  }
  const earliest = limits.reduce((best, limit) =>
    compareCalendarDates(limit.date, best.date) < 0 ? limit : best,
  );
  return { daysToAlarm, daysToEmpty, alarmDate, emptyDate, dueDate: earliest.date, boundBy: earliest.bound };
}
