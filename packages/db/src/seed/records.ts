import { type Prisma } from '../generated/prisma/client.ts';

/**
 * The rows generated for one patient (or a batch of patients), table by table, ready for createMany.
 * Listed in foreign-key order: inserting the tables in this order never references a missing row.
 */
export interface PatientRecords {
  patients: Prisma.PatientCreateManyInput[];
  catheters: Prisma.CatheterCreateManyInput[];
  catheterRevisions: Prisma.CatheterRevisionCreateManyInput[];
  pumps: Prisma.PumpCreateManyInput[];
  dosePrograms: Prisma.DoseProgramCreateManyInput[];
  doseProgramSteps: Prisma.DoseProgramStepCreateManyInput[];
  doseProgramBoluses: Prisma.DoseProgramBolusCreateManyInput[];
  refills: Prisma.RefillCreateManyInput[];
  interrogations: Prisma.PumpInterrogationCreateManyInput[];
  followUpVisits: Prisma.FollowUpVisitCreateManyInput[];
  trials: Prisma.TrialCreateManyInput[];
  appointments: Prisma.AppointmentCreateManyInput[];
}

/** The tables of {@link PatientRecords}, in foreign-key order. */
export const RECORD_TABLES = [
  'patients',
  'catheters',
  'catheterRevisions',
  'pumps',
  'dosePrograms',
  'doseProgramSteps',
  'doseProgramBoluses',
  'refills',
  'interrogations',
  'followUpVisits',
  'trials',
  'appointments',
] as const satisfies readonly (keyof PatientRecords)[];

export function emptyRecords(): PatientRecords {
  return {
    patients: [],
    catheters: [],
    catheterRevisions: [],
    pumps: [],
    dosePrograms: [],
    doseProgramSteps: [],
    doseProgramBoluses: [],
    refills: [],
    interrogations: [],
    followUpVisits: [],
    trials: [],
    appointments: [],
  };
}

/** Appends `source`'s rows to `target` (batching several patients into one insert). */
export function appendRecords(target: PatientRecords, source: PatientRecords): void {
  target.patients.push(...source.patients);
  target.catheters.push(...source.catheters);
  target.catheterRevisions.push(...source.catheterRevisions);
  target.pumps.push(...source.pumps);
  target.dosePrograms.push(...source.dosePrograms);
  target.doseProgramSteps.push(...source.doseProgramSteps);
  target.doseProgramBoluses.push(...source.doseProgramBoluses);
  target.refills.push(...source.refills);
  target.interrogations.push(...source.interrogations);
  target.followUpVisits.push(...source.followUpVisits);
  target.trials.push(...source.trials);
  target.appointments.push(...source.appointments);
}

/** Rounds to a column's scale, so the generator reasons with exactly what will be stored. */
export function round(value: number, scale: number): number {
  const factor = 10 ** scale;
  return Math.round(value * factor) / factor;
}

/** Decimal columns take strings at the column's scale (never a float through the driver). */
export function decimal(value: number, scale: number): string {
  return round(value, scale).toFixed(scale);
}
