import { createDatabase, type Database } from '../database-factory.ts';
import { applyMigrations } from '../migrations/apply-migrations.ts';
import { readMigrationFiles } from '../migrations/migration-files.ts';
import { defaultMigrationsDir } from '../paths.ts';
import { createScratchSqlDatabase } from './scratch-database.ts';

/**
 * A migrated database of the test's own, never the run's shared one: for tests that write what other
 * tests read globally (the organisation's settings, the demo's fixed names). With TEST_DATABASE_URL a
 * new database on that server, dropped by close(); without, an in-memory embedded database.
 */
export async function createIsolatedTestDatabase(): Promise<{ db: Database; close: () => Promise<void> }> {
  const scratch = await createScratchSqlDatabase();
  if (scratch.url === null) {
    await scratch.close();
    const db = await createDatabase({ mode: 'embedded', dataDir: null });
    return { db, close: () => db.close() };
  }
  const db = await createDatabase({ mode: 'postgres', url: scratch.url, pool: { max: 2 } });
  await applyMigrations(db.sql, await readMigrationFiles(defaultMigrationsDir()));
  return {
    db,
    close: async () => {
      await db.close();
      await scratch.close();
    },
  };
}
