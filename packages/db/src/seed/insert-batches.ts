import { type Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { type ClinicPlan } from './clinic-plan.ts';
import { type PatientRecords, RECORD_TABLES } from './records.ts';

// Writes the demo clinic. Each batch of patients goes in one transaction, table by table in
// foreign-key order: a failed batch leaves nothing half-written, and memory holds one batch at a time
// whatever the clinic's size.
//
// Why not createMany for the patients: Prisma 7's createMany spends about 1 ms per row in the client
// building and binding a parameter per column (measured here: 2,000 patient rows in 3.2 s, the same
// rows as one INSERT ... SELECT in 0.15 s, on both PGlite and Postgres 15), which makes a 100,000-patient
// benchmark clinic take hours. So each table's batch is sent as ONE JSON parameter and expanded by
// Postgres (json_populate_recordset), through Prisma's own transaction. The rows are still typed as
// Prisma's CreateManyInput, and the integration test reads them back.

/** Long enough for a batch of tens of thousands of rows on a slow disk or the embedded database. */
const TRANSACTION_OPTIONS = { maxWait: 60_000, timeout: 600_000 } as const;

const TABLE_NAMES: Record<keyof PatientRecords, string> = {
  patients: 'patients',
  catheters: 'catheters',
  catheterRevisions: 'catheter_revisions',
  pumps: 'pumps',
  dosePrograms: 'dose_programs',
  doseProgramSteps: 'dose_program_steps',
  doseProgramBoluses: 'dose_program_boluses',
  refills: 'refills',
  interrogations: 'pump_interrogations',
  followUpVisits: 'follow_up_visits',
  trials: 'trials',
  appointments: 'appointments',
};

/** The organisation, sites, staff and their site memberships (a handful of rows: createMany). */
export async function insertClinicFrame(prisma: PrismaClient, plan: ClinicPlan): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.organisation.create({ data: plan.organisation });
    const sites = plan.sites.map(({ id, name, timeZone, address, phone }) => ({
      id,
      name,
      timeZone,
      address,
      phone,
    }));
    await tx.site.createMany({ data: sites });
    await tx.user.createMany({ data: plan.users });
    await tx.userSite.createMany({ data: plan.userSites });
  }, TRANSACTION_OPTIONS);
}

/** One batch of patients with everything that hangs off them, in foreign-key order. */
export async function insertPatientBatch(prisma: PrismaClient, batch: PatientRecords): Promise<void> {
  await prisma.$transaction(async (tx) => {
    for (const table of RECORD_TABLES) await insertRows(tx, TABLE_NAMES[table], batch[table]);
  }, TRANSACTION_OPTIONS);
}

/** The column of a Prisma field: the schema maps every camelCase field to its snake_case column. */
export function columnOf(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

async function insertRows(
  tx: Prisma.TransactionClient,
  table: string,
  rows: readonly object[],
): Promise<void> {
  if (rows.length === 0) return;
  const fields = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const columns = fields.map((field) => `"${columnOf(field)}"`).join(', ');
  // Table and column names come from this file and the generated types, never from input; the
  // values travel as a bound parameter.
  const json = JSON.stringify(
    rows.map((row) =>
      Object.fromEntries(Object.entries(row).map(([field, value]) => [columnOf(field), value as unknown])),
    ),
  );
  await tx.$executeRawUnsafe(
    `INSERT INTO "${table}" (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::"${table}", $1::json)`,
    json,
  );
}
