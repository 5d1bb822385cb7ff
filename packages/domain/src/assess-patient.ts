import { type CalendarDate, calendarDateInZone } from './calendar-date.ts';
import { criticalPeriodAt, criticalPeriodsOf } from './critical-periods.ts';
import { assessBattery, type BatteryAssessment } from './battery.ts';
import { type DoseProgram } from './dose-program.ts';
import { type Finding, sortFindings } from './findings.ts';
import { assessFollowUp, type FollowUpAssessment } from './follow-up.ts';
import { withdrawalRisk, type WithdrawalRiskFactors, type WithdrawalRiskReason } from './patient-risk.ts';
import {
  batteryUrgency,
  compareWorklistPriority,
  followUpUrgency,
  refillUrgency,
  type Urgency,
  URGENCY_ORDER,
  type WorklistKey,
} from './priority.ts';
import {
  endOfServiceReportedOn,
  type InterrogationFacts,
  pumpAlarmInForce,
  type PumpAlarmInForce,
} from './pump-alarms.ts';
import { type AppointmentSlot, assessRefill, type RefillAssessment } from './refill-status.ts';
import { type RefillPoint } from './reservoir-projection.ts';
import { type ClinicSettings } from './settings.ts';

// One patient on one day: the refill, battery and follow-up assessments, every finding, and where the
// patient goes in a worklist. This is what the dashboard's lists, the API and the demo data all call,
// so a rule is applied the same way everywhere.

/** The pump model's figures the engine needs (the pump catalogue row). */
export interface PumpModelFacts {
  reservoirMl: number;
  defaultAlarmVolumeMl: number;
  batteryLifeMinYears: number;
  batteryLifeMaxYears: number;
  /** Null when the maker does not say; the clinic's setting (90 days) applies. */
  eriToEndOfServiceDays: number | null;
}

/** The implanted pump and its history, as the engine needs it. */
export interface ImplantedPumpFacts {
  implantDate: CalendarDate;
  model: PumpModelFacts;
  /** Per-pump low-reservoir alarm volume (e.g. 4 mL after withdrawal near empty); null: the model's. */
  alarmVolumeOverrideMl: number | null;
  eriReportedDate: CalendarDate | null;
  lastRefill: RefillPoint | null;
  programs: readonly DoseProgram[];
  /**
   * The pump's latest interrogation (by instant); null when none is on record. Its stopping alarms
   * (motor stall, critical error, end of service, empty reservoir) make the refill critical, and end of
   * service counts as ERI with the pump stopped (pump-alarms.ts).
   */
  latestInterrogation: InterrogationFacts | null;
}

export interface PatientAssessmentInput {
  now: Date;
  /** The patient's site's IANA zone: "today" and every date are in its calendar. */
  timeZone: string;
  settings: ClinicSettings;
  patient: WithdrawalRiskFactors;
  /** The implanted pump; null when the patient has none (candidate, explanted). */
  pump: ImplantedPumpFacts | null;
  /** Days of the follow-up visits that count as reviews (see {@link isReviewVisit}). */
  reviewDates: readonly CalendarDate[];
  appointments: readonly AppointmentSlot[];
}

export interface PatientAssessment {
  today: CalendarDate;
  risk: { highRisk: boolean; reasons: WithdrawalRiskReason[]; message: string | null };
  refill: RefillAssessment | null;
  battery: BatteryAssessment | null;
  followUp: FollowUpAssessment | null;
  /** Every finding of the three, most serious first. */
  findings: Finding[];
  /** The most urgent of the three aspects, and the key that orders the patient in a worklist. */
  priority: WorklistKey;
}

/** Visit types that count as a review for the six-monthly rule: every type but an emergency visit. */
export function isReviewVisit(
  type: 'review' | 'titration' | 'refill_and_review' | 'post_implant' | 'emergency',
): boolean {
  return type !== 'emergency';
}

/** The alarm volume a pump uses: its own override, else its model's default. */
export function alarmVolumeOf(pump: Pick<ImplantedPumpFacts, 'alarmVolumeOverrideMl' | 'model'>): number {
  return pump.alarmVolumeOverrideMl ?? pump.model.defaultAlarmVolumeMl;
}

/** The stopping alarm the pump's latest interrogation shows and no later record cleared; null: none. */
export function pumpAlarmOf(
  pump: Pick<ImplantedPumpFacts, 'latestInterrogation' | 'lastRefill'>,
): PumpAlarmInForce | null {
  return pumpAlarmInForce(pump.latestInterrogation, pump.lastRefill);
}

/**
 * Assesses one patient at `now`: refill status (with the high-risk margin when the patient is
 * high-risk), battery, follow-up, their findings, and a worklist key ordering the patient by the most
 * urgent of the three (critical first, high-risk before others, then by the date of that aspect).
 */
export function assessPatient(input: PatientAssessmentInput): PatientAssessment {
  const today = calendarDateInZone(input.now, input.timeZone);
  const risk = withdrawalRisk(input.patient);
  const { pump } = input;
  const refill = pump
    ? assessRefill({
        now: input.now,
        timeZone: input.timeZone,
        settings: input.settings,
        highRisk: risk.highRisk,
        lastRefill: pump.lastRefill,
        programs: pump.programs,
        alarmVolumeMl: alarmVolumeOf(pump),
        appointments: input.appointments,
        pumpAlarm: pumpAlarmOf(pump),
      })
    : null;
  const battery = pump
    ? assessBattery({
        implantDate: pump.implantDate,
        batteryLifeMinYears: pump.model.batteryLifeMinYears,
        batteryLifeMaxYears: pump.model.batteryLifeMaxYears,
        eriToEndOfServiceDays: pump.model.eriToEndOfServiceDays,
        eriReportedDate: pump.eriReportedDate,
        endOfServiceReportedDate: endOfServiceReportedOn(pump.latestInterrogation, input.timeZone),
        today,
        settings: input.settings.battery,
      })
    : null;
  const followUp = assessFollowUp({
    implantDate: pump?.implantDate ?? null,
    reviewDates: input.reviewDates,
    today,
    settings: input.settings.followUp,
  });
  const aspects: { urgency: Urgency; date: CalendarDate | null }[] = [];
  if (refill && pump) {
    aspects.push({
      urgency: refillUrgency(refill.status),
      date: refillDate(refill, pumpAlarmOf(pump), input.now, input.timeZone),
    });
  }
  if (battery) {
    // After ERI what matters is when the pump stops (end of service), not when ERI was reported.
    aspects.push({
      urgency: batteryUrgency(battery),
      date: battery.endOfService ?? battery.recommendedReplacement,
    });
  }
  if (followUp) aspects.push({ urgency: followUpUrgency(followUp.status), date: followUp.nextReviewDue });
  const keys = aspects.map((aspect): WorklistKey => ({ ...aspect, highRisk: risk.highRisk }));
  const priority = keys.sort(compareWorklistPriority)[0] ?? {
    urgency: URGENCY_ORDER[URGENCY_ORDER.length - 1] ?? 'ok',
    highRisk: risk.highRisk,
    date: null,
  };
  return {
    today,
    risk,
    refill,
    battery,
    followUp,
    findings: sortFindings([
      ...(refill?.findings ?? []),
      ...(battery?.findings ?? []),
      ...(followUp?.findings ?? []),
    ]),
    priority,
  };
}

/**
 * The date that orders a refill entry. Critical: the day the critical stretch in force began (a stop,
 * the alarm or empty instant, a stopping alarm at an interrogation, merged: critical-periods.ts), so a
 * pump stopped yesterday is not listed after one whose alarm sounded last week merely because it has
 * no alarm date; the worklist table reads the same periods. Otherwise the due date.
 */
function refillDate(
  refill: RefillAssessment,
  pumpAlarm: PumpAlarmInForce | null,
  now: Date,
  timeZone: string,
): CalendarDate | null {
  if (refill.status !== 'critical') return refill.due?.dueDate ?? null;
  const period = criticalPeriodAt(criticalPeriodsOf(refill.projection, pumpAlarm), now);
  return period ? calendarDateInZone(period.from, timeZone) : (refill.due?.dueDate ?? null);
}
