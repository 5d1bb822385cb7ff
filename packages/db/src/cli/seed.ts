// `pnpm db:seed [--patients N] [--seed S] [--today YYYY-MM-DD] [--force]`: the demo clinic.
// Writes the demo clinic into DATABASE_URL, or else into the embedded database in PUMPDESK_DATA_DIR
// (created and migrated if new).
// It refuses a database that already holds patients or users. With --force it first DELETES every
// clinical and demo row (patients and their history, staff, sites, the organisation, the audit trail,
// idempotency keys) in one transaction, keeping only the pump catalogue and the migration history.
import { parseArgs } from 'node:util';
import { calendarDateInZone, type CalendarDate, parseCalendarDate } from '@pumpdesk/domain';
import { describeCliTarget, openCliDatabase, readCliTarget } from './cli-database.ts';
import { type Database } from '../database-factory.ts';
import { applyMigrations } from '../migrations/apply-migrations.ts';
import { readMigrationFiles } from '../migrations/migration-files.ts';
import { defaultMigrationsDir, findRepoRoot } from '../paths.ts';
import {
  clearClinicData,
  databaseHasData,
  DEFAULT_DEMO_PATIENTS,
  DEFAULT_DEMO_SEED,
  DEMO_SITES,
  type DemoSummary,
  seedDemoClinic,
} from '../seed/index.ts';

const USAGE = 'Usage: pnpm db:seed [--patients N] [--seed S] [--today YYYY-MM-DD] [--force]';

interface SeedArguments {
  patients: number;
  seed: number;
  today: CalendarDate;
  force: boolean;
}

function readArguments(argv: string[]): SeedArguments {
  const { values } = parseArgs({
    args: argv,
    options: {
      patients: { type: 'string', default: String(DEFAULT_DEMO_PATIENTS) },
      seed: { type: 'string', default: String(DEFAULT_DEMO_SEED) },
      today: { type: 'string' },
      force: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const patients = Number(values.patients);
  const seed = Number(values.seed);
  if (!Number.isInteger(patients) || !Number.isInteger(seed))
    throw new Error(`--patients and --seed take whole numbers\n${USAGE}`);
  // "Today" is a day in the clinic's calendar: the first site's zone, not the machine's.
  const today =
    values.today === undefined
      ? calendarDateInZone(new Date(), DEMO_SITES[0].timeZone)
      : parseCalendarDate(values.today);
  return { patients, seed, today, force: values.force };
}

async function prepare(database: Database, force: boolean, where: string): Promise<boolean> {
  if (!(await databaseHasData(database.prisma))) return true;
  if (!force) {
    console.error(`${where} already holds patients or users: nothing written.`);
    console.error(
      'Run with --force to DELETE all clinical and demo data there first and load the demo clinic.',
    );
    return false;
  }
  console.log(
    `--force: deleting all clinical and demo data in ${where} (the pump catalogue and migrations stay)`,
  );
  await clearClinicData(database.sql);
  return true;
}

function printSummary(summary: DemoSummary, seconds: number): void {
  const { states, patientsByStatus, ...counts } = summary;
  console.log(
    `\nDemo clinic for ${summary.today} (seed ${String(summary.seed)}) written in ${seconds.toFixed(1)} s`,
  );
  const rows: [string, number | string][] = [
    ...Object.entries(counts).filter(([key]) => key !== 'seed' && key !== 'today'),
    ...Object.entries(patientsByStatus).map(([status, n]): [string, number] => [`  status ${status}`, n]),
    ['flagged today (active patients):', ''],
    ...Object.entries(states).map(([state, n]): [string, number] => [`  ${state}`, n]),
  ];
  for (const [label, value] of rows) console.log(`${label.padEnd(42)} ${String(value)}`);
}

async function main(): Promise<number> {
  // `pnpm db:seed -- --patients 10` passes the `--` through: drop it.
  const args = readArguments(process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--')));
  const root = findRepoRoot();
  const target = readCliTarget(process.env, root);
  const where = describeCliTarget(target);
  const database = await openCliDatabase(target, { migrate: false });
  try {
    // A new database (embedded or Postgres) is migrated first; an up-to-date one is left as it is.
    await applyMigrations(database.sql, await readMigrationFiles(defaultMigrationsDir(root)));
    if (!(await prepare(database, args.force, where))) return 1;
    console.log(`Writing ${String(args.patients)} demo patients into ${where} ...`);
    const started = performance.now();
    const log = (message: string): void => {
      console.log(`  ${message}`);
    };
    const summary = await seedDemoClinic(database.prisma, { ...args, log });
    printSummary(summary, (performance.now() - started) / 1000);
    return 0;
  } finally {
    await database.close();
  }
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  return 1;
});
