import { type Database } from './database-factory.ts';
import { migrationStatus } from './migrations/apply-migrations.ts';
import { type MigrationFile } from './migrations/migration-files.ts';

export interface DatabaseHealth {
  database: 'reachable' | 'unreachable';
  migrations: 'current' | 'pending' | 'unknown';
}

/**
 * Is the database answering, and has it every migration this build ships? `expected` is read once at
 * start-up: the files do not change while the process runs.
 */
export async function checkDatabaseHealth(
  db: Database,
  expected: readonly MigrationFile[],
): Promise<DatabaseHealth> {
  try {
    await db.sql.query('select 1');
  } catch {
    return { database: 'unreachable', migrations: 'unknown' };
  }
  try {
    const status = await migrationStatus(db.sql, expected);
    const current = status.pending.length === 0 && status.problems.length === 0;
    return { database: 'reachable', migrations: current ? 'current' : 'pending' };
  } catch {
    return { database: 'reachable', migrations: 'unknown' };
  }
}
