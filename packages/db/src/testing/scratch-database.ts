import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { createPgSqlClient } from '../sql/pg-sql-client.ts';
import { createPgliteSqlClient } from '../sql/pglite-sql-client.ts';
import { type SqlClient } from '../sql/sql-client.ts';
import {
  createDatabaseNamed,
  databaseUrlFor,
  dropDatabaseNamed,
  testDatabaseAdminUrl,
  uniqueTestDatabaseName,
} from './admin-database.ts';

export interface ScratchSqlDatabase {
  readonly sql: SqlClient;
  /** The database's URL on the Postgres server; null for an in-memory PGlite. */
  readonly url: string | null;
  /** Closes the connections and drops the database. */
  close(): Promise<void>;
}

/**
 * An EMPTY database of the test's own, for tests of the migration tooling and other code that must
 * start from nothing. With TEST_DATABASE_URL: a new database on that server, dropped by close(). Without:
 * a new in-memory PGlite.
 */
export async function createScratchSqlDatabase(): Promise<ScratchSqlDatabase> {
  const adminUrl = testDatabaseAdminUrl();
  return adminUrl === null ? createEmbeddedScratch() : createPostgresScratch(adminUrl);
}

async function createPostgresScratch(adminUrl: string): Promise<ScratchSqlDatabase> {
  const databaseName = uniqueTestDatabaseName();
  await createDatabaseNamed(adminUrl, databaseName);
  const url = databaseUrlFor(adminUrl, databaseName);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  return {
    sql: createPgSqlClient(pool),
    url,
    async close() {
      await pool.end();
      await dropDatabaseNamed(adminUrl, databaseName);
    },
  };
}

/**
 * Starting PGlite runs initdb (about two seconds); cloning a started, untouched instance takes about
 * half that, so each test process starts one template and clones it. The template is never written to.
 */
let template: Promise<PGlite> | undefined;

async function createEmbeddedScratch(): Promise<ScratchSqlDatabase> {
  template ??= PGlite.create();
  const pglite = await (await template).clone();
  return {
    sql: createPgliteSqlClient(pglite),
    url: null,
    close: () => pglite.close(),
  };
}
