import { type BatteryStatus } from './battery.ts';
import { type CalendarDate, daysBetween } from './calendar-date.ts';
import { formatDate, formatDays } from './explain.ts';
import { type FollowUpStatus } from './follow-up.ts';
import { pumpAlarmMessage, type StoppingAlarm } from './pump-alarms.ts';
import { type RefillStatus, unknownFinding } from './refill-status.ts';

// One sentence per worklist entry, from the stored schedule (pump-schedule.ts) and today's status:
// the same facts the patient page explains, short enough for a row. Wording follows explain.ts.

export interface RefillEntryFacts {
  status: RefillStatus;
  today: CalendarDate;
  /** Null when the reservoir cannot be projected. */
  projection: 'projected' | 'no_refill' | 'no_program';
  dueDate: CalendarDate | null;
  alarmDate: CalendarDate | null;
  emptyDate: CalendarDate | null;
  /**
   * For critical entries: what made it critical and since when. A stopping alarm at an interrogation
   * (`pump_alarm`) names its alarms and the interrogation's day, and wins over the reservoir's causes:
   * the pump has stopped whatever the reservoir holds.
   */
  critical:
    | { cause: 'empty' | 'alarm' | 'stopped'; since: CalendarDate }
    | { cause: 'pump_alarm'; since: CalendarDate; alarms: readonly StoppingAlarm[]; reportedOn: CalendarDate }
    | null;
  nextBookedRefill: CalendarDate | null;
  noAppointmentByDueDate: boolean;
}

export function refillEntryMessage(facts: RefillEntryFacts): string {
  if (facts.status === 'critical' && facts.critical?.cause === 'pump_alarm') {
    const unknown = facts.projection === 'projected' ? '' : ` ${unknownFinding(facts.projection).message}`;
    return pumpAlarmMessage(facts.critical.alarms, facts.critical.reportedOn) + unknown;
  }
  if (facts.projection !== 'projected') return unknownFinding(facts.projection).message;
  const booking = facts.noAppointmentByDueDate
    ? facts.nextBookedRefill
      ? ` Next refill booked ${formatDate(facts.nextBookedRefill)}, after the due date.`
      : ' No refill booked.'
    : facts.nextBookedRefill
      ? ` Refill booked ${formatDate(facts.nextBookedRefill)}.`
      : '';
  const due = facts.dueDate;
  if (facts.status === 'critical' && facts.critical) {
    const { cause, since } = facts.critical;
    const head =
      cause === 'empty'
        ? `Reservoir projected empty since ${formatDate(since)}: withdrawal risk, refill today.`
        : cause === 'alarm'
          ? `Low-reservoir alarm reached on ${formatDate(since)}${
              facts.emptyDate ? `; empty by ${formatDate(facts.emptyDate)}` : ''
            }: refill now.`
          : `Pump stopped since ${formatDate(since)} (the program delivers no drug): check the program.`;
    return head + booking;
  }
  if (!due) return booking.trim();
  const days = daysBetween(facts.today, due);
  const alarm = facts.alarmDate ? ` (alarm ${formatDate(facts.alarmDate)})` : '';
  const head =
    days < 0
      ? `Overdue by ${formatDays(-days)}: due ${formatDate(due)}${alarm}.`
      : days === 0
        ? `Due today${alarm}.`
        : `Due in ${formatDays(days)} on ${formatDate(due)}${alarm}.`;
  return head + booking;
}

export interface BatteryEntryFacts {
  status: BatteryStatus;
  today: CalendarDate;
  windowStart: CalendarDate;
  recommendedReplacement: CalendarDate;
  estimatedEnd: CalendarDate;
  endOfService: CalendarDate | null;
  eriReportedDate: CalendarDate | null;
  pastEstimatedEnd: boolean;
}

export function batteryEntryMessage(facts: BatteryEntryFacts): string {
  switch (facts.status) {
    case 'eri_reported':
      return `ERI reported on ${formatDate(facts.eriReportedDate ?? facts.recommendedReplacement)}: replace before end of service on ${formatDate(
        facts.endOfService ?? facts.recommendedReplacement,
      )}.`;
    case 'replacement_overdue':
      return facts.pastEstimatedEnd
        ? `Past the estimated end of life on ${formatDate(facts.estimatedEnd)}: the pump may stop at any time; replace now.`
        : `Replacement overdue by ${formatDays(daysBetween(facts.recommendedReplacement, facts.today))}: recommended by ${formatDate(
            facts.recommendedReplacement,
          )}.`;
    case 'in_window':
      return `In the replacement window since ${formatDate(facts.windowStart)}: replace by ${formatDate(
        facts.recommendedReplacement,
      )}.`;
    case 'approaching':
      return `Plan the replacement: window opens ${formatDate(facts.windowStart)}, replace by ${formatDate(
        facts.recommendedReplacement,
      )}.`;
    case 'ok':
      return `Battery fine: replace by ${formatDate(facts.recommendedReplacement)}.`;
  }
}

export interface FollowUpEntryFacts {
  status: FollowUpStatus;
  today: CalendarDate;
  lastReview: CalendarDate | null;
  nextReviewDue: CalendarDate;
}

export function followUpEntryMessage(facts: FollowUpEntryFacts): string {
  const days = daysBetween(facts.today, facts.nextReviewDue);
  const last = facts.lastReview ? `; last review ${formatDate(facts.lastReview)}` : '';
  switch (facts.status) {
    case 'never_reviewed':
      return `Never reviewed: the first review after the implant was due by ${formatDate(facts.nextReviewDue)}.`;
    case 'overdue':
      return `Review overdue by ${formatDays(-days)}: due ${formatDate(facts.nextReviewDue)}${last}.`;
    case 'due_soon':
    case 'ok':
      return days === 0
        ? `Review due today${last}.`
        : `Review due in ${formatDays(days)} on ${formatDate(facts.nextReviewDue)}${last}.`;
  }
}
