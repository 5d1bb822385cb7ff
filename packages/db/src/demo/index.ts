import { type CalendarDate } from '@pumpdesk/domain';
import { type PrismaClient } from '../generated/prisma/client.ts';
import { generateDemoPatients, planStaff } from './demo-clinic.ts';
import { addToSummary, type DemoSummary, emptySummary } from './demo-summary.ts';
import { insertOrganisationAndStaff, insertPatients } from './insert-demo-clinic.ts';
import { type DemoPumpModel, type PatientRecords } from './patient-records.ts';
import { seedPumpModels } from './pump-catalogue.ts';

export { seedPumpModels } from './pump-catalogue.ts';
export { FLAGGED_STATES } from './demo-summary.ts';
export type { DemoSummary, FlaggedState } from './demo-summary.ts';

export interface SeedDemoOptions {
  /** How many patients (default 250; up to 100,000 for benchmarks). */
  patients?: number;
  seed?: number;
  /** The day the demo is built around (in the first site's zone): its states are relative to it. */
  today: CalendarDate;
  log?: (message: string) => void;
}

export const DEFAULT_DEMO_PATIENTS = 250;
export const DEFAULT_DEMO_SEED = 20261125;
const PATIENTS_PER_BATCH = 100;

/**
 * Fills a database that holds no clinic data with the demo clinic: two sites, their staff, and
 * `patients` patients with years of history, such that today every state the dashboard flags is
 * present. Streams in batches, so memory stays flat at any size.
 */
export async function seedDemoClinic(prisma: PrismaClient, options: SeedDemoOptions): Promise<DemoSummary> {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const count = options.patients ?? DEFAULT_DEMO_PATIENTS;
  if (!Number.isInteger(count) || count < 1 || count > 100_000)
    throw new RangeError('patients must be 1 to 100,000');
  await seedPumpModels(prisma);
  const models = await loadModels(prisma);
  const staff = planStaff(seed);
  await insertOrganisationAndStaff(prisma, staff);

  const summary = emptySummary();
  const modelsById = new Map(models.map((m) => [m.id, m]));
  const siteById = new Map(staff.sites.map((s) => [s.id, s]));
  let batch: PatientRecords[] = [];
  for (const records of generateDemoPatients(
    { patients: count, seed, today: options.today },
    staff,
    models,
  )) {
    const site = siteById.get(records.patient.siteId);
    if (site) addToSummary(summary, records, { today: options.today, site, models: modelsById });
    batch.push(records);
    if (batch.length === PATIENTS_PER_BATCH) {
      await insertPatients(prisma, batch);
      batch = [];
      if (summary.patients % 5000 === 0) options.log?.(`  ${String(summary.patients)} patients`);
    }
  }
  if (batch.length > 0) await insertPatients(prisma, batch);
  return summary;
}

/** Any clinic data at all: patients or staff. The pump catalogue alone does not count. */
export async function databaseHasData(prisma: PrismaClient): Promise<boolean> {
  const [patient, user] = await Promise.all([
    prisma.patient.findFirst({ select: { id: true } }),
    prisma.user.findFirst({ select: { id: true } }),
  ]);
  return patient !== null || user !== null;
}

export async function loadModels(prisma: PrismaClient): Promise<DemoPumpModel[]> {
  const rows = await prisma.pumpModel.findMany({
    where: { active: true },
    orderBy: [{ manufacturer: 'asc' }, { model: 'asc' }],
  });
  return rows.map((m) => ({
    id: m.id,
    manufacturer: m.manufacturer,
    reservoirMl: m.reservoirMl.toNumber(),
    defaultAlarmVolumeMl: m.defaultAlarmVolumeMl.toNumber(),
    batteryLifeMinYears: m.batteryLifeMinYears.toNumber(),
    batteryLifeMaxYears: m.batteryLifeMaxYears.toNumber(),
    eriToEndOfServiceDays: m.eriToEndOfServiceDays,
  }));
}
