import {
  addDays,
  type CalendarDate,
  calendarDateInZone,
  compareCalendarDates,
  daysBetween,
  toCalendarDate,
} from '@pumpdesk/domain';
import { type PatientRecords } from './records.ts';
import { type Scenario } from './scenarios.ts';

// The states the dashboard flags on a given day, computed from a patient's generated rows. The demo
// uses them to prove every state is present and to count them for the release note. The thresholds
// are the domain doc's defaults; the real worklists will take them from the clinic's settings.

/** A review at least every 6 months (182 days) and a first review within 6 weeks of implant. */
export const REVIEW_INTERVAL_DAYS = 182;
export const FIRST_REVIEW_DAYS = 42;
/** Refills due within this many days are "due soon" and should have an appointment by the due date. */
export const DUE_SOON_DAYS = 30;
/** Battery: the replacement window opens 90 days before the replace-by date (theatre booking). */
export const BATTERY_WINDOW_DAYS = 90;
/** Battery: "approaching" once the replace-by date is within a year (the manager's 12-month view). */
export const BATTERY_APPROACHING_DAYS = 365;

export const TODAY_STATES = [
  'refillEmpty',
  'refillPastAlarm',
  'refillOverdue',
  'refillDueThisWeek',
  'refillDueIn8To30Days',
  'dueSoonBookedByDueDate',
  'dueSoonNotBookedByDueDate',
  'batteryApproachingWindow',
  'batteryInReplacementWindow',
  'batteryReplacementOverdue',
  'eriReported',
  'followUpOverdue',
  'neverReviewed',
  'firstReviewDue',
  'highRiskOverdueOrCritical',
  'withdrawalRiskFactorOverdueOrCritical',
] as const;
export type TodayState = (typeof TODAY_STATES)[number];

const asDate = (value: Date | string | null | undefined): Date | null =>
  value === null || value === undefined ? null : value instanceof Date ? value : new Date(value);

/** The flags of ONE patient's rows on `today` (site calendar); empty unless active with a pump. */
export function classifyPatient(
  records: PatientRecords,
  timeZone: string,
  today: CalendarDate,
): Set<TodayState> {
  const states = new Set<TodayState>();
  const patient = records.patients[0];
  const pump = records.pumps.find((row) => row.status === 'implanted');
  if (!patient || patient.deletedAt || patient.status !== 'active' || !pump) return states;
  const refill = refillState(pump, timeZone, today);
  if (refill) states.add(refill);
  const due = asDate(pump.refillDueDate);
  if (due && refill !== null && (refill === 'refillDueThisWeek' || refill === 'refillDueIn8To30Days')) {
    states.add(
      bookedBy(records, timeZone, today, toCalendarDate(due))
        ? 'dueSoonBookedByDueDate'
        : 'dueSoonNotBookedByDueDate',
    );
  }
  const battery = batteryState(pump, today);
  if (battery) states.add(battery);
  if (pump.eriReportedDate) states.add('eriReported');
  const review = reviewState(records, today);
  if (review) states.add(review);
  const critical = refill === 'refillOverdue' || refill === 'refillPastAlarm' || refill === 'refillEmpty';
  if (critical && patient.highRisk) states.add('highRiskOverdueOrCritical');
  if (critical && (patient.injuryAtOrAboveT6 || patient.cannotCommunicate))
    states.add('withdrawalRiskFactorOverdueOrCritical');
  return states;
}

type Pump = PatientRecords['pumps'][number];

/** Empty and past-alarm are critical (drug no longer flows or soon will); then overdue, then due soon. */
function refillState(pump: Pump, timeZone: string, today: CalendarDate): TodayState | null {
  const alarmAt = asDate(pump.alarmAt);
  const emptyAt = asDate(pump.emptyAt);
  const due = asDate(pump.refillDueDate);
  if (!alarmAt || !emptyAt || !due) return null;
  if (compareCalendarDates(calendarDateInZone(emptyAt, timeZone), today) <= 0) return 'refillEmpty';
  if (compareCalendarDates(calendarDateInZone(alarmAt, timeZone), today) <= 0) return 'refillPastAlarm';
  const days = daysBetween(today, toCalendarDate(due));
  if (days < 0) return 'refillOverdue';
  if (days <= 7) return 'refillDueThisWeek';
  if (days <= DUE_SOON_DAYS) return 'refillDueIn8To30Days';
  return null;
}

/** A booked refill appointment between today and the due date, both included, in the site's calendar. */
function bookedBy(
  records: PatientRecords,
  timeZone: string,
  today: CalendarDate,
  due: CalendarDate,
): boolean {
  return records.appointments.some((appointment) => {
    const startsAt = asDate(appointment.startsAt);
    if (appointment.kind !== 'refill' || appointment.status !== 'booked' || !startsAt) return false;
    const day = calendarDateInZone(startsAt, timeZone);
    return compareCalendarDates(day, today) >= 0 && compareCalendarDates(day, due) <= 0;
  });
}

function batteryState(pump: Pump, today: CalendarDate): TodayState | null {
  const replaceBy = asDate(pump.batteryReplaceBy);
  if (!replaceBy) return null;
  const days = daysBetween(today, toCalendarDate(replaceBy));
  if (days < 0) return 'batteryReplacementOverdue';
  if (days <= BATTERY_WINDOW_DAYS) return 'batteryInReplacementWindow';
  if (days <= BATTERY_APPROACHING_DAYS) return 'batteryApproachingWindow';
  return null;
}

function reviewState(records: PatientRecords, today: CalendarDate): TodayState | null {
  const visitDays = records.followUpVisits.map((visit) =>
    toCalendarDate(asDate(visit.visitDate) ?? new Date(NaN)),
  );
  const last = visitDays.sort(compareCalendarDates).at(-1);
  if (last) return daysBetween(last, today) > REVIEW_INTERVAL_DAYS ? 'followUpOverdue' : null;
  const implants = records.pumps.map((row) => toCalendarDate(asDate(row.implantDate) ?? new Date(NaN)));
  const firstImplant = implants.sort(compareCalendarDates)[0];
  if (!firstImplant) return null;
  return compareCalendarDates(addDays(firstImplant, FIRST_REVIEW_DAYS), today) < 0
    ? 'neverReviewed'
    : 'firstReviewDue';
}

/** Whether a patient built for `scenario` is in it (the generator retries until it is). */
export function satisfiesScenario(
  scenario: Scenario,
  states: ReadonlySet<TodayState>,
  records: PatientRecords,
): boolean {
  const patient = records.patients[0];
  if (!patient) return false;
  const refillBooked = records.appointments.some((row) => row.kind === 'refill' && row.status === 'booked');
  switch (scenario) {
    case 'refill_overdue':
      return states.has('refillOverdue');
    case 'refill_overdue_high_risk':
      return states.has('refillOverdue') && states.has('highRiskOverdueOrCritical');
    case 'refill_overdue_booked':
      return states.has('refillOverdue') && refillBooked;
    case 'past_alarm_high_cord_injury':
      return states.has('refillPastAlarm') && patient.injuryAtOrAboveT6 === true;
    case 'past_alarm_cannot_communicate':
      return states.has('refillPastAlarm') && patient.cannotCommunicate === true;
    case 'reservoir_empty':
      return states.has('refillEmpty');
    case 'due_this_week_booked':
      return states.has('refillDueThisWeek') && states.has('dueSoonBookedByDueDate');
    case 'due_this_week_not_booked':
      return states.has('refillDueThisWeek') && states.has('dueSoonNotBookedByDueDate');
    case 'due_in_month_booked':
      return states.has('refillDueIn8To30Days') && states.has('dueSoonBookedByDueDate');
    case 'due_in_month_not_booked':
      return states.has('refillDueIn8To30Days') && states.has('dueSoonNotBookedByDueDate');
    case 'battery_approaching':
      return states.has('batteryApproachingWindow');
    case 'battery_in_window':
      return states.has('batteryInReplacementWindow');
    case 'battery_overdue':
      return states.has('batteryReplacementOverdue');
    case 'eri_reported':
      return states.has('eriReported');
    case 'follow_up_overdue':
      return states.has('followUpOverdue');
    case 'never_reviewed':
      return states.has('neverReviewed');
    case 'first_review_due':
      return states.has('firstReviewDue');
    case 'soft_deleted':
      return patient.deletedAt !== null && patient.deletedAt !== undefined;
    default:
      return patient.status === scenario.slice('status_'.length);
  }
}
