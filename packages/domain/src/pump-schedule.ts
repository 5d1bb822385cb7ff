import { type ImplantedPumpFacts, alarmVolumeOf, pumpAlarmOf } from './assess-patient.ts';
import { assessBattery, batteryApproachingFrom, type BatteryStatus } from './battery.ts';
import {
  addDays,
  type CalendarDate,
  calendarDateInZone,
  compareCalendarDates,
  maxCalendarDate,
} from './calendar-date.ts';
import { type CriticalPeriod, criticalPeriodAt, criticalPeriodsOf } from './critical-periods.ts';
import { assessFollowUp, type FollowUpStatus } from './follow-up.ts';
import { endOfServiceReportedOn, type PumpAlarmInForce } from './pump-alarms.ts';
import { withdrawalRisk, type WithdrawalRiskFactors } from './patient-risk.ts';
import { type DueDateBound, refillDueDate } from './refill-due-date.ts';
import { type AppointmentSlot, type RefillStatus } from './refill-status.ts';
import { projectReservoir } from './reservoir-projection.ts';
import { type ClinicSettings } from './settings.ts';

// A pump's dates that do not depend on today: what the worklist table stores per implanted pump, so a
// worklist is an index range scan instead of running the engine over every patient per request. The
// statuses are then read off these dates for any `now` by `scheduleStatusOn` (and by the same
// comparisons in SQL, packages/db/src/worklists). A property test holds both to `assessPatient`.

export interface PumpSchedule {
  /** Explicit flag or a withdrawal-risk factor: the larger margin applies and the entry goes first. */
  highRisk: boolean;
  /**
   * The stopping alarm the latest interrogation showed (motor stall, critical error, end of service,
   * empty reservoir not refilled since): critical from its instant on, for good (critical-periods.ts).
   */
  pumpAlarm: PumpAlarmInForce | null;
  refill:
    | {
        state: 'no_refill' | 'no_program';
        /** Only a stopping alarm makes a pump that cannot be projected critical. */
        criticalPeriods: CriticalPeriod[];
      }
    | {
        state: 'projected';
        /**
         * When the refill status is `critical`: from the alarm (or empty) instant on, while a program
         * that delivers nothing is in force, and from a stopping alarm at an interrogation on. Merged
         * and in order (criticalPeriodsOf).
         */
        criticalPeriods: CriticalPeriod[];
        alarmAt: Date | null;
        emptyAt: Date | null;
        alarmDate: CalendarDate | null;
        emptyDate: CalendarDate | null;
        dueDate: CalendarDate;
        dueBoundBy: DueDateBound;
        marginDays: number;
        /** First day of `due_soon` (due − dueSoonDays) and of `upcoming` (due − upcomingDays). */
        dueSoonFrom: CalendarDate;
        upcomingFrom: CalendarDate;
      };
  /** Days (site calendar) of booked refill appointments, ascending: "booked by the due date?". */
  bookedRefillDates: CalendarDate[];
  battery: {
    windowStart: CalendarDate;
    recommendedReplacement: CalendarDate;
    estimatedEnd: CalendarDate;
    endOfService: CalendarDate | null;
    eriReportedDate: CalendarDate | null;
    /** First day of `approaching` (meaningless once ERI is reported: then always `eri_reported`). */
    approachingFrom: CalendarDate;
  };
  /** Null when nothing is to follow up (see assessFollowUp). */
  followUp: {
    lastReview: CalendarDate | null;
    nextReviewDue: CalendarDate;
    dueSoonFrom: CalendarDate;
  } | null;
}

export interface PumpScheduleInput {
  timeZone: string;
  settings: ClinicSettings;
  patient: WithdrawalRiskFactors;
  pump: ImplantedPumpFacts;
  /**
   * Days of the visits that count as reviews. Reviews are recorded after they happen (the API refuses
   * future visit dates), so every one counts as a past review here.
   */
  reviewDates: readonly CalendarDate[];
  appointments: readonly AppointmentSlot[];
}

/** The pump's time-independent dates, computed by the same engine functions `assessPatient` uses. */
export function pumpSchedule(input: PumpScheduleInput): PumpSchedule {
  const { pump, settings, timeZone } = input;
  const highRisk = withdrawalRisk(input.patient).highRisk;
  const projection = projectReservoir({
    lastRefill: pump.lastRefill,
    programs: pump.programs,
    alarmVolumeMl: alarmVolumeOf(pump),
    timeZone,
  });
  const pumpAlarm = pumpAlarmOf(pump);
  const criticalPeriods = criticalPeriodsOf(projection, pumpAlarm);
  let refill: PumpSchedule['refill'];
  if (projection.kind === 'unknown') {
    refill = { state: projection.reason, criticalPeriods };
  } else {
    const due = refillDueDate(projection, { highRisk, settings: settings.refill, timeZone });
    refill = {
      state: 'projected',
      criticalPeriods,
      alarmAt: projection.alarmAt,
      emptyAt: projection.emptyAt,
      alarmDate: due.alarmDate,
      emptyDate: due.emptyDate,
      dueDate: due.dueDate,
      dueBoundBy: due.boundBy,
      marginDays: due.marginDays,
      dueSoonFrom: addDays(due.dueDate, -settings.refill.dueSoonDays),
      upcomingFrom: addDays(due.dueDate, -settings.refill.upcomingDays),
    };
  }
  // Any `today` gives the same dates; the implant day is always valid.
  const battery = assessBattery({
    implantDate: pump.implantDate,
    batteryLifeMinYears: pump.model.batteryLifeMinYears,
    batteryLifeMaxYears: pump.model.batteryLifeMaxYears,
    eriToEndOfServiceDays: pump.model.eriToEndOfServiceDays,
    eriReportedDate: pump.eriReportedDate,
    endOfServiceReportedDate: endOfServiceReportedOn(pump.latestInterrogation, timeZone),
    today: pump.implantDate,
    settings: settings.battery,
  });
  // "Today" on or after every review, so the latest review is the last one (see reviewDates).
  const followUp = assessFollowUp({
    implantDate: pump.implantDate,
    reviewDates: input.reviewDates,
    today: maxCalendarDate(pump.implantDate, ...input.reviewDates),
    settings: settings.followUp,
  });
  return {
    highRisk,
    pumpAlarm,
    refill,
    bookedRefillDates: input.appointments
      .filter(
        (slot) =>
          slot.kind === 'refill' && slot.status === 'booked' && Number.isFinite(slot.startsAt.getTime()),
      )
      .map((slot) => calendarDateInZone(slot.startsAt, timeZone))
      .sort(compareCalendarDates),
    battery: {
      windowStart: battery.windowStart,
      recommendedReplacement: battery.recommendedReplacement,
      estimatedEnd: battery.estimatedEnd,
      endOfService: battery.endOfService,
      eriReportedDate: battery.eriReportedDate,
      approachingFrom: batteryApproachingFrom(battery, settings.battery.leadTimeMonths),
    },
    followUp: followUp && {
      lastReview: followUp.lastReview,
      nextReviewDue: followUp.nextReviewDue,
      dueSoonFrom: addDays(followUp.nextReviewDue, -settings.followUp.dueSoonDays),
    },
  };
}

export interface ScheduleStatus {
  refill: RefillStatus;
  /** A status other than ok with no refill booked from today to the due date (or today, once past). */
  noAppointmentByDueDate: boolean;
  /**
   * The date that orders a refill entry of this status: for critical, the start of the critical
   * stretch in force; otherwise the due date; null when unknown.
   */
  refillOrderDate: CalendarDate | null;
  battery: BatteryStatus;
  /** Past the maker's longest life without ERI (critical urgency). */
  batteryPastEstimatedEnd: boolean;
  followUp: FollowUpStatus | null;
}

/**
 * The statuses at `now` read off a schedule: the comparisons the worklist SQL makes. Equal to
 * `assessPatient`'s for the same records (pump-schedule.test.ts checks it for random records and days).
 */
export function scheduleStatusOn(schedule: PumpSchedule, now: Date, timeZone: string): ScheduleStatus {
  const today = calendarDateInZone(now, timeZone);
  const onOrAfter = (date: CalendarDate) => compareCalendarDates(today, date) >= 0;
  const after = (date: CalendarDate) => compareCalendarDates(today, date) > 0;
  const { refill, battery, followUp } = schedule;
  let refillStatus: RefillStatus;
  let refillOrderDate: CalendarDate | null = null;
  let noAppointmentByDueDate = false;
  const critical = criticalPeriodAt(refill.criticalPeriods, now);
  if (refill.state !== 'projected') {
    refillStatus = critical ? 'critical' : 'unknown';
    refillOrderDate = critical ? calendarDateInZone(critical.from, timeZone) : null;
  } else {
    refillStatus = critical
      ? 'critical'
      : after(refill.dueDate)
        ? 'overdue'
        : onOrAfter(refill.dueSoonFrom)
          ? 'due_soon'
          : onOrAfter(refill.upcomingFrom)
            ? 'upcoming'
            : 'ok';
    refillOrderDate = critical ? calendarDateInZone(critical.from, timeZone) : refill.dueDate;
    const limit = after(refill.dueDate) ? today : refill.dueDate;
    noAppointmentByDueDate =
      refillStatus !== 'ok' &&
      !schedule.bookedRefillDates.some(
        (day) => compareCalendarDates(day, today) >= 0 && compareCalendarDates(day, limit) <= 0,
      );
  }
  const batteryStatus: BatteryStatus =
    battery.eriReportedDate !== null
      ? 'eri_reported'
      : after(battery.recommendedReplacement)
        ? 'replacement_overdue'
        : onOrAfter(battery.windowStart)
          ? 'in_window'
          : onOrAfter(battery.approachingFrom)
            ? 'approaching'
            : 'ok';
  return {
    refill: refillStatus,
    noAppointmentByDueDate,
    refillOrderDate,
    battery: batteryStatus,
    batteryPastEstimatedEnd: battery.eriReportedDate === null && after(battery.estimatedEnd),
    followUp:
      followUp === null
        ? null
        : after(followUp.nextReviewDue)
          ? followUp.lastReview === null
            ? 'never_reviewed'
            : 'overdue'
          : onOrAfter(followUp.dueSoonFrom)
            ? 'due_soon'
            : 'ok',
  };
}
