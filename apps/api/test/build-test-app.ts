import { type Database, defaultMigrationsDir, type MigrationFile, readMigrationFiles } from '@pumpdesk/db';
import { createTestDatabase } from '@pumpdesk/db/testing';
import { type FastifyInstance, type InjectOptions, type LightMyRequestResponse } from 'fastify';
import { type DestinationStream } from 'pino';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { recordRouteHits } from './route-hits.ts';
import { asSession, createTestSession, type TestIdentity, type TestSession } from './test-sessions.ts';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  /** The session `app.inject` sends by default (null: signed out). */
  session: TestSession | null;
  /** A request as another user (or signed out with null), whatever the default is. */
  injectAs(session: TestSession | null, options: InjectOptions): Promise<LightMyRequestResponse>;
  /** A new user with an active session. */
  signIn(identity: TestIdentity): Promise<TestSession>;
  close(): Promise<void>;
}

/**
 * The real app over a real database (Postgres with TEST_DATABASE_URL, else embedded), for
 * `app.inject`. Every `app.inject` is sent as `as` (default: a physician working at every site, who
 * may do every clinical write), with the session cookie and CSRF header a browser would send; `as:
 * null` sends requests signed out. `database` lets a test build the app over a database it prepared
 * itself; `env` adds configuration variables; `clock` replaces the app's clock (sessions, sign-in).
 */
export async function buildTestApp(
  options: {
    database?: Database;
    expectedMigrations?: readonly MigrationFile[];
    env?: Record<string, string>;
    as?: TestIdentity | null;
    clock?: () => Date;
    /** Where the app logs (set LOG_LEVEL in `env` too: tests log nothing by default). */
    logStream?: DestinationStream;
  } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const expectedMigrations = options.expectedMigrations ?? (await readMigrationFiles(defaultMigrationsDir()));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...options.env });
  const clock = options.clock ?? (() => new Date());
  const app = await buildApp({ config, database, expectedMigrations, clock, logStream: options.logStream });
  recordRouteHits(app);
  const identity = options.as === undefined ? { role: 'physician' as const } : options.as;
  const session = identity ? await createTestSession(database, identity, clock()) : null;
  const inject = app.inject.bind(app) as (options: InjectOptions) => Promise<LightMyRequestResponse>;
  // Tests call app.inject(options): the default session rides along unless a test sends its own.
  (app as { inject: unknown }).inject = (request: InjectOptions) => inject(asSession(session, request));
  return {
    app,
    database,
    session,
    injectAs: (as, request) => inject(asSession(as, request)),
    signIn: (who) => createTestSession(database, who, clock()),
    async close() {
      await app.close();
      await database.close();
    },
  };
}
