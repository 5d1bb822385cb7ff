import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createDatabase } from './database-factory.ts';
import { createScratchSqlDatabase } from './testing/scratch-database.ts';

describe('createDatabase', () => {
  it('embedded: opens an in-memory database, migrated, that Prisma can use', async () => {
    const db = await createDatabase({ mode: 'embedded', dataDir: null });
    try {
      expect(db.mode).toBe('embedded');
      expect(await db.prisma.patient.count()).toBe(0);
      const [row] = await db.sql.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM _prisma_migrations',
      );
      expect(row?.count).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  });

  // A Postgres restart (or a DBA ending sessions) kills the pool's idle connections. That must not
  // crash the process: the pool reports the error, drops the connection and opens a new one.
  it.runIf(process.env['TEST_DATABASE_URL'])('postgres: survives its connections being cut off', async () => {
    const scratch = await createScratchSqlDatabase();
    const errors: Error[] = [];
    const db = await createDatabase({
      mode: 'postgres',
      url: scratch.url ?? '',
      pool: { max: 2 },
      onConnectionError: (error) => errors.push(error),
    });
    const admin = new pg.Client({ connectionString: process.env['TEST_DATABASE_URL'] });
    await admin.connect();
    try {
      await db.sql.query('SELECT 1');
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [
        new URL(scratch.url ?? '').pathname.slice(1),
      ]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(errors.length).toBeGreaterThan(0);
      const rows = await db.sql.query<{ ok: number }>('SELECT 1 AS ok');
      expect(rows).toEqual([{ ok: 1 }]);
    } finally {
      await admin.end();
      await db.close();
      await scratch.close();
    }
  });

  it.runIf(process.env['TEST_DATABASE_URL'])(
    'postgres: cancels statements that run past the timeout',
    async () => {
      const scratch = await createScratchSqlDatabase();
      const db = await createDatabase({
        mode: 'postgres',
        url: scratch.url ?? '',
        pool: { statementTimeoutMs: 200 },
      });
      try {
        await expect(db.sql.query('SELECT pg_sleep(2)')).rejects.toThrow(/statement timeout/);
      } finally {
        await db.close();
        await scratch.close();
      }
    },
  );
});
