import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ensureMigrationLock,
  listMigrationNames,
  MIGRATION_SCRIPT_FILE,
  readLatestSnapshot,
  SCHEMA_SNAPSHOT_FILE,
} from './migration-files.ts';
import { type SchemaDiffer, withSchemaDiffer } from './schema-engine.ts';

export interface GenerateMigrationOptions {
  /** The datamodel to migrate to (the repo's prisma/schema.prisma). */
  schemaPath: string;
  migrationsDir: string;
  /** snake_case; the folder becomes `<UTC timestamp>_<name>`. */
  name: string;
  /** Write an empty migration for hand-written SQL; the snapshot is carried over unchanged. */
  empty?: boolean;
  /** The clock, for the folder's timestamp. */
  now?: Date;
  /** An engine to reuse; without one a temporary engine is started. */
  differ?: SchemaDiffer;
}

export type GenerateMigrationResult =
  | {
      readonly kind: 'created';
      readonly migrationName: string;
      readonly directory: string;
      readonly sql: string;
    }
  | { readonly kind: 'unchanged' };

/** What `prisma migrate dev --create-only` writes when there is nothing to migrate. */
export const EMPTY_MIGRATION_SQL = '-- This is an empty migration.\n';
/** The snapshot of "no models yet", for an empty first migration. */
const EMPTY_DATAMODEL = 'datasource db {\n  provider = "postgresql"\n}\n';

/**
 * Writes the migration that takes the database from the newest migration's snapshot to the current
 * schema: `migration.sql` as the engine generates it, plus `schema.prisma`, a copy of the schema it
 * migrates to (the starting point for the next one). Writes nothing when the schema has not changed.
 */
export async function generateMigration(options: GenerateMigrationOptions): Promise<GenerateMigrationResult> {
  const name = validateMigrationName(options.name);
  const previous = await previousDatamodel(options.migrationsDir);
  const current = await readFile(options.schemaPath, 'utf8');
  await mkdir(options.migrationsDir, { recursive: true });
  await ensureMigrationLock(options.migrationsDir);

  let sql = EMPTY_MIGRATION_SQL;
  let snapshot = previous ?? EMPTY_DATAMODEL;
  if (options.empty !== true) {
    sql = await withSchemaDiffer(options.differ, (differ) => differ.diff(previous, current));
    if (sql.trim() === '') return { kind: 'unchanged' };
    snapshot = current;
  }

  const migrationName = await nextMigrationName(options.migrationsDir, name, options.now ?? new Date());
  const directory = join(options.migrationsDir, migrationName);
  await mkdir(directory); // not recursive: fails rather than overwrite an existing migration
  await writeFile(join(directory, MIGRATION_SCRIPT_FILE), sql);
  await writeFile(join(directory, SCHEMA_SNAPSHOT_FILE), snapshot);
  return { kind: 'created', migrationName, directory, sql };
}

/** The datamodel the newest migration leads to; null before the first migration. */
async function previousDatamodel(migrationsDir: string): Promise<string | null> {
  const latest = await readLatestSnapshot(migrationsDir);
  switch (latest.kind) {
    case 'none':
      return null;
    case 'found':
      return latest.datamodel;
    case 'missing':
      throw new Error(
        `The newest migration, ${latest.migrationName}, has no ${SCHEMA_SNAPSHOT_FILE} snapshot, so the ` +
          `next migration has no starting point. Copy the schema.prisma that migration brings the database ` +
          `to into its folder, then try again.`,
      );
  }
}

const MIGRATION_NAME = /^[a-z0-9]+(?:_[a-z0-9]+)*$/;

/** Returns the name when it is snake_case (lower-case letters, digits, single underscores). */
export function validateMigrationName(name: string): string {
  if (!MIGRATION_NAME.test(name) || name.length > 200) {
    throw new Error(
      `Invalid migration name "${name}": use snake_case, lower-case letters, digits and _ (at most 200 ` +
        `characters), e.g. add_pump_alarm_volume.`,
    );
  }
  return name;
}

/** `YYYYMMDDHHMMSS` in UTC, the prefix `prisma migrate dev` gives migration folders. */
export function formatMigrationTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * `<timestamp>_<name>`, moved past the newest migration when the clock says otherwise (two migrations
 * in one second, a clock behind a colleague's): migrations apply in folder-name order, so a new one must
 * sort last.
 */
async function nextMigrationName(migrationsDir: string, name: string, now: Date): Promise<string> {
  const latest = (await listMigrationNames(migrationsDir)).at(-1);
  const latestAt = latest === undefined ? null : parseMigrationTimestamp(latest);
  const second = Math.floor(now.getTime() / 1000) * 1000;
  const at = latestAt !== null && second <= latestAt.getTime() ? latestAt.getTime() + 1000 : second;
  return `${formatMigrationTimestamp(new Date(at))}_${name}`;
}

function parseMigrationTimestamp(migrationName: string): Date | null {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(migrationName);
  if (match === null) return null;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  return new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0, second ?? 0));
}
