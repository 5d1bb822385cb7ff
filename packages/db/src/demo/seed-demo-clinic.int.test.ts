import { parseCalendarDate } from '@pumpdesk/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../database-factory.ts';
import { applyMigrations } from '../migrations/apply-migrations.ts';
import { readMigrationFiles } from '../migrations/migration-files.ts';
import { defaultMigrationsDir } from '../paths.ts';
import { createScratchSqlDatabase, type ScratchSqlDatabase } from '../testing/scratch-database.ts';
import { databaseHasData, type DemoSummary, seedDemoClinic, seedPumpModels } from './index.ts';

// The demo clinic goes into a database of its own (its site names are unique), migrated from empty.
describe('seedDemoClinic', () => {
  let scratch: ScratchSqlDatabase;
  let db: Database;
  let summary: DemoSummary;

  beforeAll(async () => {
    // Postgres mode: an empty database of our own on the test server; embedded: a new in-memory one.
    scratch = await createScratchSqlDatabase();
    db =
      scratch.url === null
        ? await createDatabase({ mode: 'embedded', dataDir: null })
        : await createDatabase({ mode: 'postgres', url: scratch.url });
    await applyMigrations(db.sql, await readMigrationFiles(defaultMigrationsDir()));
  });
  afterAll(async () => {
    await db.close();
    await scratch.close();
  });

  it('reports an empty database as empty, even with the pump catalogue in it', async () => {
    await seedPumpModels(db.prisma);
    await seedPumpModels(db.prisma); // idempotent
    expect(await db.prisma.pumpModel.count()).toBe(6);
    expect(await databaseHasData(db.prisma)).toBe(false);
  });

  it('writes what its summary reports', async () => {
    summary = await seedDemoClinic(db.prisma, { patients: 60, today: parseCalendarDate('2026-11-25') });
    expect(await databaseHasData(db.prisma)).toBe(true);
    expect(await db.prisma.patient.count()).toBe(60);
    expect(await db.prisma.refill.count()).toBe(summary.rows.refills);
    expect(await db.prisma.doseProgram.count()).toBe(summary.rows.programs);
    expect(await db.prisma.followUpVisit.count()).toBe(summary.rows.visits);
    expect(await db.prisma.appointment.count()).toBe(summary.rows.appointments);
    expect(await db.prisma.user.count()).toBe(11);
    expect(await db.prisma.site.count()).toBe(2);
    const active = await db.prisma.patient.count({ where: { status: 'active', deletedAt: null } });
    expect(active).toBeGreaterThanOrEqual(40);
  });

  it('stores the worklist columns the dashboard will query', async () => {
    const overdue = await db.prisma.pump.count({
      where: {
        status: 'implanted',
        refillDueDate: { lt: new Date('2026-11-25T00:00:00Z') },
        patient: { status: 'active' },
      },
    });
    expect(overdue).toBeGreaterThanOrEqual(summary.states.refillOverdue);
    expect(await db.prisma.pump.count({ where: { eriReportedDate: { not: null } } })).toBeGreaterThan(0);
  });
});
