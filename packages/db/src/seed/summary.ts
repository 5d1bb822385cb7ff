import { type CalendarDate } from '@pumpdesk/domain';
import { type PatientStatus } from '../generated/prisma/client.ts';
import { type ClinicPlan } from './clinic-plan.ts';
import { type PatientRecords } from './records.ts';
import { classifyPatient, TODAY_STATES, type TodayState } from './today-states.ts';

/** What the demo clinic holds: counts for the release note and for the CLI's report. */
export interface DemoSummary {
  seed: number;
  today: CalendarDate;
  /** Patient rows, soft-deleted ones included. */
  patients: number;
  softDeletedPatients: number;
  /** Patients by status, soft-deleted ones excluded. */
  patientsByStatus: Record<PatientStatus, number>;
  sites: number;
  users: number;
  pumps: number;
  pumpsImplanted: number;
  catheters: number;
  catheterRevisions: number;
  dosePrograms: number;
  refills: number;
  interrogations: number;
  followUpVisits: number;
  trials: number;
  appointments: number;
  appointmentsBooked: number;
  /**
   * Active, non-deleted patients in each state the dashboard flags today, as the engine assesses their
   * rows at noon site time (today-states.ts; a patient can be in several).
   */
  states: Record<TodayState, number>;
}

export function emptySummary(plan: ClinicPlan): DemoSummary {
  return {
    seed: plan.seed,
    today: plan.today,
    patients: 0,
    softDeletedPatients: 0,
    patientsByStatus: {
      candidate: 0,
      trial: 0,
      active: 0,
      inactive: 0,
      explanted: 0,
      deceased: 0,
      transferred: 0,
    },
    sites: plan.sites.length,
    users: plan.users.length,
    pumps: 0,
    pumpsImplanted: 0,
    catheters: 0,
    catheterRevisions: 0,
    dosePrograms: 0,
    refills: 0,
    interrogations: 0,
    followUpVisits: 0,
    trials: 0,
    appointments: 0,
    appointmentsBooked: 0,
    states: Object.fromEntries(TODAY_STATES.map((state) => [state, 0])) as Record<TodayState, number>,
  };
}

/** Adds one patient's rows to the summary. */
export function addToSummary(summary: DemoSummary, plan: ClinicPlan, records: PatientRecords): void {
  const patient = records.patients[0];
  if (!patient) return;
  summary.patients++;
  if (patient.deletedAt) summary.softDeletedPatients++;
  else summary.patientsByStatus[patient.status]++;
  summary.pumps += records.pumps.length;
  summary.pumpsImplanted += records.pumps.filter((pump) => pump.status === 'implanted').length;
  summary.catheters += records.catheters.length;
  summary.catheterRevisions += records.catheterRevisions.length;
  summary.dosePrograms += records.dosePrograms.length;
  summary.refills += records.refills.length;
  summary.interrogations += records.interrogations.length;
  summary.followUpVisits += records.followUpVisits.length;
  summary.trials += records.trials.length;
  summary.appointments += records.appointments.length;
  summary.appointmentsBooked += records.appointments.filter((row) => row.status === 'booked').length;
  const zone = plan.sites.find((site) => site.id === patient.siteId)?.timeZone ?? 'UTC';
  for (const state of classifyPatient(records, {
    timeZone: zone,
    today: plan.today,
    models: plan.pumpModels,
  }))
    summary.states[state]++;
}
