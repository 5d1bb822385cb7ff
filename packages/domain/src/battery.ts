// Battery replacement planning (docs/domain.md, "Pumps"): when the replacement window opens, when the
// pump should be replaced, and what to say once the pump reports its elective replacement indicator
// (ERI). Replacement is surgery, so the dates feed theatre planning months ahead; after ERI the pump
// stops within weeks and the patient risks baclofen withdrawal.
import {
  addDays,
  addMonths,
  type CalendarDate,
  compareCalendarDates,
  daysBetween,
  maxCalendarDate,
  minCalendarDate,
} from './calendar-date.ts';
import { formatDate, formatDays } from './explain.ts';
import { type Finding } from './findings.ts';
import { type ClinicSettings } from './settings.ts';

/**
 * How urgent the battery is, least urgent first (the order never goes backwards as time passes):
 * - `ok`: more than the lead time before the window opens.
 * - `approaching`: the window opens within the lead time (time to plan theatre).
 * - `in_window`: past the model's shortest battery life, not yet past the recommended date.
 * - `replacement_overdue`: past the recommended replacement date (critical finding).
 * - `eri_reported`: the pump itself reported ERI; it stops at end of service (critical finding).
 */
export type BatteryStatus = 'ok' | 'approaching' | 'in_window' | 'replacement_overdue' | 'eri_reported';

/** Inputs of {@link assessBattery}. */
export interface BatteryInput {
  /** The day the current pump was implanted (the battery starts then). */
  implantDate: CalendarDate;
  /**
   * The model's battery life range in years, from the maker's labelling (pump catalogue): SynchroMed II
   * 5–7 ("never beyond 7"), Prometra II over 10, Medstream about 8. Must satisfy 0 < min ≤ max.
   */
  batteryLifeMinYears: number;
  batteryLifeMaxYears: number;
  /**
   * Days from ERI to end of service for this model (SynchroMed II: 90); null when the catalogue does not
   * say, in which case `settings.eriToEndOfServiceDays` applies. A whole number ≥ 0.
   */
  eriToEndOfServiceDays: number | null;
  /** The day the pump first reported ERI (interrogation or alarm); null when it has not. */
  eriReportedDate: CalendarDate | null;
  /**
   * The day an interrogation showed end of service (pump-alarms.ts `endOfServiceReportedOn`): the pump
   * has stopped. It counts as ERI shown (the earlier of the two days), and end of service is then no
   * later than that day. Null or left out: not reported.
   */
  endOfServiceReportedDate?: CalendarDate | null;
  /** Today in the clinic's zone. */
  today: CalendarDate;
  /** Lead time (default 6 months, min 3: Medtronic / best practice) and ERI default (90 days). */
  settings: ClinicSettings['battery'];
}

/** Result of {@link assessBattery}. */
export interface BatteryAssessment {
  /** Implant + the shortest battery life: replacement is reasonable from here. */
  windowStart: CalendarDate;
  /** Implant + the longest battery life: the estimated end of life. */
  estimatedEnd: CalendarDate;
  /**
   * Without ERI: the estimated end − the lead time, never before the implant date. With ERI: the ERI
   * date itself (replace as soon as possible, and never later than end of service).
   */
  recommendedReplacement: CalendarDate;
  /** ERI + the model's days (else the setting) when ERI was reported; null otherwise. */
  endOfService: CalendarDate | null;
  /** The ERI day the assessment counts from (an end of service reported earlier counts as ERI). */
  eriReportedDate: CalendarDate | null;
  status: BatteryStatus;
  /** Days from today to the recommended replacement date; negative once it has passed. */
  daysToRecommended: number;
  /**
   * True once today is after the estimated end of life without an ERI on record: the maker's longest
   * life has passed (SynchroMed II "never beyond 7 years"), so the pump may stop at any time.
   */
  pastEstimatedEnd: boolean;
  /** One sentence with the dates, for the pump page and the manager's theatre list. */
  message: string;
  /** ERI_REPORTED or BATTERY_REPLACEMENT_OVERDUE (both critical); empty otherwise. */
  findings: Finding[];
}

/**
 * A battery life in years as whole calendar months, `Math.round(years × 12)`: catalogue figures such as
 * 5, 7 or 8.5 years are whole months, and months (not 365-day years) keep "7 years after 15 Mar 2020"
 * on 15 Mar 2027.
 */
function yearsToMonths(years: number): number {
  return Math.round(years * 12);
}

function validate(input: BatteryInput): void {
  const { batteryLifeMinYears: min, batteryLifeMaxYears: max, eriToEndOfServiceDays: eriDays } = input;
  if (!(Number.isFinite(min) && Number.isFinite(max) && min > 0 && min <= max)) {
    throw new RangeError(`Battery life must satisfy 0 < min ≤ max years, got ${min}–${max}`);
  }
  if (eriDays !== null && !(Number.isInteger(eriDays) && eriDays >= 0)) {
    throw new RangeError(`ERI to end of service must be a whole number of days ≥ 0, got ${eriDays}`);
  }
}

/**
 * Battery replacement dates and status for one pump (docs/domain.md, "Pumps"; sources: Medtronic
 * SynchroMed II replacement and alarm pages, Flowonix Prometra II brief statement, HSA notices).
 *
 * - Window start = implant + min years; estimated end = implant + max years, each converted to
 *   `Math.round(years × 12)` months and added with `addMonths`, which clamps to the end of a shorter
 *   month (31 Aug 2026 + 6 months = 28 Feb 2027; 29 Feb + 12 months = 28 Feb).
 * - Recommended replacement = estimated end − `settings.leadTimeMonths` (default 6: Medtronic advises
 *   scheduling about 6 months before shut-off; best practice at least 3, the setting's minimum), never
 *   before the implant date.
 * - Without ERI, from least to most urgent: `approaching` from window start − lead time, `in_window` from
 *   window start, `replacement_overdue` from the day after the recommended date. When the recommended
 *   date falls before the window start (a narrow life range such as 10–10 years), the window is
 *   skipped: `approaching` starts a lead time before the recommended date and goes straight to overdue.
 * - With ERI: always `eri_reported` (critical), whatever the estimate says; end of service = ERI + the
 *   model's days, else `settings.eriToEndOfServiceDays` (default 90, SynchroMed II).
 * - End of service reported by an interrogation: the pump has stopped. It counts as ERI (dated the
 *   earlier of the two days) and end of service is the earlier of the expected one and that day.
 *
 * Assumptions: the life range is the maker's, for the model; dependence on flow rate (a high-flow
 * SynchroMed II lasts nearer 5 years) is not modelled, so the estimate uses the longest life and the
 * window opens at the shortest. Pumps made before August 2011 can show early ERI (HSA notices): the ERI
 * override covers them, which is why ERI always wins over the estimate; an ERI dated before the implant
 * (a record that probably belongs to the previous pump) is still reported, loudly, rather than dropped.
 * Throws a RangeError for an invalid range (min ≤ 0, min > max, not finite) or a negative or
 * fractional ERI figure: catalogue data the database constraints already refuse.
 */
export function assessBattery(input: BatteryInput): BatteryAssessment {
  validate(input);
  const { implantDate, today, settings } = input;
  const endOfServiceReported = input.endOfServiceReportedDate ?? null;
  const eriReportedDate =
    endOfServiceReported === null
      ? input.eriReportedDate
      : minCalendarDate(endOfServiceReported, ...(input.eriReportedDate ? [input.eriReportedDate] : []));
  const lead = settings.leadTimeMonths;
  const windowStart = addMonths(implantDate, yearsToMonths(input.batteryLifeMinYears));
  const estimatedEnd = addMonths(implantDate, yearsToMonths(input.batteryLifeMaxYears));
  const plannedReplacement = maxCalendarDate(addMonths(estimatedEnd, -lead), implantDate);
  const dates: PlanDates = { windowStart, estimatedEnd, plannedReplacement, lead, implantDate };

  if (eriReportedDate !== null) {
    const eriDays = input.eriToEndOfServiceDays ?? settings.eriToEndOfServiceDays;
    const expectedEnd = addDays(eriReportedDate, eriDays);
    const endOfService =
      endOfServiceReported === null ? expectedEnd : minCalendarDate(expectedEnd, endOfServiceReported);
    const message =
      endOfServiceReported === null
        ? eriMessage(eriReportedDate, endOfService, today)
        : `End of service reported on ${formatDate(endOfServiceReported)}: the pump has stopped and no longer delivers drug (withdrawal risk); replace it now.`;
    return {
      windowStart,
      estimatedEnd,
      recommendedReplacement: eriReportedDate,
      endOfService,
      eriReportedDate,
      status: 'eri_reported',
      daysToRecommended: daysBetween(today, eriReportedDate),
      pastEstimatedEnd: false,
      message,
      findings: [
        {
          code: 'ERI_REPORTED',
          severity: 'critical',
          message,
          facts: {
            eriReportedDate,
            endOfService,
            eriToEndOfServiceDays: eriDays,
            daysToEndOfService: daysBetween(today, endOfService),
            ...(endOfServiceReported === null ? {} : { endOfServiceReportedDate: endOfServiceReported }),
          },
        },
      ],
    };
  }

  const status = statusWithoutEri(today, dates);
  const daysToRecommended = daysBetween(today, plannedReplacement);
  const pastEstimatedEnd = compareCalendarDates(today, estimatedEnd) > 0;
  const message = pastEstimatedEnd
    ? `Battery past its estimated end of life on ${formatDate(estimatedEnd)} (the maker's longest life): the pump may stop at any time; interrogate it and replace it now.`
    : planMessage(status, dates, daysToRecommended);
  const findings: Finding[] =
    status === 'replacement_overdue'
      ? [
          {
            code: 'BATTERY_REPLACEMENT_OVERDUE',
            severity: 'critical',
            message,
            facts: {
              recommendedReplacement: plannedReplacement,
              estimatedEnd,
              daysPastRecommended: -daysToRecommended,
              leadTimeMonths: lead,
              pastEstimatedEnd,
            },
          },
        ]
      : [];
  return {
    windowStart,
    estimatedEnd,
    recommendedReplacement: plannedReplacement,
    endOfService: null,
    eriReportedDate: null,
    status,
    daysToRecommended,
    pastEstimatedEnd,
    message,
    findings,
  };
}

interface PlanDates {
  implantDate: CalendarDate;
  windowStart: CalendarDate;
  estimatedEnd: CalendarDate;
  plannedReplacement: CalendarDate;
  lead: number;
}

/** The statuses an estimate alone can give (ERI comes from the pump, not from the estimate). */
type EstimateStatus = Exclude<BatteryStatus, 'eri_reported'>;

/** The thresholds are checked most urgent first, so a skipped window (recommended < start) still works. */
function statusWithoutEri(today: CalendarDate, dates: PlanDates): EstimateStatus {
  if (compareCalendarDates(today, dates.plannedReplacement) > 0) return 'replacement_overdue';
  if (compareCalendarDates(today, dates.windowStart) >= 0) return 'in_window';
  if (compareCalendarDates(today, approachingFrom(dates)) >= 0) return 'approaching';
  return 'ok';
}

/**
 * The first day of `approaching`. Planning starts a lead time before the window, or before the
 * recommended date when a narrow life range (Prometra 10–10 years) puts that first: the theatre slot
 * still gets its lead time.
 */
function approachingFrom(dates: Omit<PlanDates, 'implantDate' | 'estimatedEnd'>): CalendarDate {
  return addMonths(minCalendarDate(dates.windowStart, dates.plannedReplacement), -dates.lead);
}

/**
 * The day a battery without ERI becomes `approaching`, from an assessment's dates (the assessment's
 * recommended date is the planned one when no ERI is on record). Used where the status must be
 * decided later from stored dates (the worklist table), so the rule stays here.
 */
export function batteryApproachingFrom(
  assessment: Pick<BatteryAssessment, 'windowStart' | 'recommendedReplacement'>,
  leadTimeMonths: number,
): CalendarDate {
  return approachingFrom({
    windowStart: assessment.windowStart,
    plannedReplacement: assessment.recommendedReplacement,
    lead: leadTimeMonths,
  });
}

/** "(6 months before the estimated end of life on 3 Mar 2033)", or why the implant date is used. */
function leadClause(dates: PlanDates): string {
  const end = formatDate(dates.estimatedEnd);
  if (compareCalendarDates(addMonths(dates.estimatedEnd, -dates.lead), dates.implantDate) < 0) {
    return `(the implant date: the ${dates.lead}-month lead time is longer than the battery life to the estimated end on ${end})`;
  }
  return `(${dates.lead} months before the estimated end of life on ${end})`;
}

function planMessage(status: EstimateStatus, dates: PlanDates, daysToRecommended: number): string {
  const start = formatDate(dates.windowStart);
  const replaceBy = formatDate(dates.plannedReplacement);
  const clause = leadClause(dates);
  switch (status) {
    case 'replacement_overdue':
      return `Battery replacement overdue by ${formatDays(-daysToRecommended)}: it was due by ${replaceBy} ${clause}.`;
    case 'in_window':
      return `Battery replacement window opened ${start}; replace by ${replaceBy} ${clause}.`;
    case 'ok':
    case 'approaching':
      // A narrow life range puts the recommended date before the window would open: say so plainly.
      if (compareCalendarDates(dates.plannedReplacement, dates.windowStart) < 0) {
        return `Replace the battery by ${replaceBy} ${clause}, before the replacement window would open on ${start}.`;
      }
      return `Battery replacement window opens ${start}; replace by ${replaceBy} ${clause}.`;
  }
}

/** The ERI sentence: how long until the pump stops, or that it already has. */
function eriMessage(eri: CalendarDate, endOfService: CalendarDate, today: CalendarDate): string {
  const reported = `Elective replacement indicator (ERI) reported on ${formatDate(eri)}`;
  const left = daysBetween(today, endOfService);
  const stop = formatDate(endOfService);
  if (left > 0) {
    return `${reported}: the pump stops at end of service on ${stop} (${formatDays(left)} left); replace it as soon as possible.`;
  }
  if (left === 0) return `${reported}: the pump stops at end of service today, ${stop}; replace it now.`;
  return `${reported}: the pump stopped on ${stop} (end of service, ${formatDays(-left)} ago); replace it now.`;
}
