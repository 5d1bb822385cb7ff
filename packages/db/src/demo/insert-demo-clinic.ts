import { type PrismaClient } from '../generated/prisma/client.ts';
import { type DemoStaff } from './clinic-setup.ts';
import { type PatientRecords } from './patient-records.ts';

/** Rows per INSERT: well under Postgres's 65,535 bind parameters for the widest table (refills). */
const ROWS_PER_INSERT = 1000;
/** A batch is a few thousand rows; on a busy 2-core machine that can take longer than Prisma's 5 s default. */
const BATCH_TRANSACTION = { maxWait: 30_000, timeout: 300_000 };

export async function insertOrganisationAndStaff(prisma: PrismaClient, staff: DemoStaff): Promise<void> {
  await prisma.$transaction(
    [
      prisma.organisation.upsert({
        where: { id: 1 },
        create: { id: 1, name: 'PumpDesk Demo Neuromodulation Service', contactPhone: '+44 20 7946 0000' },
        update: {},
      }),
      prisma.site.createMany({
        data: staff.sites.map(({ id, name, timeZone }) => ({
          id,
          name,
          timeZone,
          phone: '+44 20 7946 0001',
        })),
      }),
      prisma.user.createMany({ data: staff.users }),
      prisma.userSite.createMany({ data: staff.userSites }),
    ],
    BATCH_TRANSACTION,
  );
}

/**
 * Inserts a batch of patients with everything they own, in foreign-key order, in one transaction: a
 * failure leaves no half-written patient behind.
 */
export async function insertPatients(prisma: PrismaClient, batch: readonly PatientRecords[]): Promise<void> {
  await prisma.$transaction(
    [
      ...chunks(batch.map((r) => r.patient)).map((data) => prisma.patient.createMany({ data })),
      ...chunks(batch.flatMap((r) => r.catheters)).map((data) => prisma.catheter.createMany({ data })),
      ...chunks(batch.flatMap((r) => r.catheterRevisions)).map((data) =>
        prisma.catheterRevision.createMany({ data }),
      ),
      ...chunks(batch.flatMap((r) => r.pumps)).map((data) => prisma.pump.createMany({ data })),
      ...chunks(batch.flatMap((r) => r.programs)).map((data) => prisma.doseProgram.createMany({ data })),
      ...chunks(batch.flatMap((r) => r.steps)).map((data) => prisma.doseProgramStep.createMany({ data })),
      ...chunks(batch.flatMap((r) => r.boluses)).map((data) => prisma.doseProgramBolus.createMany({ data })),
      ...chunks(batch.flatMap((r) => r.refills)).map((data) => prisma.refill.createMany({ data })),
      ...chunks(batch.flatMap((r) => r.interrogations)).map((data) =>
        prisma.pumpInterrogation.createMany({ data }),
      ),
      ...chunks(batch.flatMap((r) => r.visits)).map((data) => prisma.followUpVisit.createMany({ data })),
      ...chunks(batch.flatMap((r) => r.trials)).map((data) => prisma.trial.createMany({ data })),
      ...chunks(batch.flatMap((r) => r.appointments)).map((data) => prisma.appointment.createMany({ data })),
    ],
    BATCH_TRANSACTION,
  );
}

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) out.push(rows.slice(i, i + ROWS_PER_INSERT));
  return out;
}
