// `pnpm db:migrate`: applies pending migrations to DATABASE_URL, or else to the embedded database in
// PUMPDESK_DATA_DIR. See docs/decisions/001-offline-migrations.md.
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { applyMigrations, MigrationError } from '../migrations/apply-migrations.ts';
import { readMigrationFiles } from '../migrations/migration-files.ts';
import { defaultDataDir, defaultMigrationsDir, findRepoRoot } from '../paths.ts';
import { createPgSqlClient } from '../sql/pg-sql-client.ts';
import { createPgliteSqlClient } from '../sql/pglite-sql-client.ts';
import { type SqlClient } from '../sql/sql-client.ts';

type Target = { kind: 'postgres'; url: string } | { kind: 'embedded'; dataDir: string };

/** The CLI's only reading of the environment (the API has its own config module). */
function readTarget(env: NodeJS.ProcessEnv, root: string): Target {
  const url = env['DATABASE_URL']?.trim();
  if (url) return { kind: 'postgres', url };
  const dataDir = env['PUMPDESK_DATA_DIR']?.trim();
  return { kind: 'embedded', dataDir: dataDir ? dataDir : defaultDataDir(root) };
}

interface OpenTarget {
  sql: SqlClient;
  description: string;
  close(): Promise<void>;
}

async function open(target: Target): Promise<OpenTarget> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: 1, application_name: 'pumpdesk-migrate' });
    return {
      sql: createPgSqlClient(pool),
      description: withoutPassword(target.url),
      close: () => pool.end(),
    };
  }
  await mkdir(target.dataDir, { recursive: true });
  const pglite = await PGlite.create(target.dataDir);
  return {
    sql: createPgliteSqlClient(pglite),
    description: `the embedded database in ${target.dataDir}`,
    close: () => pglite.close(),
  };
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

async function main(): Promise<number> {
  const root = findRepoRoot();
  const migrations = await readMigrationFiles(defaultMigrationsDir(root));
  const target = await open(readTarget(process.env, root));
  try {
    console.log(`Migrating ${target.description} (${String(migrations.length)} migration(s) in the folder)`);
    const applied = await applyMigrations(target.sql, migrations, {
      onApplied: (name) => {
        console.log(`  applied ${name}`);
      },
    });
    console.log(
      applied.length === 0 ? 'Database is up to date' : `Applied ${String(applied.length)} migration(s)`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof MigrationError)) throw error;
    console.error(error.message);
    return 1;
  } finally {
    await target.close();
  }
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  return 1;
});
