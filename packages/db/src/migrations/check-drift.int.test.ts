import { appendFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TWO_MODEL_DATAMODEL, TWO_MODEL_DATAMODEL_WITH_HIGH_RISK } from '../testing/datamodels.ts';
import {
  createTempMigrationsFolder,
  writeMigrationFolder,
  type TempMigrationsFolder,
} from '../testing/migration-fixtures.ts';
import { checkDrift, type DriftReport, formatDriftReport } from './check-drift.ts';
import { generateMigration } from './generate-migration.ts';
import { openSchemaDiffer, type SchemaDiffer } from './schema-engine.ts';

// One engine for the file: starting it takes seconds. Each check still builds two fresh PGlites.
let differ: SchemaDiffer;
beforeAll(async () => {
  differ = await openSchemaDiffer();
});
afterAll(async () => {
  await differ.close();
});

describe('checkDrift', () => {
  let folder: TempMigrationsFolder;
  let initSql: string;
  beforeEach(async () => {
    folder = await createTempMigrationsFolder();
    await writeFile(folder.schemaPath, TWO_MODEL_DATAMODEL);
    const result = await generateMigration({
      ...paths(),
      name: 'init',
      differ,
      now: new Date('2025-01-01T00:00:00Z'),
    });
    if (result.kind !== 'created') throw new Error('expected the init migration');
    initSql = join(result.directory, 'migration.sql');
  });
  afterEach(async () => {
    await folder.remove();
  });

  const paths = () => ({ schemaPath: folder.schemaPath, migrationsDir: folder.migrationsDir });
  const check = () => checkDrift({ ...paths(), differ });
  const codes = (report: DriftReport) => report.problems.map((problem) => problem.code);

  it('passes with one OK line when the schema, the snapshot and the migrations agree', async () => {
    const report = await check();

    expect(report.problems).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(formatDriftReport(report)).toBe(
      'OK: prisma/schema.prisma and 1 migration(s) agree (latest 20250101000000_init).',
    );
  });

  it('fails, naming the change, when a field was added without a migration', async () => {
    await writeFile(folder.schemaPath, TWO_MODEL_DATAMODEL_WITH_HIGH_RISK);

    const report = await check();

    expect(codes(report)).toEqual(['SCHEMA_NOT_MIGRATED']);
    const output = formatDriftReport(report);
    expect(output).toContain(
      'ALTER TABLE "patient" ADD COLUMN     "high_risk" BOOLEAN NOT NULL DEFAULT false;',
    );
    expect(output).toContain('pnpm db:migration <name>');
  });

  it('passes again once the migration for that field exists', async () => {
    await writeFile(folder.schemaPath, TWO_MODEL_DATAMODEL_WITH_HIGH_RISK);
    await generateMigration({ ...paths(), name: 'add_high_risk', differ });

    expect((await check()).problems).toEqual([]);
  });

  it('fails, naming the column, when a migration.sql was edited to drop a column', async () => {
    await appendFile(initSql, '\nALTER TABLE "patient" DROP COLUMN "mrn";\n');

    const report = await check();

    expect(codes(report)).toEqual(['MIGRATIONS_DIFFER_FROM_SNAPSHOT']);
    expect(formatDriftReport(report)).toContain(
      'column "patient"."mrn" (text NOT NULL) is in the schema but the migrations do not create it',
    );
  });

  it('ignores hand-written CHECK constraints, functions and triggers, and warns about a missing lock file', async () => {
    await appendFile(
      initSql,
      `
-- Hand-written: Prisma cannot express these.
ALTER TABLE "patient" ADD CONSTRAINT "patient_mrn_not_blank" CHECK (btrim("mrn") <> '');
CREATE FUNCTION "patient_touch"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER "patient_touch" BEFORE UPDATE ON "patient" FOR EACH ROW EXECUTE FUNCTION "patient_touch"();
`,
    );
    await rm(join(folder.migrationsDir, 'migration_lock.toml'));

    const report = await check();

    expect(report.problems).toEqual([]);
    expect(report.warnings).toEqual([expect.stringContaining('migration_lock.toml is missing')]);
  });

  it('fails when a migration does not apply to an empty database', async () => {
    await writeMigrationFolder(
      folder.migrationsDir,
      '20250102000000_broken',
      'ALTER TABLE "nowhere" ADD COLUMN "x" integer;\n',
      TWO_MODEL_DATAMODEL,
    );

    const report = await check();

    expect(codes(report)).toEqual(['MIGRATION_FAILED']);
    expect(formatDriftReport(report)).toContain('20250102000000_broken');
  });

  it('fails when the newest migration has no snapshot', async () => {
    await writeMigrationFolder(folder.migrationsDir, '20250102000000_by_hand', 'SELECT 1;\n');

    expect(codes(await check())).toEqual(['SNAPSHOT_MISSING']);
  });
});
