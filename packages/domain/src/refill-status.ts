import { type CalendarDate, calendarDateInZone, compareCalendarDates, daysBetween } from './calendar-date.ts';
import { type DoseProgram } from './dose-program.ts';
import { formatDate, formatDays, formatMl } from './explain.ts';
import { type Finding, sortFindings } from './findings.ts';
import { type PumpAlarmInForce, pumpAlarmFinding } from './pump-alarms.ts';
import { refillDueDate, type RefillDueDate } from './refill-due-date.ts';
import {
  type ProjectedReservoir,
  type ProjectionSegment,
  projectReservoir,
  type RefillPoint,
  type ReservoirProjection,
  segmentAt,
  volumeAt,
} from './reservoir-projection.ts';
import { type ClinicSettings } from './settings.ts';

// Where a pump stands today (docs/domain.md, "Refill math" and "Risks"): critical once the alarm
// date has passed or the reservoir is empty (withdrawal risk), overdue past the due date, due soon and
// upcoming within the clinic's horizons, and whether a refill is booked by the due date.

export type RefillStatus = 'critical' | 'unknown' | 'overdue' | 'due_soon' | 'upcoming' | 'ok';

/** An appointment as the refill status needs it: only booked refill appointments count. */
export interface AppointmentSlot {
  kind: 'refill' | 'follow_up' | 'replacement_consult' | 'surgery';
  status: 'booked' | 'done' | 'cancelled' | 'no_show';
  startsAt: Date;
}

export interface RefillAssessmentInput {
  now: Date;
  timeZone: string;
  settings: ClinicSettings;
  /** Explicit flag or a withdrawal-risk factor (see patient-risk.ts): the larger margin applies. */
  highRisk: boolean;
  lastRefill: RefillPoint | null;
  programs: readonly DoseProgram[];
  /** The pump's override, else the model's default (mL). */
  alarmVolumeMl: number;
  /** The patient's appointments, any kind and status (only booked refills count). */
  appointments: readonly AppointmentSlot[];
  /**
   * A stopping alarm the pump's latest interrogation showed (pump-alarms.ts `pumpAlarmInForce`):
   * critical from the interrogation on, whatever the projection says. Null or left out: none.
   */
  pumpAlarm?: PumpAlarmInForce | null;
}

export interface RefillAssessment {
  status: RefillStatus;
  /** Today in the clinic's calendar. */
  today: CalendarDate;
  projection: ReservoirProjection;
  due: RefillDueDate | null;
  /** Projected volume now (mL); null when unknown. */
  volumeNowMl: number | null;
  /** Days from today to the due date (negative when overdue); null when unknown. */
  daysUntilDue: number | null;
  /** The first booked refill appointment from today on, in the clinic's calendar. */
  nextBookedRefill: CalendarDate | null;
  /** One sentence: the status and the dates behind it. */
  message: string;
  findings: Finding[];
}

/**
 * Assesses a pump's reservoir at `now`. Status, most urgent first: critical (the alarm volume has been
 * reached, the reservoir is empty, the program in force delivers nothing, or the latest interrogation
 * showed a stopping alarm — the only critical cause that also applies when the reservoir cannot be
 * projected: withdrawal risk), unknown
 * (no refill or no program on record: nobody can say when it empties), overdue (today after the due
 * date), due soon (within `dueSoonDays`), upcoming (within `upcomingDays`), ok. Any status but ok also
 * gets the finding "no refill booked on or before the due date" when no booked refill appointment
 * falls between today and the due date (or today, once that has passed).
 */
export function assessRefill(input: RefillAssessmentInput): RefillAssessment {
  const today = calendarDateInZone(input.now, input.timeZone);
  const projection = projectReservoir(input);
  const nextBookedRefill = firstBookedRefill(input.appointments, today, input.timeZone);
  const alarm =
    input.pumpAlarm && input.pumpAlarm.at.getTime() <= input.now.getTime() ? input.pumpAlarm : null;
  const alarmFindings = alarm ? [pumpAlarmFinding(alarm, input.timeZone)] : [];
  if (projection.kind === 'unknown') {
    // A pump that reported it stopped is critical even when nobody can project its reservoir.
    const unknown = unknownFinding(projection.reason);
    const findings = [...alarmFindings, unknown];
    return {
      status: alarm ? 'critical' : 'unknown',
      today,
      projection,
      due: null,
      volumeNowMl: null,
      daysUntilDue: null,
      nextBookedRefill,
      message: (alarmFindings[0] ?? unknown).message,
      findings,
    };
  }
  const due = refillDueDate(projection, {
    highRisk: input.highRisk,
    settings: input.settings.refill,
    timeZone: input.timeZone,
  });
  const daysUntilDue = daysBetween(today, due.dueDate);
  const findings = [...alarmFindings, ...reservoirFindings(projection, due, input.now, input.timeZone)];
  const status = statusOf(findings, daysUntilDue, input.settings.refill);
  if (status !== 'ok' && !bookedBy(nextBookedRefill, due.dueDate, today)) {
    findings.push(noAppointmentFinding(due, nextBookedRefill, today));
  }
  return {
    status,
    today,
    projection,
    due,
    volumeNowMl: volumeAt(projection, input.now),
    daysUntilDue,
    nextBookedRefill,
    message: statusMessage(status, findings, due, daysUntilDue),
    findings: sortFindings(findings),
  };
}

/** The critical finding when the reservoir cannot be projected (no refill or no program on record). */
export function unknownFinding(reason: 'no_refill' | 'no_program'): Finding {
  return reason === 'no_refill'
    ? {
        code: 'NO_REFILL_ON_RECORD',
        severity: 'critical',
        message:
          'No refill is on record for this pump, so nobody can say when it runs empty: record the last fill.',
      }
    : {
        code: 'NO_PROGRAM_ON_RECORD',
        severity: 'critical',
        message:
          'No dose program is on record for this pump, so the reservoir cannot be projected: record the program.',
      };
}

/** Critical findings (empty, past alarm, stopped) and the overdue one. */
function reservoirFindings(
  projection: ProjectedReservoir,
  due: RefillDueDate,
  now: Date,
  timeZone: string,
): Finding[] {
  const findings: Finding[] = [];
  const today = calendarDateInZone(now, timeZone);
  const nowMs = now.getTime();
  if (projection.emptyAt && due.emptyDate && projection.emptyAt.getTime() <= nowMs) {
    findings.push({
      code: 'RESERVOIR_EMPTY',
      severity: 'critical',
      message: `Reservoir projected empty since ${formatDate(due.emptyDate)}: withdrawal risk, refill today.`,
      facts: { emptyDate: due.emptyDate },
    });
  } else if (projection.alarmAt && due.alarmDate && projection.alarmAt.getTime() <= nowMs) {
    findings.push({
      code: 'PAST_ALARM',
      severity: 'critical',
      message: `Low-reservoir alarm (${formatMl(projection.alarmVolumeMl)}) reached on ${formatDate(
        due.alarmDate,
      )}${due.emptyDate ? `; empty by ${formatDate(due.emptyDate)}` : ''}: refill now.`,
      facts: { alarmDate: due.alarmDate, emptyDate: due.emptyDate },
    });
  }
  const inForce = segmentAt(projection, now);
  if (inForce && inForce.weeklyVolumeMl === 0) {
    const since = calendarDateInZone(stoppedSince(projection, inForce), timeZone);
    findings.push({
      code: 'PUMP_STOPPED',
      severity: 'critical',
      message: `The program in force since ${formatDate(
        since,
      )} delivers no drug: the pump is stopped (withdrawal risk unless intended); check the program.`,
      facts: { stoppedSince: since },
    });
  } else if (projection.stoppedFrom && projection.stoppedFrom.getTime() > nowMs) {
    const from = calendarDateInZone(projection.stoppedFrom, timeZone);
    findings.push({
      code: 'PUMP_STOPPED',
      severity: 'warning',
      message: `A program taking effect on ${formatDate(from)} stops the pump: withdrawal risk unless intended.`,
      facts: { stopsOn: from },
    });
  }
  const overdueDays = daysBetween(due.dueDate, today);
  if (overdueDays > 0) {
    findings.push({
      code: 'REFILL_OVERDUE',
      severity: 'warning',
      message: `Refill overdue by ${formatDays(overdueDays)} (due ${formatDate(due.dueDate)}).`,
      facts: { dueDate: due.dueDate, overdueDays },
    });
  }
  return findings;
}

/** The start of the unbroken run of stopped programs the in-force one belongs to (two stops in a row: the first). */
function stoppedSince(projection: ProjectedReservoir, inForce: ProjectionSegment): Date {
  const segments = projection.segments;
  let index = segments.findIndex((segment) => segment.from.getTime() === inForce.from.getTime());
  while (index > 0 && segments[index - 1]?.weeklyVolumeMl === 0) index -= 1;
  return segments[index]?.from ?? inForce.from;
}

function statusOf(
  findings: readonly Finding[],
  daysUntilDue: number,
  settings: ClinicSettings['refill'],
): RefillStatus {
  if (findings.some((finding) => finding.severity === 'critical')) return 'critical';
  if (daysUntilDue < 0) return 'overdue';
  if (daysUntilDue <= settings.dueSoonDays) return 'due_soon';
  if (daysUntilDue <= settings.upcomingDays) return 'upcoming';
  return 'ok';
}

function firstBookedRefill(
  appointments: readonly AppointmentSlot[],
  today: CalendarDate,
  timeZone: string,
): CalendarDate | null {
  const days = appointments
    .filter(
      (slot) =>
        slot.kind === 'refill' && slot.status === 'booked' && Number.isFinite(slot.startsAt.getTime()),
    )
    .map((slot) => calendarDateInZone(slot.startsAt, timeZone))
    .filter((day) => compareCalendarDates(day, today) >= 0)
    .sort(compareCalendarDates);
  return days[0] ?? null;
}

/** Booked on a day from today up to the due date (or today itself, once the due date has passed). */
function bookedBy(next: CalendarDate | null, dueDate: CalendarDate, today: CalendarDate): boolean {
  if (!next) return false;
  const limit = compareCalendarDates(dueDate, today) < 0 ? today : dueDate;
  return compareCalendarDates(next, limit) <= 0;
}

function noAppointmentFinding(due: RefillDueDate, next: CalendarDate | null, today: CalendarDate): Finding {
  const late = next ? daysBetween(due.dueDate, next) : null;
  const overdue = compareCalendarDates(due.dueDate, today) < 0;
  const booked =
    next && late !== null
      ? `the next one is on ${formatDate(next)}, ${formatDays(late)} after the due date`
      : 'none is booked';
  return {
    code: 'NO_APPOINTMENT_BY_DUE_DATE',
    severity: 'warning',
    message: overdue
      ? `No refill booked for today although it was due ${formatDate(due.dueDate)}; ${booked}.`
      : `No refill booked on or before the due date ${formatDate(due.dueDate)}; ${booked}.`,
    facts: { dueDate: due.dueDate, nextBookedRefill: next },
  };
}

function statusMessage(
  status: RefillStatus,
  findings: readonly Finding[],
  due: RefillDueDate,
  daysUntilDue: number,
): string {
  switch (status) {
    case 'critical':
    case 'unknown':
      return sortFindings(findings)[0]?.message ?? due.message;
    case 'overdue':
      return `Overdue by ${formatDays(-daysUntilDue)}. ${due.message}`;
    case 'due_soon':
    case 'upcoming':
    case 'ok':
      return daysUntilDue === 0
        ? `Due today. ${due.message}`
        : `Due in ${formatDays(daysUntilDue)}. ${due.message}`;
  }
}
