import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TWO_MODEL_DATAMODEL, TWO_MODEL_DATAMODEL_WITH_HIGH_RISK } from '../testing/datamodels.ts';
import {
  createTempMigrationsFolder,
  writeMigrationFolder,
  type TempMigrationsFolder,
} from '../testing/migration-fixtures.ts';
import {
  EMPTY_MIGRATION_SQL,
  formatMigrationTimestamp,
  generateMigration,
  validateMigrationName,
} from './generate-migration.ts';
import { MIGRATION_LOCK_CONTENT } from './migration-files.ts';
import { diffSchemas, isEmptyDiff, openSchemaDiffer, type SchemaDiffer } from './schema-engine.ts';

// Starting the wasm engine takes seconds, a diff milliseconds: one engine for the whole file.
let differ: SchemaDiffer;
beforeAll(async () => {
  differ = await openSchemaDiffer();
});
afterAll(async () => {
  await differ.close();
});

describe('diffSchemas', () => {
  it('creates the tables, indexes and foreign keys of a datamodel, starting from an empty database', async () => {
    const sql = await diffSchemas(null, TWO_MODEL_DATAMODEL);

    expect(sql).toContain(`-- CreateEnum\nCREATE TYPE "PatientStatus" AS ENUM ('active', 'inactive');`);
    expect(sql).toContain('-- CreateTable\nCREATE TABLE "site" (');
    expect(sql).toContain('CREATE TABLE "patient" (');
    expect(sql).toContain('CREATE UNIQUE INDEX "site_name_key" ON "site"("name");');
    expect(sql).toContain('CREATE INDEX "patient_site_id_idx" ON "patient"("site_id");');
    expect(sql).toContain(
      'FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;',
    );
    // `prisma migrate dev` never writes this for the public schema (see normaliseDiff).
    expect(sql).not.toContain('CREATE SCHEMA');
  });

  it('adds a column for a new field', async () => {
    const sql = await differ.diff(TWO_MODEL_DATAMODEL, TWO_MODEL_DATAMODEL_WITH_HIGH_RISK);

    expect(sql.trim()).toBe(
      '-- AlterTable\nALTER TABLE "patient" ADD COLUMN     "high_risk" BOOLEAN NOT NULL DEFAULT false;',
    );
  });

  it('returns an empty script when only comments and layout changed', async () => {
    const reformatted = `// a comment\n${TWO_MODEL_DATAMODEL.replaceAll('\n\n', '\n\n\n')}`;

    expect(await differ.diff(TWO_MODEL_DATAMODEL, reformatted)).toBe('');
    expect(isEmptyDiff('-- This is an empty migration.\n')).toBe(true);
  });

  it('rejects an invalid datamodel with Prisma’s validation message', async () => {
    await expect(
      differ.diff(null, `${TWO_MODEL_DATAMODEL}\nmodel Broken {\n  id Nope @id\n}\n`),
    ).rejects.toThrow(/Nope/);
  });
});

describe('generateMigration', () => {
  let folder: TempMigrationsFolder;
  beforeEach(async () => {
    folder = await createTempMigrationsFolder();
    await writeFile(folder.schemaPath, TWO_MODEL_DATAMODEL);
  });
  afterEach(async () => {
    await folder.remove();
  });

  const generate = (name: string, extra: { empty?: boolean; now?: Date } = {}) =>
    generateMigration({
      schemaPath: folder.schemaPath,
      migrationsDir: folder.migrationsDir,
      name,
      differ,
      ...extra,
    });
  const read = (...path: string[]) => readFile(join(folder.migrationsDir, ...path), 'utf8');
  const now = new Date('2025-03-04T05:06:07.890Z');

  it('writes Prisma’s folder layout: <timestamp>_<name>/migration.sql, the snapshot and the lock file', async () => {
    const result = await generate('init', { now });

    expect(result).toMatchObject({ kind: 'created', migrationName: '20250304050607_init' });
    expect(await readdir(folder.migrationsDir)).toEqual(['20250304050607_init', 'migration_lock.toml']);
    expect(await read('20250304050607_init', 'migration.sql')).toMatch(/^-- CreateEnum\nCREATE TYPE/);
    expect(await read('20250304050607_init', 'schema.prisma')).toBe(TWO_MODEL_DATAMODEL);
    expect(await read('migration_lock.toml')).toBe(MIGRATION_LOCK_CONTENT);
  });

  it('writes nothing when the schema has not changed since the newest snapshot', async () => {
    await generate('init', { now });

    expect(await generate('nothing_new')).toEqual({ kind: 'unchanged' });
    expect(await readdir(folder.migrationsDir)).toEqual(['20250304050607_init', 'migration_lock.toml']);
  });

  it('migrates from the newest snapshot, and sorts after it even when the clock does not', async () => {
    await generate('init', { now });
    await writeFile(folder.schemaPath, TWO_MODEL_DATAMODEL_WITH_HIGH_RISK);

    const result = await generate('add_high_risk', { now });

    expect(result).toMatchObject({ kind: 'created', migrationName: '20250304050608_add_high_risk' });
    expect(await read('20250304050608_add_high_risk', 'migration.sql')).toContain(
      'ALTER TABLE "patient" ADD COLUMN     "high_risk" BOOLEAN NOT NULL DEFAULT false;',
    );
    expect(await read('20250304050608_add_high_risk', 'schema.prisma')).toBe(
      TWO_MODEL_DATAMODEL_WITH_HIGH_RISK,
    );
  });

  it('writes an empty migration for hand-written SQL, carrying the snapshot over unchanged', async () => {
    await generate('init', { now });
    await writeFile(folder.schemaPath, TWO_MODEL_DATAMODEL_WITH_HIGH_RISK);

    const result = await generate('add_checks', { empty: true, now: new Date('2025-03-05T00:00:00Z') });

    expect(result).toMatchObject({ kind: 'created', sql: EMPTY_MIGRATION_SQL });
    expect(await read('20250305000000_add_checks', 'schema.prisma')).toBe(TWO_MODEL_DATAMODEL);
  });

  it('refuses to guess when the newest migration has no snapshot', async () => {
    await writeMigrationFolder(folder.migrationsDir, '20250101000000_by_hand', 'SELECT 1;\n');

    await expect(generate('next')).rejects.toThrow(/20250101000000_by_hand, has no schema.prisma snapshot/);
  });
});

describe('validateMigrationName', () => {
  it('accepts snake_case only', () => {
    expect(validateMigrationName('add_pump_alarm_volume_2')).toBe('add_pump_alarm_volume_2');
    for (const bad of ['', 'Add_pump', 'add-pump', 'add pump', 'add__pump', '_add', 'add_', 'ajout_é']) {
      expect(() => validateMigrationName(bad), bad).toThrow(/Invalid migration name/);
    }
  });
});

describe('formatMigrationTimestamp', () => {
  it('is YYYYMMDDHHMMSS in UTC', () => {
    expect(formatMigrationTimestamp(new Date('2025-12-31T23:59:59.999-02:00'))).toBe('20260101015959');
  });
});
