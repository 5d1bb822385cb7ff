import { inject } from 'vitest';
import { createDatabase, type Database } from '../database-factory.ts';
import { applyMigrations } from '../migrations/apply-migrations.ts';
import { readMigrationFiles } from '../migrations/migration-files.ts';
import { defaultMigrationsDir } from '../paths.ts';
// The `databaseUrl` the global set-up provides (its ProvidedContext augmentation).
import type {} from './global-setup.ts';

/**
 * A migrated database for one test file. With TEST_DATABASE_URL: the fresh Postgres database the
 * global set-up created for this run (shared by the files of the run, so each test creates its own
 * site, users and patients and never counts rows it did not make). Without: an in-memory PGlite of
 * its own.
 */
export async function createTestDatabase(): Promise<Database> {
  const url = inject('databaseUrl');
  if (url === null) return createDatabase({ mode: 'embedded', dataDir: null });
  const db = await createDatabase({ mode: 'postgres', url, pool: { max: 4 } });
  // Idempotent, and serialised by the runner's advisory lock when several files start at once.
  await applyMigrations(db.sql, await readMigrationFiles(defaultMigrationsDir()));
  return db;
}
