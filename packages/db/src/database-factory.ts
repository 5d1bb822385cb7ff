import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from './generated/prisma/client.ts';
import { applyMigrations } from './migrations/apply-migrations.ts';
import { readMigrationFiles } from './migrations/migration-files.ts';
import { defaultMigrationsDir } from './paths.ts';
import { createPgSqlClient } from './sql/pg-sql-client.ts';
import { createPgliteSqlClient } from './sql/pglite-sql-client.ts';
import { type SqlClient } from './sql/sql-client.ts';

export type DatabaseMode = 'postgres' | 'embedded';

export interface PoolSettings {
  /** Most connections open at once. */
  max: number;
  /** How long to wait for a connection before failing the request. */
  connectionTimeoutMs: number;
  /** Postgres cancels any statement running longer than this. */
  statementTimeoutMs: number;
  /** Idle connections are closed after this. */
  idleTimeoutMs: number;
}

export const defaultPoolSettings: PoolSettings = {
  max: 10,
  connectionTimeoutMs: 5_000,
  statementTimeoutMs: 15_000,
  idleTimeoutMs: 30_000,
};

/**
 * Prisma caches a compiled plan per distinct query; a bulk `createMany` is distinct every time and its
 * plan holds its rows, so a bulk job (seeding 100,000 patients) grows the cache by megabytes per batch
 * (measured: ~60 MB per 100 demo patients). One-off jobs pass 0 to switch the cache off; the app keeps
 * Prisma's default.
 */
interface CommonOptions {
  queryPlanCacheMaxSize?: number;
}

const planCache = (size: number | undefined) => (size === undefined ? {} : { queryPlanCacheMaxSize: size });

export type DatabaseOptions = CommonOptions &
  (
    | {
        mode: 'postgres';
        url: string;
        pool?: Partial<PoolSettings>;
        /** Errors on idle connections (a Postgres restart): reported here instead of crashing. */
        onConnectionError?: (error: Error) => void;
      }
    | {
        mode: 'embedded';
        /** Folder holding the database files; null keeps the database in memory (tests). */
        dataDir: string | null;
        /** Apply pending migrations when opening (default true: the embedded database migrates itself). */
        migrate?: boolean;
        migrationsDir?: string;
      }
  );

/** An open database: Prisma for the data layer, plain SQL for migrations, health and test set-up. */
export interface Database {
  readonly mode: DatabaseMode;
  readonly prisma: PrismaClient;
  readonly sql: SqlClient;
  close(): Promise<void>;
}

/**
 * Opens PumpDesk's database. The only place that knows which kind is in use: a Postgres server
 * through `@prisma/adapter-pg` with a bounded pool, or an embedded Postgres (PGlite, compiled to
 * WebAssembly) kept in a folder or in memory. See docs/decisions/002-embedded-database-default.md.
 */
export async function createDatabase(options: DatabaseOptions): Promise<Database> {
  switch (options.mode) {
    case 'postgres':
      return openPostgres(
        options.url,
        { ...defaultPoolSettings, ...options.pool },
        options.onConnectionError,
        options.queryPlanCacheMaxSize,
      );
    case 'embedded':
      return openEmbedded(
        options.dataDir,
        options.migrate ?? true,
        options.migrationsDir,
        options.queryPlanCacheMaxSize,
      );
  }
}

function openPostgres(
  url: string,
  settings: PoolSettings,
  onConnectionError: (error: Error) => void = () => undefined,
  queryPlanCacheMaxSize?: number,
): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: settings.max,
    connectionTimeoutMillis: settings.connectionTimeoutMs,
    idleTimeoutMillis: settings.idleTimeoutMs,
    statement_timeout: settings.statementTimeoutMs,
    application_name: 'pumpdesk',
  });
  // An idle client whose server went away emits 'error' on the pool; unhandled, it would crash the
  // process. The pool drops that client and opens a new one on the next query.
  pool.on('error', onConnectionError);
  const adapter = new PrismaPg(pool, { onPoolError: onConnectionError, onConnectionError });
  const prisma = new PrismaClient({ adapter, ...planCache(queryPlanCacheMaxSize) });
  return {
    mode: 'postgres',
    prisma,
    sql: createPgSqlClient(pool),
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function openEmbedded(
  dataDir: string | null,
  migrate: boolean,
  migrationsDir: string | undefined,
  queryPlanCacheMaxSize: number | undefined,
): Promise<Database> {
  if (dataDir !== null) await mkdir(dataDir, { recursive: true });
  const pglite = dataDir === null ? new PGlite() : new PGlite(dataDir);
  await pglite.waitReady;
  const sql = createPgliteSqlClient(pglite);
  try {
    if (migrate)
      await applyMigrations(sql, await readMigrationFiles(migrationsDir ?? defaultMigrationsDir()));
  } catch (error) {
    await pglite.close();
    throw error;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite), ...planCache(queryPlanCacheMaxSize) });
  return {
    mode: 'embedded',
    prisma,
    sql,
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
