// `pnpm db:seed [--patients N] [--seed S] [--force]`: fills a database with the demo clinic.
// Refuses a database that already holds clinic data unless --force is given, which first ERASES
// everything in the database's public schema (then migrates it again). Uses DATABASE_URL when set,
// else the embedded database in PUMPDESK_DATA_DIR.
import { parseArgs } from 'node:util';
import { calendarDateInZone } from '@pumpdesk/domain';
import { databaseHasData, DEFAULT_DEMO_PATIENTS, DEFAULT_DEMO_SEED, seedDemoClinic } from '../demo/index.ts';
import { applyMigrations } from '../migrations/apply-migrations.ts';
import { readMigrationFiles } from '../migrations/migration-files.ts';
import { defaultMigrationsDir, findRepoRoot } from '../paths.ts';
import { describeCliTarget, openCliDatabase, readCliTarget } from './cli-database.ts';

// The demo's "today" is the day in the first demo site's zone.
const DEMO_ZONE = 'Europe/London';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      patients: { type: 'string', default: String(DEFAULT_DEMO_PATIENTS) },
      seed: { type: 'string', default: String(DEFAULT_DEMO_SEED) },
      force: { type: 'boolean', default: false },
    },
  });
  const patients = Number(values.patients);
  const seed = Number(values.seed);
  if (!Number.isInteger(patients) || patients < 1 || patients > 100_000) {
    console.error('--patients must be a whole number from 1 to 100000');
    return 2;
  }
  if (!Number.isInteger(seed)) {
    console.error('--seed must be a whole number');
    return 2;
  }
  const root = findRepoRoot();
  const target = readCliTarget(process.env, root);
  const database = await openCliDatabase(target, { migrate: false });
  try {
    if (values.force) {
      console.log(`--force: erasing everything in ${describeCliTarget(target)} before seeding`);
      await database.sql.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    }
    await applyMigrations(database.sql, await readMigrationFiles(defaultMigrationsDir(root)));
    if (await databaseHasData(database.prisma)) {
      console.error(
        `${describeCliTarget(target)} already holds clinic data: nothing written. Use --force to erase it and seed.`,
      );
      return 1;
    }
    const started = performance.now();
    const today = calendarDateInZone(new Date(), DEMO_ZONE);
    console.log(
      `Seeding ${String(patients)} demo patients (seed ${String(seed)}, today ${today}) into ${describeCliTarget(target)}`,
    );
    const summary = await seedDemoClinic(database.prisma, { patients, seed, today, log: console.log });
    console.log(JSON.stringify(summary, null, 2));
    console.log(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } finally {
    await database.close();
  }
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  return 1;
});
