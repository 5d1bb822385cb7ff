import { type CalendarDate } from '@pumpdesk/domain';
import { type PrismaClient } from '../generated/prisma/client.ts';
import { refreshPumpSchedules } from '../schedule/refresh-pump-schedules.ts';
import { type ClinicPlan, planClinic } from './clinic-plan.ts';
import { generatePatient } from './generate-patient.ts';
import { insertClinicFrame, insertPatientBatch } from './insert-batches.ts';
import { catalogueKey, catalogueModelIds, pumpCatalogue, seedPumpModels } from './pump-catalogue.ts';
import { appendRecords, emptyRecords, type PatientRecords } from './records.ts';
import { addToSummary, type DemoSummary, emptySummary } from './summary.ts';

export interface DemoClinicOptions {
  /** Number of patients (default 250; up to 100,000 for benchmarks). */
  patients?: number;
  /** Seed of the generator: the same seed and today give the same clinic (default 20261125). */
  seed?: number;
  /** The day the demo is built for, in the first site's calendar: its states are placed around it. */
  today: CalendarDate;
  /** Progress messages (large clinics take minutes). */
  log?: (message: string) => void;
}

export const DEFAULT_DEMO_PATIENTS = 250;
export const DEFAULT_DEMO_SEED = 20261125;
export const MAX_DEMO_PATIENTS = 100_000;
/** Patients per insert transaction: a few thousand rows each, so memory stays flat. */
const BATCH_PATIENTS = 200;

function checkedOptions(options: DemoClinicOptions): { patients: number; seed: number } {
  const patients = options.patients ?? DEFAULT_DEMO_PATIENTS;
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  if (!Number.isInteger(patients) || patients < 1 || patients > MAX_DEMO_PATIENTS) {
    throw new RangeError(`patients must be a whole number from 1 to ${MAX_DEMO_PATIENTS}, got ${patients}`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new RangeError(`seed must be a 32-bit unsigned integer, got ${seed}`);
  return { patients, seed };
}

/** The clinic's plan without a database (pump model ids made up): for tests and dry runs. */
export function planDemoClinic(
  options: DemoClinicOptions,
  modelIds?: ReadonlyMap<string, string>,
): ClinicPlan {
  const { patients, seed } = checkedOptions(options);
  return planClinic({ seed, patients, today: options.today, modelIds: modelIds ?? fakeModelIds() });
}

/** Stand-in ids for the catalogue's models when no database is involved. */
function fakeModelIds(): Map<string, string> {
  return new Map(
    pumpCatalogue.map((model, i) => [
      catalogueKey(model),
      `00000000-0000-7000-8000-${String(i + 1).padStart(12, '0')}`,
    ]),
  );
}

/** Yields every patient's rows in batches of `batchSize`, generating each batch only when asked. */
export function* generateDemoBatches(
  plan: ClinicPlan,
  batchSize = BATCH_PATIENTS,
): Generator<{ first: number; records: PatientRecords[] }> {
  for (let first = 0; first < plan.patients; first += batchSize) {
    const records: PatientRecords[] = [];
    for (let index = first; index < Math.min(plan.patients, first + batchSize); index++)
      records.push(generatePatient(plan, index));
    yield { first, records };
  }
}

/** The summary of a clinic computed without writing it anywhere. */
export function summariseDemoClinic(plan: ClinicPlan): DemoSummary {
  const summary = emptySummary(plan);
  for (const { records } of generateDemoBatches(plan))
    for (const patient of records) addToSummary(summary, plan, patient);
  return summary;
}

/**
 * Writes the demo clinic into an EMPTY database (the caller checks with databaseHasData): the pump
 * catalogue if missing, the organisation, two sites, staff, and `patients` patients with their history,
 * streamed in batches. Returns what was written, with the count of patients in each flagged state.
 */
export async function seedDemoClinic(prisma: PrismaClient, options: DemoClinicOptions): Promise<DemoSummary> {
  const log = options.log ?? (() => undefined);
  await seedPumpModels(prisma);
  const plan = planDemoClinic(options, await catalogueModelIds(prisma));
  await insertClinicFrame(prisma, plan);
  const summary = emptySummary(plan);
  let nextAnalyzeAt = 1_000;
  for (const { first, records } of generateDemoBatches(plan)) {
    const batch = emptyRecords();
    for (const patient of records) {
      appendRecords(batch, patient);
      addToSummary(summary, plan, patient);
    }
    await insertPatientBatch(prisma, batch);
    // The worklist table, computed from the rows just written by the same code every write uses.
    await refreshPumpSchedules(
      prisma,
      batch.patients.flatMap((patient) => (patient.id ? [patient.id] : [])),
    );
    const done = Math.min(plan.patients, first + records.length);
    // Fresh statistics as the tables grow (1k, 2k, 4k… patients): the refresh's lookups are planned on
    // them, and a server with autovacuum off (or not yet run) would plan on empty tables.
    if (done >= nextAnalyzeAt) {
      await prisma.$executeRawUnsafe('ANALYZE');
      nextAnalyzeAt *= 2;
    }
    if (done % 5000 < records.length || done === plan.patients)
      log(`${done} of ${plan.patients} patients written`);
  }
  return summary;
}

/** Whether the database already holds patients or users (the demo is only written into an empty one). */
export async function databaseHasData(prisma: PrismaClient): Promise<boolean> {
  const patient = await prisma.patient.findFirst({ select: { id: true } });
  if (patient) return true;
  const user = await prisma.user.findFirst({ select: { id: true } });
  return user !== null;
}
