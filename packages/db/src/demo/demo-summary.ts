import {
  addDays,
  type CalendarDate,
  calendarDateInZone,
  compareCalendarDates,
  daysBetween,
  toCalendarDate,
} from '@pumpdesk/domain';
import { type DemoSite } from './clinic-setup.ts';
import { type DemoPumpModel, type PatientRecords } from './patient-records.ts';

export const FLAGGED_STATES = [
  'refillPastAlarm',
  'refillEmpty',
  'refillOverdue',
  'refillDueThisWeek',
  'refillDue8To30Days',
  'noAppointmentBeforeDue',
  'batteryApproaching',
  'batteryInWindow',
  'batteryReplacementOverdue',
  'batteryEriReported',
  'followUpOverdue',
  'followUpNeverReviewed',
  'firstReviewDue',
  'highRiskAmongOverdueOrCritical',
] as const;
export type FlaggedState = (typeof FLAGGED_STATES)[number];

export interface DemoSummary {
  patients: number;
  patientsByStatus: Record<string, number>;
  softDeletedPatients: number;
  rows: Record<
    | 'pumps'
    | 'catheters'
    | 'programs'
    | 'refills'
    | 'homeRefills'
    | 'interrogations'
    | 'visits'
    | 'trials'
    | 'appointments',
    number
  >;
  /** Active patients in each state the dashboard flags, recomputed from the generated rows. */
  states: Record<FlaggedState, number>;
}

export function emptySummary(): DemoSummary {
  return {
    patients: 0,
    patientsByStatus: {},
    softDeletedPatients: 0,
    rows: {
      pumps: 0,
      catheters: 0,
      programs: 0,
      refills: 0,
      homeRefills: 0,
      interrogations: 0,
      visits: 0,
      trials: 0,
      appointments: 0,
    },
    states: Object.fromEntries(FLAGGED_STATES.map((s) => [s, 0])) as Record<FlaggedState, number>,
  };
}

/** Adds one patient to the summary. The states are derived from the rows, not from the plan. */
export function addToSummary(
  summary: DemoSummary,
  records: PatientRecords,
  context: { today: CalendarDate; site: DemoSite; models: ReadonlyMap<string, DemoPumpModel> },
): void {
  summary.patients += 1;
  const status = records.patient.status;
  summary.patientsByStatus[status] = (summary.patientsByStatus[status] ?? 0) + 1;
  if (records.patient.deletedAt) summary.softDeletedPatients += 1;
  summary.rows.pumps += records.pumps.length;
  summary.rows.catheters += records.catheters.length;
  summary.rows.programs += records.programs.length;
  summary.rows.refills += records.refills.length;
  summary.rows.homeRefills += records.refills.filter((r) => r.location === 'home').length;
  summary.rows.interrogations += records.interrogations.length;
  summary.rows.visits += records.visits.length;
  summary.rows.trials += records.trials.length;
  summary.rows.appointments += records.appointments.length;
  if (status !== 'active' || records.patient.deletedAt) return;
  for (const state of statesOf(records, context)) summary.states[state] += 1;
}

export function statesOf(
  records: PatientRecords,
  context: { today: CalendarDate; site: DemoSite; models: ReadonlyMap<string, DemoPumpModel> },
): FlaggedState[] {
  const { today } = context;
  const pump = records.pumps.find((p) => p.status === 'implanted');
  if (!pump) return [];
  const states: FlaggedState[] = [];
  const dayOf = (instant: Date | string) => calendarDateInZone(new Date(instant), context.site.timeZone);
  if (pump.refillDueDate && pump.alarmAt && pump.emptyAt) {
    const due = toCalendarDate(new Date(pump.refillDueDate));
    const daysToDue = daysBetween(today, due);
    if (compareCalendarDates(dayOf(pump.emptyAt), today) <= 0) states.push('refillEmpty');
    else if (compareCalendarDates(dayOf(pump.alarmAt), today) <= 0) states.push('refillPastAlarm');
    else if (daysToDue < 0) states.push('refillOverdue');
    else if (daysToDue <= 6) states.push('refillDueThisWeek');
    else if (daysToDue <= 30) states.push('refillDue8To30Days');
    const booked = records.appointments.some(
      (a) =>
        a.kind === 'refill' && a.status === 'booked' && compareCalendarDates(dayOf(a.startsAt), due) <= 0,
    );
    if (daysToDue <= 30 && !booked) states.push('noAppointmentBeforeDue');
    const critical = states.some(
      (s) => s === 'refillEmpty' || s === 'refillPastAlarm' || s === 'refillOverdue',
    );
    if (
      critical &&
      (records.patient.highRisk || records.patient.injuryAtOrAboveT6 || records.patient.cannotCommunicate)
    ) {
      states.push('highRiskAmongOverdueOrCritical');
    }
  }
  states.push(...batteryStates(pump, context));
  states.push(...followUpStates(records, pump, today));
  return states;
}

function batteryStates(
  pump: PatientRecords['pumps'][number],
  context: { today: CalendarDate; models: ReadonlyMap<string, DemoPumpModel> },
): FlaggedState[] {
  if (pump.eriReportedDate) return ['batteryEriReported'];
  const model = context.models.get(pump.modelId);
  if (!model) return [];
  const implant = toCalendarDate(new Date(pump.implantDate));
  const windowStart = addDays(implant, Math.round(model.batteryLifeMinYears * 365.25));
  const replaceBy = addDays(implant, Math.round(model.batteryLifeMaxYears * 365.25) - 182);
  const { today } = context;
  if (compareCalendarDates(today, replaceBy) >= 0) return ['batteryReplacementOverdue'];
  if (compareCalendarDates(today, windowStart) >= 0) return ['batteryInWindow'];
  if (compareCalendarDates(today, addDays(windowStart, -182)) >= 0) return ['batteryApproaching'];
  return [];
}

function followUpStates(
  records: PatientRecords,
  pump: PatientRecords['pumps'][number],
  today: CalendarDate,
): FlaggedState[] {
  const last = records.visits.at(-1);
  const firstImplant = toCalendarDate(new Date(records.catheters[0]?.implantDate ?? pump.implantDate));
  if (!last) return daysBetween(firstImplant, today) > 42 ? ['followUpNeverReviewed'] : ['firstReviewDue'];
  return daysBetween(toCalendarDate(new Date(last.visitDate)), today) > 182 ? ['followUpOverdue'] : [];
}
