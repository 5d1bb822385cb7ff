import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultMigrationsDir, defaultSchemaPath } from '../paths.ts';
import { checkDrift } from './check-drift.ts';
import { openSchemaDiffer, type SchemaDiffer } from './schema-engine.ts';

// The project's own prisma/ folder, copied so the test can change it: `db:check` passes on it as
// committed, and fails as soon as a model gains a field that no migration adds.
describe('db:check on the project schema', () => {
  let differ: SchemaDiffer;
  let dir: string;
  beforeAll(async () => {
    differ = await openSchemaDiffer();
    dir = await mkdtemp(join(tmpdir(), 'pumpdesk-drift-'));
    await cp(defaultMigrationsDir(), join(dir, 'migrations'), { recursive: true });
    await cp(defaultSchemaPath(), join(dir, 'schema.prisma'));
  });
  afterAll(async () => {
    await differ.close();
    await rm(dir, { recursive: true, force: true });
  });

  const check = () =>
    checkDrift({ schemaPath: join(dir, 'schema.prisma'), migrationsDir: join(dir, 'migrations'), differ });

  it('passes on the committed schema and migrations', async () => {
    expect((await check()).problems).toEqual([]);
  });

  it('fails after a field is added to a model without a migration, naming the column', async () => {
    const schema = await readFile(join(dir, 'schema.prisma'), 'utf8');
    const changed = schema.replace(
      /(model Patient \{\n)/,
      '$1  preferredLanguage      String?          @map("preferred_language")\n',
    );
    expect(changed).not.toBe(schema);
    await writeFile(join(dir, 'schema.prisma'), changed);

    const report = await check();
    expect(report.problems.map((p) => p.code)).toEqual(['SCHEMA_NOT_MIGRATED']);
    const problem = report.problems[0];
    expect(problem?.code === 'SCHEMA_NOT_MIGRATED' && problem.sql).toMatch(
      /ALTER TABLE "patients" ADD COLUMN\s+"preferred_language" TEXT/,
    );
  });
});
