import { assessPatient, type CalendarDate, type PatientAssessment } from '@pumpdesk/domain';
import {
  type DoseProgramWithScheduleRow,
  type PatientAssessmentRows,
  type PumpModelRow,
  toPatientAssessmentInput,
} from '../assessment/engine-inputs.ts';
import { DEMO_CLINIC_SETTINGS } from './clinic-plan.ts';
import { type PatientRecords } from './records.ts';
import { type Scenario } from './scenarios.ts';
import { demoNow } from './site-clock.ts';

// The states the dashboard flags on a given day, read from the ENGINE's assessment of a patient's
// generated rows (assessPatient, through the same row mappers the API uses). The demo uses them to
// prove every state is present, to place patients on purpose (generate-patient.ts retries until the
// engine agrees) and to count them for the release note. "Today" is assessed at noon, site time
// (DEMO_NOW_MINUTE), with the demo organisation's settings (the domain's defaults).

/** The names are the summary's (and docs/demo-data.md's); each is derived from an engine status or finding. */
export const TODAY_STATES = [
  /** Refill critical: finding RESERVOIR_EMPTY. */
  'refillEmpty',
  /** Refill critical: finding PAST_ALARM. */
  'refillPastAlarm',
  /** Refill status overdue. */
  'refillOverdue',
  /** Refill status due_soon (due within 7 days). */
  'refillDueThisWeek',
  /** Refill status upcoming (due in 8–30 days). */
  'refillDueIn8To30Days',
  /** Due soon or upcoming, with a refill booked by the due date. */
  'dueSoonBookedByDueDate',
  /** Due soon or upcoming, with finding NO_APPOINTMENT_BY_DUE_DATE. */
  'dueSoonNotBookedByDueDate',
  /** Battery status approaching. */
  'batteryApproachingWindow',
  /** Battery status in_window. */
  'batteryInReplacementWindow',
  /** Battery status replacement_overdue. */
  'batteryReplacementOverdue',
  /** Battery status eri_reported. */
  'eriReported',
  /** Follow-up status overdue. */
  'followUpOverdue',
  /** Follow-up status never_reviewed. */
  'neverReviewed',
  /** The first review after the current implant is pending and not yet late. */
  'firstReviewDue',
  /** Refill critical or overdue, and flagged high-risk by a clinician. */
  'highRiskOverdueOrCritical',
  /** Refill critical or overdue, with an injury at or above T6 or unable to communicate. */
  'withdrawalRiskFactorOverdueOrCritical',
] as const;
export type TodayState = (typeof TODAY_STATES)[number];

/** Where and when a patient's rows are assessed. */
export interface DemoAssessmentContext {
  /** The patient's site's zone. */
  timeZone: string;
  /** The demo's day; the assessment is made at noon site time on it. */
  today: CalendarDate;
  /** Pump models by id (the plan's catalogue, or the database's rows). */
  models: ReadonlyMap<string, PumpModelRow>;
}

/**
 * One patient's generated rows as the engine's row mappers take them: the implanted pump with its
 * model, programs (with steps and boluses) and refills. Null unless the patient is active, not
 * deleted, and has an implanted pump (the only patients the states are counted for).
 */
export function assessmentRowsOf(
  records: PatientRecords,
  models: ReadonlyMap<string, PumpModelRow>,
): PatientAssessmentRows | null {
  const patient = records.patients[0];
  const pump = records.pumps.find((row) => row.status === 'implanted');
  if (!patient || patient.deletedAt || patient.status !== 'active' || !pump) return null;
  const model = models.get(pump.modelId);
  if (!model) throw new Error(`Unknown pump model ${pump.modelId}`);
  const dosePrograms = records.dosePrograms
    .filter((program) => program.pumpId === pump.id)
    .map((program): DoseProgramWithScheduleRow => ({
      ...program,
      steps: records.doseProgramSteps.filter((step) => step.programId === program.id),
      boluses: records.doseProgramBoluses.filter((bolus) => bolus.programId === program.id),
    }));
  return {
    patient,
    pump: {
      ...pump,
      model,
      dosePrograms,
      refills: records.refills.filter((refill) => refill.pumpId === pump.id),
    },
    followUpVisits: records.followUpVisits,
    appointments: records.appointments,
  };
}

/** The engine's assessment of one patient's rows at noon on `today` (null: see assessmentRowsOf). */
export function assessDemoPatient(
  records: PatientRecords,
  context: DemoAssessmentContext,
): PatientAssessment | null {
  const rows = assessmentRowsOf(records, context.models);
  if (!rows) return null;
  return assessPatient(
    toPatientAssessmentInput(rows, {
      now: demoNow(context.today, context.timeZone),
      timeZone: context.timeZone,
      settings: DEMO_CLINIC_SETTINGS,
    }),
  );
}

/** The states of one engine assessment. */
export function todayStatesOf(assessment: PatientAssessment): Set<TodayState> {
  const states = new Set<TodayState>();
  const codes = new Set(assessment.findings.map((finding) => finding.code));
  const { refill, battery, followUp, risk } = assessment;
  if (codes.has('RESERVOIR_EMPTY')) states.add('refillEmpty');
  if (codes.has('PAST_ALARM')) states.add('refillPastAlarm');
  switch (refill?.status) {
    case 'overdue':
      states.add('refillOverdue');
      break;
    case 'due_soon':
      states.add('refillDueThisWeek');
      break;
    case 'upcoming':
      states.add('refillDueIn8To30Days');
      break;
    default:
      break;
  }
  if (refill?.status === 'due_soon' || refill?.status === 'upcoming') {
    states.add(
      codes.has('NO_APPOINTMENT_BY_DUE_DATE') ? 'dueSoonNotBookedByDueDate' : 'dueSoonBookedByDueDate',
    );
  }
  switch (battery?.status) {
    case 'approaching':
      states.add('batteryApproachingWindow');
      break;
    case 'in_window':
      states.add('batteryInReplacementWindow');
      break;
    case 'replacement_overdue':
      states.add('batteryReplacementOverdue');
      break;
    case 'eri_reported':
      states.add('eriReported');
      break;
    default:
      break;
  }
  if (followUp?.status === 'overdue') states.add('followUpOverdue');
  if (followUp?.status === 'never_reviewed') states.add('neverReviewed');
  if (followUp?.firstReviewWindow && (followUp.status === 'ok' || followUp.status === 'due_soon'))
    states.add('firstReviewDue');
  if (refill?.status === 'critical' || refill?.status === 'overdue') {
    if (risk.reasons.includes('flagged')) states.add('highRiskOverdueOrCritical');
    if (risk.reasons.includes('injury_at_or_above_t6') || risk.reasons.includes('cannot_communicate'))
      states.add('withdrawalRiskFactorOverdueOrCritical');
  }
  return states;
}

/** The flags of ONE patient's rows on `today`; empty unless active with an implanted pump. */
export function classifyPatient(records: PatientRecords, context: DemoAssessmentContext): Set<TodayState> {
  const assessment = assessDemoPatient(records, context);
  return assessment ? todayStatesOf(assessment) : new Set();
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
