import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { createPgliteSqlClient } from '../sql/pglite-sql-client.ts';
import { applyMigrations } from './apply-migrations.ts';
import { diffCatalogs, readCatalog } from './catalog.ts';
import { MigrationError } from './migration-error.ts';
import {
  lockProvider,
  MIGRATION_LOCK_FILE,
  type MigrationFile,
  readLatestSnapshot,
  readMigrationFiles,
  readMigrationLock,
  SCHEMA_SNAPSHOT_FILE,
} from './migration-files.ts';
import { type SchemaDiffer, withSchemaDiffer } from './schema-engine.ts';

export interface DriftCheckOptions {
  schemaPath: string;
  migrationsDir: string;
  /** An engine to reuse; without one a temporary engine is started. */
  differ?: SchemaDiffer;
}

export type DriftProblem =
  /** schema.prisma has changes no migration covers; `sql` is the migration they need. */
  | { readonly code: 'SCHEMA_NOT_MIGRATED'; readonly message: string; readonly sql: string }
  /** The migrations build a different structure than the newest snapshot describes. */
  | {
      readonly code: 'MIGRATIONS_DIFFER_FROM_SNAPSHOT';
      readonly message: string;
      readonly differences: string[];
    }
  | { readonly code: 'SNAPSHOT_MISSING'; readonly message: string }
  | { readonly code: 'MIGRATION_FAILED'; readonly message: string };

export interface DriftReport {
  readonly problems: readonly DriftProblem[];
  /** Worth fixing, not failing for (a missing migration_lock.toml). */
  readonly warnings: readonly string[];
  readonly migrationCount: number;
  readonly latestMigration: string | null;
}

/**
 * Does the migrations folder still describe the database that schema.prisma describes? Two checks:
 * (a) schema.prisma against the newest migration's snapshot, with Prisma's engine (a change nobody made a
 * migration for); (b) the structure all migrations build against the structure the snapshot describes,
 * each built in a fresh in-memory PGlite (a migration.sql edited by hand, or a snapshot that lies).
 */
export async function checkDrift(options: DriftCheckOptions): Promise<DriftReport> {
  const migrations = await readMigrationFiles(options.migrationsDir);
  // Like Prisma, the lock file comes with the first migration.
  const warnings = migrations.length === 0 ? [] : await lockFileWarnings(options.migrationsDir);
  const latest = await readLatestSnapshot(options.migrationsDir);
  const report = {
    warnings,
    migrationCount: migrations.length,
    latestMigration: migrations.at(-1)?.name ?? null,
  };
  if (latest.kind === 'missing') {
    const message =
      `The newest migration, ${latest.migrationName}, has no ${SCHEMA_SNAPSHOT_FILE} snapshot: copy the ` +
      `schema.prisma it brings the database to into its folder.`;
    return { ...report, problems: [{ code: 'SNAPSHOT_MISSING', message }] };
  }
  const snapshot = latest.kind === 'found' ? latest.datamodel : null;
  const current = await readFile(options.schemaPath, 'utf8');
  const problems = await withSchemaDiffer(options.differ, async (differ) => {
    const unmigrated = await checkSchemaAgainstSnapshot(differ, snapshot, current);
    const differing =
      snapshot === null ? [] : await checkMigrationsAgainstSnapshot(differ, migrations, snapshot);
    return [...unmigrated, ...differing];
  });
  return { ...report, problems };
}

async function checkSchemaAgainstSnapshot(
  differ: SchemaDiffer,
  snapshot: string | null,
  current: string,
): Promise<DriftProblem[]> {
  const sql = await differ.diff(snapshot, current);
  if (sql.trim() === '') return [];
  const message =
    `prisma/schema.prisma has changes that no migration covers. ` +
    `Run \`pnpm db:migration <name>\` to create the migration; it would contain:\n\n${sql.trimEnd()}`;
  return [{ code: 'SCHEMA_NOT_MIGRATED', message, sql }];
}

async function checkMigrationsAgainstSnapshot(
  differ: SchemaDiffer,
  migrations: readonly MigrationFile[],
  snapshot: string,
): Promise<DriftProblem[]> {
  const snapshotSql = await differ.diff(null, snapshot);
  // Starting PGlite runs initdb; a clone of a fresh instance is about twice as fast.
  const built = await PGlite.create();
  const described = await built.clone();
  try {
    try {
      await applyMigrations(createPgliteSqlClient(built), migrations);
    } catch (error) {
      if (!(error instanceof MigrationError)) throw error;
      return [
        {
          code: 'MIGRATION_FAILED',
          message: `The migrations do not apply to an empty database: ${error.message}`,
        },
      ];
    }
    await described.exec(snapshotSql);
    const differences = diffCatalogs(
      await readCatalog(createPgliteSqlClient(built)),
      await readCatalog(createPgliteSqlClient(described)),
    );
    if (differences.length === 0) return [];
    const latest = migrations.at(-1)?.name ?? '';
    const message =
      `The migrations build a different database than ${latest}/${SCHEMA_SNAPSHOT_FILE} describes ` +
      `(was a migration.sql edited?):\n${differences.map((difference) => `  - ${difference}`).join('\n')}`;
    return [{ code: 'MIGRATIONS_DIFFER_FROM_SNAPSHOT', message, differences }];
  } finally {
    await Promise.all([built.close(), described.close()]);
  }
}

async function lockFileWarnings(migrationsDir: string): Promise<string[]> {
  const lock = await readMigrationLock(migrationsDir);
  if (lock === null) {
    return [
      `${MIGRATION_LOCK_FILE} is missing from the migrations folder; \`pnpm db:migration\` writes it ` +
        `(Prisma uses it to check the provider).`,
    ];
  }
  const provider = lockProvider(lock);
  return provider === 'postgresql'
    ? []
    : [`${MIGRATION_LOCK_FILE} names provider ${String(provider)}, but these migrations are for postgresql.`];
}

/** The check's verdict for people: one line when all is well. */
export function formatDriftReport(report: DriftReport): string {
  if (report.problems.length === 0) {
    const latest = report.latestMigration === null ? 'no migrations yet' : `latest ${report.latestMigration}`;
    return `OK: prisma/schema.prisma and ${String(report.migrationCount)} migration(s) agree (${latest}).`;
  }
  return report.problems.map((problem) => `✗ ${problem.message}`).join('\n\n');
}
