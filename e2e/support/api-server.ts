import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  createDatabase,
  type Database,
  defaultMigrationsDir,
  findRepoRoot,
  readMigrationFiles,
} from '@pumpdesk/db';
import { buildApp } from '../../apps/api/src/app.ts';
import { loadConfig } from '../../apps/api/src/config.ts';

export interface RunningApi {
  /** `http://127.0.0.1:<port>`, serving the API under /api and the built web app at /. */
  baseUrl: string;
  /** The API's own in-memory database, for the test to insert the rows it needs. */
  database: Database;
  close(): Promise<void>;
}

/**
 * apps/web/dist (or `E2E_WEB_DIST_DIR`, a build kept elsewhere): the API serves the built web app, so
 * browser tests need a build first.
 */
export function webDistDir(): string {
  const distDir = process.env.E2E_WEB_DIST_DIR ?? join(findRepoRoot(), 'apps', 'web', 'dist');
  if (!existsSync(join(distDir, 'index.html'))) {
    throw new Error(
      `The web app is not built (${distDir}/index.html is missing). ` +
        'Run `pnpm --filter @pumpdesk/web build` before `pnpm test:e2e`.',
    );
  }
  return distDir;
}

/**
 * The real API, in this process, on a random port, over an embedded in-memory database of its own
 * (migrated, empty: no demo data), so the test sees only the patients it creates.
 */
export async function startApi(): Promise<RunningApi> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', WEB_DIST_DIR: webDistDir() });
  const database = await createDatabase({ mode: 'embedded', dataDir: null });
  try {
    const expectedMigrations = await readMigrationFiles(defaultMigrationsDir());
    const app = await buildApp({ config, database, expectedMigrations });
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    return {
      baseUrl: address,
      database,
      async close() {
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
