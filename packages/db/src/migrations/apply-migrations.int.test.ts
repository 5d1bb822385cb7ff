import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPgSqlClient } from '../sql/pg-sql-client.ts';
import { type SqlClient } from '../sql/sql-client.ts';
import {
  createTempMigrationsFolder,
  writeMigrationFolder,
  type TempMigrationsFolder,
} from '../testing/migration-fixtures.ts';
import { createScratchSqlDatabase, type ScratchSqlDatabase } from '../testing/scratch-database.ts';
import { applyMigrations, MigrationError, migrationStatus } from './apply-migrations.ts';
import { migrationChecksum, readMigrationFiles } from './migration-files.ts';

const FIRST = '20250101000000_create_site';
const SECOND = '20250102000000_create_patient';
const THIRD = '20250103000000_create_pump';

const SQL = {
  [FIRST]: 'CREATE TABLE site (id integer PRIMARY KEY, name text NOT NULL);\n',
  [SECOND]: 'CREATE TABLE patient (id integer PRIMARY KEY, site_id integer NOT NULL REFERENCES site (id));\n',
  [THIRD]: 'CREATE TABLE pump (id integer PRIMARY KEY);\n',
};

describe('applyMigrations', () => {
  let db: ScratchSqlDatabase;
  let folder: TempMigrationsFolder;
  beforeEach(async () => {
    [db, folder] = await Promise.all([createScratchSqlDatabase(), createTempMigrationsFolder()]);
  });
  afterEach(async () => {
    await Promise.all([db.close(), folder.remove()]);
  });

  const write = (name: string, sql: string) => writeMigrationFolder(folder.migrationsDir, name, sql);
  const writeAll = async (...names: (keyof typeof SQL)[]) => {
    for (const name of names) await write(name, SQL[name]);
  };
  const migrations = () => readMigrationFiles(folder.migrationsDir);
  const apply = async (sql: SqlClient = db.sql) =>
    applyMigrations(sql, await migrations(), { lockTimeoutMs: 10_000 });

  it('applies pending migrations in folder order and records them as Prisma does', async () => {
    await writeAll(SECOND, FIRST); // written out of order: the folder name decides

    expect(await apply()).toEqual([FIRST, SECOND]);

    expect(await tableExists(db.sql, 'patient')).toBe(true);
    const rows = await historyRows(db.sql);
    expect(rows.map((row) => row.migration_name)).toEqual([FIRST, SECOND]);
    expect(rows[0]).toMatchObject({
      checksum: migrationChecksum(SQL[FIRST]),
      finished: true,
      rolled_back: false,
      logs: null,
      applied_steps_count: 1,
    });
    expect(rows[0]?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('applies nothing the second time, and only the new migration after one is added', async () => {
    await writeAll(FIRST, SECOND);
    await apply();

    expect(await apply()).toEqual([]);
    await writeAll(THIRD);
    expect(await apply()).toEqual([THIRD]);
    expect((await historyRows(db.sql)).map((row) => row.migration_name)).toEqual([FIRST, SECOND, THIRD]);
  });

  it('rolls back a failing migration entirely, keeps the ones before it, and names it', async () => {
    await writeAll(FIRST, SECOND);
    await write(
      THIRD,
      'CREATE TABLE pump (id integer PRIMARY KEY);\nINSERT INTO no_such_table VALUES (1);\n',
    );

    const error = await apply().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({ code: 'MIGRATION_FAILED', migrationName: THIRD });
    expect((error as Error).message).toContain(THIRD);
    expect((error as Error).message).toContain('relation "no_such_table" does not exist');
    expect((error as Error).message).toContain('line 2');
    expect(await tableExists(db.sql, 'patient')).toBe(true);
    expect(await tableExists(db.sql, 'pump')).toBe(false);
    expect((await historyRows(db.sql)).map((row) => row.migration_name)).toEqual([FIRST, SECOND]);

    // Once the SQL is fixed the next run applies it: no failed row is left to resolve.
    await writeAll(THIRD);
    expect(await apply()).toEqual([THIRD]);
  });

  it('refuses, before applying anything, when an applied migration was edited', async () => {
    await writeAll(FIRST, SECOND);
    await apply();
    await write(FIRST, SQL[FIRST].replace('name text NOT NULL', 'name text'));
    await writeAll(THIRD);

    await expect(apply()).rejects.toMatchObject({
      code: 'HISTORY_CONFLICT',
      problems: [expect.objectContaining({ code: 'CHECKSUM_MISMATCH', migrationName: FIRST })],
    });
    expect(await tableExists(db.sql, 'pump')).toBe(false);
  });

  it('does not take a change of line endings for an edit (Git on Windows)', async () => {
    await writeAll(FIRST);
    await apply();
    await write(FIRST, SQL[FIRST].replaceAll('\n', '\r\n'));

    expect(await apply()).toEqual([]);
  });

  it('refuses when an applied migration is missing from the folder', async () => {
    await writeAll(FIRST, SECOND);
    await apply();
    await rm(join(folder.migrationsDir, FIRST), { recursive: true });
    await writeAll(THIRD);

    await expect(apply()).rejects.toMatchObject({
      code: 'HISTORY_CONFLICT',
      problems: [expect.objectContaining({ code: 'MISSING_FROM_FOLDER', migrationName: FIRST })],
    });
    expect(await tableExists(db.sql, 'pump')).toBe(false);
  });

  it('refuses while a migration failed by Prisma is neither finished nor rolled back', async () => {
    await writeAll(FIRST);
    await apply();
    await db.sql.query(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, logs) VALUES ($1, $2, $3, $4)`,
      ['00000000-0000-4000-8000-000000000000', migrationChecksum(SQL[SECOND]), SECOND, 'syntax error'],
    );
    await writeAll(SECOND, THIRD);

    await expect(apply()).rejects.toMatchObject({
      code: 'HISTORY_CONFLICT',
      problems: [expect.objectContaining({ code: 'FAILED_MIGRATION', migrationName: SECOND })],
    });
    expect(await tableExists(db.sql, 'pump')).toBe(false);
  });

  it('refuses a database that has tables but no migration history', async () => {
    await db.sql.exec('CREATE TABLE legacy (id integer)');
    await writeAll(FIRST);

    await expect(apply()).rejects.toMatchObject({
      problems: [expect.objectContaining({ code: 'DATABASE_NOT_EMPTY' })],
    });
  });

  it('applies each migration exactly once when two runners start together', async () => {
    // The first migration sleeps so that the second runner arrives while the first holds the lock.
    await write(FIRST, `SELECT pg_sleep(0.3);\n${SQL[FIRST]}`);
    await writeAll(SECOND, THIRD);
    const other = secondConnection(db);
    try {
      const results = await Promise.all([apply(db.sql), apply(other.sql)]);

      expect(results.flat().sort()).toEqual([FIRST, SECOND, THIRD]);
      expect(results.some((names) => names.length === 0)).toBe(true);
      expect((await historyRows(db.sql)).map((row) => row.migration_name)).toEqual([FIRST, SECOND, THIRD]);
    } finally {
      await other.close();
    }
  });
});

describe('migrationStatus', () => {
  let db: ScratchSqlDatabase;
  let folder: TempMigrationsFolder;
  beforeEach(async () => {
    [db, folder] = await Promise.all([createScratchSqlDatabase(), createTempMigrationsFolder()]);
  });
  afterEach(async () => {
    await Promise.all([db.close(), folder.remove()]);
  });

  it('reports applied, pending and problems without changing the database', async () => {
    await writeMigrationFolder(folder.migrationsDir, FIRST, SQL[FIRST]);
    expect(await migrationStatus(db.sql, await readMigrationFiles(folder.migrationsDir))).toEqual({
      applied: [],
      pending: [FIRST],
      problems: [],
    });
    expect(await tableExists(db.sql, '_prisma_migrations')).toBe(false);

    await applyMigrations(db.sql, await readMigrationFiles(folder.migrationsDir));
    await writeMigrationFolder(folder.migrationsDir, FIRST, `${SQL[FIRST]}-- edited\n`);
    await writeMigrationFolder(folder.migrationsDir, SECOND, SQL[SECOND]);

    const status = await migrationStatus(db.sql, await readMigrationFiles(folder.migrationsDir));
    expect(status).toMatchObject({ applied: [FIRST], pending: [SECOND] });
    expect(status.problems.map((problem) => problem.code)).toEqual(['CHECKSUM_MISMATCH']);
  });
});

/**
 * A second runner: on Postgres its own pool (another process, in effect); PGlite has a single
 * connection, so there the second runner shares the client.
 */
function secondConnection(db: ScratchSqlDatabase): { sql: SqlClient; close(): Promise<void> } {
  if (db.url === null) return { sql: db.sql, close: () => Promise.resolve() };
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  return { sql: createPgSqlClient(pool), close: () => pool.end() };
}

async function tableExists(sql: SqlClient, table: string): Promise<boolean> {
  const rows = await sql.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [table]);
  return (rows[0]?.found ?? null) !== null;
}

async function historyRows(sql: SqlClient) {
  return sql.query<{
    id: string;
    checksum: string;
    migration_name: string;
    finished: boolean;
    rolled_back: boolean;
    logs: string | null;
    applied_steps_count: number;
  }>(
    `SELECT id, checksum, migration_name, finished_at IS NOT NULL AS finished,
            rolled_back_at IS NOT NULL AS rolled_back, logs, applied_steps_count
     FROM _prisma_migrations ORDER BY started_at, migration_name`,
  );
}
