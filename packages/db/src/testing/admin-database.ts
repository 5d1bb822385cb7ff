import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Creating and dropping whole test databases on a Postgres server, through an admin URL
 * (TEST_DATABASE_URL: any database of the server, as a role allowed to CREATE DATABASE).
 */

/** Test set-up reads its one setting straight from the environment (not the app's config). */
export function testDatabaseAdminUrl(): string | null {
  const url = process.env['TEST_DATABASE_URL'];
  return url === undefined || url.trim() === '' ? null : url;
}

/** `pumpdesk_test_<milliseconds>_<random>`: unique per call, sortable, well under Postgres's 63 bytes. */
export function uniqueTestDatabaseName(): string {
  return `pumpdesk_test_${String(Date.now())}_${randomBytes(4).toString('hex')}`;
}

/** The admin URL pointing at another database of the same server. */
export function databaseUrlFor(adminUrl: string, databaseName: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
}

export async function createDatabaseNamed(adminUrl: string, databaseName: string): Promise<void> {
  await withAdminClient(adminUrl, async (client) => {
    await client.query(`CREATE DATABASE ${quoteName(databaseName)}`);
  });
}

/**
 * Drops the database, first giving connections still closing (a test worker's pool ending as the run
 * finishes) a few seconds to go; only then are the rest cut off (a test that forgot to close). Cutting
 * off a connection in the middle of its goodbye surfaces as an unhandled error in that worker.
 */
export async function dropDatabaseNamed(
  adminUrl: string,
  databaseName: string,
  graceMs = 10_000,
): Promise<void> {
  await withAdminClient(adminUrl, async (client) => {
    const deadline = Date.now() + graceMs;
    for (;;) {
      const result = await client.query<{ open: number }>(
        'SELECT count(*)::int AS open FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [databaseName],
      );
      if ((result.rows[0]?.open ?? 0) === 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await client.query(`DROP DATABASE IF EXISTS ${quoteName(databaseName)} WITH (FORCE)`);
  });
}

/**
 * Database names cannot be query parameters; the names we create are generated, so a strict pattern
 * check before quoting is enough to keep anything else out.
 */
function quoteName(databaseName: string): string {
  if (!/^[a-z0-9_]{1,63}$/.test(databaseName)) throw new Error(`Unexpected database name: ${databaseName}`);
  return `"${databaseName}"`;
}

async function withAdminClient(adminUrl: string, work: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
