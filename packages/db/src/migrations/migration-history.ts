import { type SqlClient } from '../sql/sql-client.ts';
import { type MigrationProblem } from './migration-error.ts';
import { matchesChecksum, type MigrationFile } from './migration-files.ts';

/**
 * The `_prisma_migrations` table, kept exactly as Prisma keeps it so that `prisma migrate deploy` and
 * `prisma migrate status` on a connected machine read our history as their own. The definition is
 * Prisma's (prisma-engines, sql-schema-connector flavour/postgres.rs `create_migrations_table`); like
 * Prisma we create it unqualified, in the connection's current schema.
 */
export const CREATE_MIGRATIONS_TABLE = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

export interface HistoryRow {
  readonly migrationName: string;
  readonly checksum: string;
  readonly finished: boolean;
  readonly rolledBack: boolean;
  readonly startedAt: string;
  readonly logs: string | null;
}

export interface History {
  readonly tableExists: boolean;
  /** Applied migrations (finished, not rolled back), in the order they were applied. */
  readonly applied: readonly string[];
  /** Migrations of the folder not applied yet, in folder order. */
  readonly pending: readonly MigrationFile[];
  readonly problems: readonly MigrationProblem[];
}

/** Reads the history and compares it with the folder; changes nothing. */
export async function inspectHistory(sql: SqlClient, migrations: readonly MigrationFile[]): Promise<History> {
  if (!(await migrationsTableExists(sql))) {
    const problems = (await currentSchemaHasTables(sql)) ? [notEmptyProblem()] : [];
    return { tableExists: false, applied: [], pending: [...migrations], problems };
  }
  const rows = await readHistoryRows(sql);
  const applied = rows.filter((row) => row.finished && !row.rolledBack).map((row) => row.migrationName);
  // As in Prisma's apply_migrations: any row not rolled back takes the migration off the pending list
  // (an unfinished one is reported as a problem instead).
  const recorded = new Set(rows.filter((row) => !row.rolledBack).map((row) => row.migrationName));
  return {
    tableExists: true,
    applied: [...new Set(applied)],
    pending: migrations.filter((migration) => !recorded.has(migration.name)),
    problems: findProblems(rows, migrations),
  };
}

async function migrationsTableExists(sql: SqlClient): Promise<boolean> {
  const rows = await sql.query<{ found: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relname = $1 AND c.relkind IN ('r', 'p')
     ) AS found`,
    ['_prisma_migrations'],
  );
  return rows[0]?.found === true;
}

/** Prisma refuses to start a history in a schema that already has tables (`initialize`, P3005). */
async function currentSchemaHasTables(sql: SqlClient): Promise<boolean> {
  const rows = await sql.query<{ found: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
     ) AS found`,
  );
  return rows[0]?.found === true;
}

/** Creates the table when it is missing; call while holding the migration lock. */
export async function ensureMigrationsTable(sql: SqlClient): Promise<void> {
  if (await migrationsTableExists(sql)) return;
  if (await currentSchemaHasTables(sql)) return; // reported as DATABASE_NOT_EMPTY by inspectHistory
  await sql.exec(CREATE_MIGRATIONS_TABLE);
}

async function readHistoryRows(sql: SqlClient): Promise<HistoryRow[]> {
  // Booleans and text only: node-postgres and PGlite parse timestamps differently.
  return sql.query<HistoryRow & Record<string, unknown>>(
    `SELECT migration_name AS "migrationName", checksum,
            finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS "rolledBack",
            to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS "UTC"') AS "startedAt", logs
     FROM _prisma_migrations
     ORDER BY started_at, migration_name`,
  );
}

function isFailedRow(row: HistoryRow): boolean {
  return !row.finished && !row.rolledBack;
}

function findProblems(rows: readonly HistoryRow[], migrations: readonly MigrationFile[]): MigrationProblem[] {
  const files = new Map(migrations.map((migration) => [migration.name, migration]));
  const problems: MigrationProblem[] = rows.filter((row) => isFailedRow(row)).map(failedProblem);
  for (const row of rows.filter((candidate) => candidate.finished && !candidate.rolledBack)) {
    const file = files.get(row.migrationName);
    if (file === undefined) problems.push(missingProblem(row.migrationName));
    else if (!matchesChecksum(file.sql, row.checksum)) problems.push(editedProblem(row.migrationName));
  }
  return problems;
}

function failedProblem(row: HistoryRow): MigrationProblem {
  const logs = row.logs?.trim() ? ` Its log: ${row.logs.trim()}` : '';
  return {
    code: 'FAILED_MIGRATION',
    migrationName: row.migrationName,
    message:
      `Migration ${row.migrationName} started at ${row.startedAt} and never finished.${logs} ` +
      `Repair the database by hand, then mark it rolled back (\`prisma migrate resolve --rolled-back ` +
      `${row.migrationName}\`, or set rolled_back_at on its _prisma_migrations row) so it runs again.`,
  };
}

function missingProblem(migrationName: string): MigrationProblem {
  return {
    code: 'MISSING_FROM_FOLDER',
    migrationName,
    message:
      `Migration ${migrationName} is applied to this database but is not in the migrations folder: ` +
      `this build is older than the database, or the folder was renamed or deleted.`,
  };
}

function editedProblem(migrationName: string): MigrationProblem {
  return {
    code: 'CHECKSUM_MISMATCH',
    migrationName,
    message:
      `Migration ${migrationName} was edited after it was applied to this database (its migration.sql ` +
      `no longer matches the recorded checksum). Restore the file and put the change in a new migration.`,
  };
}

function notEmptyProblem(): MigrationProblem {
  return {
    code: 'DATABASE_NOT_EMPTY',
    migrationName: null,
    message:
      'The database already has tables but no _prisma_migrations table, so its structure did not come ' +
      'from these migrations (Prisma refuses the same, P3005). Use an empty database, or baseline it.',
  };
}
