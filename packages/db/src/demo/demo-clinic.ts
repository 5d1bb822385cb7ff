import { type CalendarDate } from '@pumpdesk/domain';
import { type PatientStatus } from '../generated/prisma/client.ts';
import { type DemoStaff, planStaff } from './clinic-setup.ts';
import { type DemoPumpModel, generatePatient, type PatientRecords } from './patient-records.ts';
import { Prng } from './prng.ts';
import { scenarioFor } from './today-scenarios.ts';

export interface DemoClinicOptions {
  patients: number;
  seed: number;
  today: CalendarDate;
}

const STATUS_WEIGHTS: readonly (readonly [PatientStatus, number])[] = [
  ['active', 78],
  ['candidate', 4],
  ['trial', 3],
  ['inactive', 3],
  ['explanted', 5],
  ['deceased', 4],
  ['transferred', 3],
];

/**
 * The demo clinic, one patient at a time (a generator, so 100,000 patients never sit in memory).
 * Deterministic: the same options give the same rows, ids included. Each patient has its own random
 * stream, so the first 250 patients of a large clinic are those of the default one.
 */
export function* generateDemoPatients(
  options: DemoClinicOptions,
  staff: DemoStaff,
  models: readonly DemoPumpModel[],
): Generator<PatientRecords> {
  const root = new Prng(options.seed);
  let activePosition = 0;
  for (let i = 0; i < options.patients; i++) {
    const random = root.fork(i + 1);
    // The first patients are active so that even a small clinic shows every state.
    const status = i < 40 ? 'active' : random.weighted(STATUS_WEIGHTS);
    const site = staff.sites[i % staff.sites.length];
    if (!site) throw new Error('the demo clinic has no sites');
    const scenario = status === 'active' ? scenarioFor(activePosition++) : null;
    const records = generatePatient(random, {
      mrnNumber: 100_001 + i,
      today: options.today,
      site,
      physicianId: random.pick(staff.physiciansBySite.get(site.id) ?? []),
      nurseIds: staff.nursesBySite.get(site.id) ?? [],
      models,
      status,
      scenario,
    });
    // A few soft-deleted records (created in error, merged duplicates): hidden from every list.
    if (i % 83 === 60) records.patient.deletedAt = new Date(`${options.today}T09:00:00.000Z`);
    yield records;
  }
}

export { planStaff };
