import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type SqlClient } from '../sql/sql-client.ts';
import { MigrationError, type MigrationProblem } from './migration-error.ts';
import { type MigrationFile } from './migration-files.ts';
import { ensureMigrationsTable, inspectHistory } from './migration-history.ts';

export { MigrationError } from './migration-error.ts';
export type { MigrationErrorCode, MigrationProblem, MigrationProblemCode } from './migration-error.ts';

/**
 * Prisma Migrate's advisory lock key (prisma-engines, flavour/postgres.rs `acquire_lock`). Using the same
 * key keeps our runner and a clinic's `prisma migrate deploy` from migrating the same database at once.
 */
export const PRISMA_MIGRATE_LOCK_KEY = 72707369;
const LOCK_POLL_MS = 200;

export interface ApplyMigrationsOptions {
  /** How long to wait while another process migrates (default 60 s; Prisma gives up after 10 s). */
  lockTimeoutMs?: number;
  /** Called after each migration is committed, e.g. to print it. */
  onApplied?: (migrationName: string) => void;
}

export interface MigrationStatus {
  /** Migrations recorded as applied, in the order they were applied. */
  applied: string[];
  /** Migrations of the folder not applied yet, in folder order. */
  pending: string[];
  problems: MigrationProblem[];
}

/**
 * Applies the pending migrations, oldest first, each in its own transaction together with its
 * `_prisma_migrations` row, so a migration is either fully applied and recorded or not at all. Refuses
 * before applying anything when the history has problems (an edited or missing applied migration, a
 * failed one). Returns the names it applied.
 *
 * Unlike Prisma, a failing migration leaves no "failed" row to resolve: its transaction is rolled back,
 * so after fixing the SQL the next run simply applies it.
 */
export async function applyMigrations(
  sql: SqlClient,
  migrations: readonly MigrationFile[],
  options: ApplyMigrationsOptions = {},
): Promise<string[]> {
  return sql.withConnection(async (connection) => {
    await acquireMigrationLock(connection, options.lockTimeoutMs ?? 60_000);
    let applied: string[];
    try {
      applied = await applyPending(connection, migrations, options.onApplied);
    } catch (error) {
      // The original failure is what matters; a connection that cannot unlock is discarded by its
      // SqlClient, which ends the session and with it the lock.
      await releaseMigrationLock(connection).catch(() => undefined);
      throw error;
    }
    await releaseMigrationLock(connection);
    return applied;
  });
}

async function applyPending(
  connection: SqlClient,
  migrations: readonly MigrationFile[],
  onApplied: ((migrationName: string) => void) | undefined,
): Promise<string[]> {
  // Read after taking the lock: another process may have just applied what looked pending.
  await ensureMigrationsTable(connection);
  const history = await inspectHistory(connection, migrations);
  if (history.problems.length > 0) throw historyConflict(history.problems);
  const applied: string[] = [];
  for (const migration of history.pending) {
    await applyOne(connection, migration);
    applied.push(migration.name);
    onApplied?.(migration.name);
  }
  return applied;
}

/** What `applyMigrations` would do, without doing it: for the health check and `pnpm db:migrate`. */
export async function migrationStatus(
  sql: SqlClient,
  migrations: readonly MigrationFile[],
): Promise<MigrationStatus> {
  const history = await inspectHistory(sql, migrations);
  return {
    applied: [...history.applied],
    pending: history.pending.map((migration) => migration.name),
    problems: [...history.problems],
  };
}

async function applyOne(connection: SqlClient, migration: MigrationFile): Promise<void> {
  try {
    await connection.transaction(async (tx) => {
      await tx.exec(migration.sql);
      // started_at is the transaction's start, finished_at the moment the script completed.
      await tx.query(
        `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
         VALUES ($1, $2, $3, now(), clock_timestamp(), 1)`,
        [randomUUID(), migration.checksum, migration.name],
      );
    });
  } catch (error) {
    throw new MigrationError(
      'MIGRATION_FAILED',
      `Migration ${migration.name} failed and was rolled back: ${describeDatabaseError(error, migration.sql)}`,
      { migrationName: migration.name, cause: error },
    );
  }
}

function historyConflict(problems: readonly MigrationProblem[]): MigrationError {
  const list = problems.map((problem) => `- ${problem.message}`).join('\n');
  return new MigrationError('HISTORY_CONFLICT', `Migrations were not applied:\n${list}`, { problems });
}

/** Postgres's message, with its detail and hint, and the line of migration.sql it points at. */
function describeDatabaseError(error: unknown, script: string): string {
  if (!(error instanceof Error)) return String(error);
  const fields = error as Error & { detail?: unknown; hint?: unknown; position?: unknown };
  const parts = [error.message];
  if (typeof fields.detail === 'string' && fields.detail !== '') parts.push(`Detail: ${fields.detail}`);
  if (typeof fields.hint === 'string' && fields.hint !== '') parts.push(`Hint: ${fields.hint}`);
  // For a multi-statement script Postgres reports the 1-based character position in the whole script.
  const position = Number(fields.position);
  if (Number.isInteger(position) && position > 0) {
    parts.push(`At line ${String(script.slice(0, position - 1).split('\n').length)} of migration.sql`);
  }
  return parts.join('. ');
}

/**
 * Waits for the lock by polling rather than blocking in pg_advisory_lock, so the wait has a limit without
 * touching the session's lock_timeout. The lock is per session: it must be taken and released on the
 * same connection, hence `withConnection`.
 */
async function acquireMigrationLock(connection: SqlClient, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await connection.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock($1::bigint) AS locked',
      [PRISMA_MIGRATE_LOCK_KEY],
    );
    if (rows[0]?.locked === true) return;
    if (Date.now() >= deadline) {
      throw new MigrationError(
        'LOCK_TIMEOUT',
        `Another process held the migration lock (pg_advisory_lock(${String(PRISMA_MIGRATE_LOCK_KEY)})) ` +
          `for more than ${String(Math.round(timeoutMs / 1000))} s; is a migration still running?`,
      );
    }
    await sleep(LOCK_POLL_MS);
  }
}

async function releaseMigrationLock(connection: SqlClient): Promise<void> {
  await connection.query('SELECT pg_advisory_unlock($1::bigint)', [PRISMA_MIGRATE_LOCK_KEY]);
}
