import {
  addDays,
  type CalendarDate,
  calendarDateInZone,
  compareCalendarDates,
  fromDayNumber,
  minCalendarDate,
  zoneOffsetMs,
} from './calendar-date.ts';
import { formatDate, formatDays, formatMl } from './explain.ts';
import { type ProjectedReservoir } from './reservoir-projection.ts';
import { type ClinicSettings } from './settings.ts';

// Refill due date = the earliest of: alarm date − safety margin, refill date + drug stability (180
// days), refill date + the clinic's maximum interval (docs/domain.md, "Refill math"). High-risk
// patients get the larger margin (docs/domain.md, "Risks": they go first and get a larger margin).

/** Which limit set the refill due date; the same words as the database's `due_date_reason`. */
export type DueDateBound = 'alarm_margin' | 'drug_stability' | 'max_interval';

export interface RefillDueDate {
  /** The refill's day in the clinic's calendar. */
  refillDate: CalendarDate;
  /** The day the alarm volume is reached, in the clinic's calendar; null when it never is. */
  alarmDate: CalendarDate | null;
  emptyDate: CalendarDate | null;
  dueDate: CalendarDate;
  boundBy: DueDateBound;
  /** The margin applied (the high-risk one for high-risk patients). */
  marginDays: number;
  /** Each limit's date (alarm − margin is null when the alarm is never reached). */
  limits: Readonly<Record<DueDateBound, CalendarDate | null>>;
  /** One sentence: the dates and numbers behind the due date. */
  message: string;
}

/**
 * The refill due date of a projected reservoir. Dates are the clinic's calendar days of the instants
 * (the alarm at 01:30 local on 14 Mar is 14 Mar, wherever the server runs). On a tie between limits
 * the first listed (alarm margin, stability, interval) is named. A stopped pump has no alarm date and
 * is bound by stability or the interval; the stop itself is a finding of the refill status.
 */
export function refillDueDate(
  projection: ProjectedReservoir,
  options: { highRisk: boolean; settings: ClinicSettings['refill']; timeZone: string },
): RefillDueDate {
  const { settings, timeZone } = options;
  const refillDate = calendarDateInZone(projection.refillAt, timeZone);
  const alarmDate = projection.alarmAt
    ? conservativeDate(projection.alarmAt, projection.refillAt, timeZone)
    : null;
  const emptyDate = projection.emptyAt
    ? conservativeDate(projection.emptyAt, projection.refillAt, timeZone)
    : null;
  const marginDays = options.highRisk ? settings.highRiskSafetyMarginDays : settings.safetyMarginDays;
  const stability = addDays(refillDate, settings.drugStabilityDays);
  const limits: Record<DueDateBound, CalendarDate | null> = {
    alarm_margin: alarmDate ? addDays(alarmDate, -marginDays) : null,
    drug_stability: stability,
    max_interval: addDays(refillDate, settings.maxIntervalDays),
  };
  let boundBy: DueDateBound = 'drug_stability';
  for (const bound of ['alarm_margin', 'drug_stability', 'max_interval'] as const) {
    const date = limits[bound];
    const best = limits[boundBy];
    if (
      date &&
      best &&
      (compareCalendarDates(date, best) < 0 || (date === best && bound === 'alarm_margin'))
    ) {
      boundBy = bound;
    }
  }
  const dueDate = limits[boundBy] ?? stability;
  const facts = { refillDate, alarmDate, dueDate, marginDays, highRisk: options.highRisk };
  return {
    refillDate,
    alarmDate,
    emptyDate,
    dueDate,
    boundBy,
    marginDays,
    limits,
    message: explainDueDate(boundBy, facts, projection, settings, timeZone),
  };
}

const MS_PER_DAY = 86_400_000;

/**
 * The clinic's day of a projected instant, or the day before when a DST change since the refill moved
 * it past midnight: a refill at 23:30 in March reaches its alarm 30 × 24 h later at 00:30 summer time,
 * and counting the worked example's 30 days from the refill must not give a due date a day later.
 * Taking the earlier of the two readings keeps every date on the safe side.
 */
function conservativeDate(instant: Date, refillAt: Date, timeZone: string): CalendarDate {
  const onRefillClock = fromDayNumber(
    Math.floor((instant.getTime() + zoneOffsetMs(refillAt, timeZone)) / MS_PER_DAY),
  );
  return minCalendarDate(calendarDateInZone(instant, timeZone), onRefillClock);
}

function explainDueDate(
  boundBy: DueDateBound,
  facts: {
    refillDate: CalendarDate;
    alarmDate: CalendarDate | null;
    dueDate: CalendarDate;
    marginDays: number;
    highRisk: boolean;
  },
  projection: ProjectedReservoir,
  settings: ClinicSettings['refill'],
  timeZone: string,
): string {
  const alarm = facts.alarmDate
    ? `Alarm on ${formatDate(facts.alarmDate)} at ${formatMl(projection.alarmVolumeMl)}`
    : projection.stoppedFrom
      ? projection.stoppedFrom.getTime() > projection.refillAt.getTime()
        ? `No alarm date: the program from ${formatDate(calendarDateInZone(projection.stoppedFrom, timeZone))} stops the pump`
        : 'No alarm date: the program in force delivers nothing'
      : 'No alarm date within 100 years at this dose';
  const margin = `the ${facts.marginDays}-day ${facts.highRisk ? 'high-risk ' : ''}margin`;
  switch (boundBy) {
    case 'alarm_margin':
      return `${alarm}; due ${formatDate(facts.dueDate)} with ${margin}.`;
    case 'drug_stability':
      return `Due ${formatDate(facts.dueDate)}: the drug may stay in the reservoir ${formatDays(
        settings.drugStabilityDays,
      )} after the refill on ${formatDate(facts.refillDate)} (${lowerFirst(alarm)}).`;
    case 'max_interval':
      return `Due ${formatDate(facts.dueDate)}: the clinic's maximum interval of ${formatDays(
        settings.maxIntervalDays,
      )} after the refill on ${formatDate(facts.refillDate)} (${lowerFirst(alarm)}).`;
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
