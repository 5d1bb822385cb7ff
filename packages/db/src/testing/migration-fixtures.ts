import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATION_SCRIPT_FILE, SCHEMA_SNAPSHOT_FILE } from '../migrations/migration-files.ts';

/** A throw-away folder for a test's own migrations and schema; `remove` deletes it. */
export interface TempMigrationsFolder {
  /** The temp folder, laid out like the repo: `<root>/prisma/schema.prisma`, `<root>/prisma/migrations`. */
  readonly root: string;
  readonly schemaPath: string;
  readonly migrationsDir: string;
  remove(): Promise<void>;
}

export async function createTempMigrationsFolder(): Promise<TempMigrationsFolder> {
  const root = await mkdtemp(join(tmpdir(), 'pumpdesk-migrations-'));
  const migrationsDir = join(root, 'prisma', 'migrations');
  await mkdir(migrationsDir, { recursive: true });
  return {
    root,
    schemaPath: join(root, 'prisma', 'schema.prisma'),
    migrationsDir,
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

/** Writes `<migrationsDir>/<name>/migration.sql` (and the snapshot, when given). */
export async function writeMigrationFolder(
  migrationsDir: string,
  name: string,
  sql: string,
  snapshot?: string,
): Promise<string> {
  const directory = join(migrationsDir, name);
  await mkdir(directory, { recursive: true });
  await writeFile(join(directory, MIGRATION_SCRIPT_FILE), sql);
  if (snapshot !== undefined) await writeFile(join(directory, SCHEMA_SNAPSHOT_FILE), snapshot);
  return directory;
}
