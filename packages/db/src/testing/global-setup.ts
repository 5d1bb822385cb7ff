import { type TestProject } from 'vitest/node';
import {
  createDatabaseNamed,
  databaseUrlFor,
  dropDatabaseNamed,
  testDatabaseAdminUrl,
  uniqueTestDatabaseName,
} from './admin-database.ts';

/**
 * Vitest global set-up (vitest.config.ts). With TEST_DATABASE_URL set, the run gets a fresh Postgres
 * database of its own, dropped at the end, so runs never see each other's rows; tests read its URL with
 * `inject('databaseUrl')`. Without it, tests use in-memory PGlite and `databaseUrl` is null.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's Postgres database, or null when tests use the embedded database. */
    databaseUrl: string | null;
  }
}

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const adminUrl = testDatabaseAdminUrl();
  if (adminUrl === null) {
    project.provide('databaseUrl', null);
    return () => Promise.resolve();
  }
  const databaseName = uniqueTestDatabaseName();
  await createDatabaseNamed(adminUrl, databaseName);
  project.provide('databaseUrl', databaseUrlFor(adminUrl, databaseName));
  return () => dropDatabaseNamed(adminUrl, databaseName);
}
