import { type Database, defaultMigrationsDir, type MigrationFile, readMigrationFiles } from '@pumpdesk/db';
import { createTestDatabase } from '@pumpdesk/db/testing';
import { type FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { recordRouteHits } from './route-hits.ts';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
}

/**
 * The real app over a real database (Postgres with TEST_DATABASE_URL, else embedded), for
 * `app.inject`. `database` lets a test build the app over a database it prepared itself; `env` adds
 * configuration variables (for example WEB_DIST_DIR to serve a web app).
 */
export async function buildTestApp(
  options: {
    database?: Database;
    expectedMigrations?: readonly MigrationFile[];
    env?: Record<string, string>;
  } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const expectedMigrations = options.expectedMigrations ?? (await readMigrationFiles(defaultMigrationsDir()));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...options.env });
  const app = await buildApp({ config, database, expectedMigrations });
  recordRouteHits(app);
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
