// `pnpm db:migrate`: applies pending migrations to DATABASE_URL, or else to the embedded database in
// PUMPDESK_DATA_DIR. See docs/decisions/001-offline-migrations.md.
import { applyMigrations, MigrationError } from '../migrations/apply-migrations.ts';
import { readMigrationFiles } from '../migrations/migration-files.ts';
import { defaultMigrationsDir, findRepoRoot } from '../paths.ts';
import { describeCliTarget, openCliDatabase, readCliTarget } from './cli-database.ts';

async function main(): Promise<number> {
  const root = findRepoRoot();
  const migrations = await readMigrationFiles(defaultMigrationsDir(root));
  const target = readCliTarget(process.env, root);
  const database = await openCliDatabase(target, { migrate: false });
  try {
    console.log(
      `Migrating ${describeCliTarget(target)} (${String(migrations.length)} migration(s) in the folder)`,
    );
    const applied = await applyMigrations(database.sql, migrations, {
      onApplied: (name) => {
        console.log(`  applied ${name}`);
      },
    });
    console.log(
      applied.length === 0 ? 'Database is up to date' : `Applied ${String(applied.length)} migration(s)`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof MigrationError)) throw error;
    console.error(error.message);
    return 1;
  } finally {
    await database.close();
  }
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  return 1;
});
