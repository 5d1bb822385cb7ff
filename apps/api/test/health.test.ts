import { createDatabase, defaultMigrationsDir, readMigrationFiles } from '@pumpdesk/db';
import { createTestDatabase } from '@pumpdesk/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';

describe('GET /api/health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 200 when the database is reachable and migrated', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: 'reachable', migrations: 'current' });
    expect(response.headers['x-request-id']).toBeTruthy();
  });

  it('answers 503 when this build ships a migration the database does not have', async () => {
    const shipped = await readMigrationFiles(defaultMigrationsDir());
    const database = await createTestDatabase();
    const withExtra = [
      ...shipped,
      {
        name: '29991231000000_not_applied_yet',
        directory: '/nowhere',
        sql: 'select 1;',
        checksum: 'x'.repeat(64),
      },
    ];
    const other = await buildTestApp({ database, expectedMigrations: withExtra });
    try {
      const response = await other.app.inject({ method: 'GET', url: '/api/health' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({
        status: 'unavailable',
        database: 'reachable',
        migrations: 'pending',
      });
    } finally {
      await other.close();
    }
  });

  it('answers 503 when the database is unreachable', async () => {
    const unreachable = await createDatabase({
      mode: 'postgres',
      url: 'postgres://postgres@127.0.0.1:9/nowhere',
      pool: { connectionTimeoutMs: 500 },
    });
    const other = await buildTestApp({ database: unreachable, as: null });
    try {
      const response = await other.app.inject({ method: 'GET', url: '/api/health' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({
        status: 'unavailable',
        database: 'unreachable',
        migrations: 'unknown',
      });
    } finally {
      await other.close();
    }
  });
});
