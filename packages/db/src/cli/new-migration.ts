// `pnpm db:migration <name> [--empty]`: writes the migration for the changes in prisma/schema.prisma.
// See docs/decisions/001-offline-migrations.md.
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { generateMigration, validateMigrationName } from '../migrations/generate-migration.ts';
import { defaultMigrationsDir, defaultSchemaPath, findRepoRoot } from '../paths.ts';

const USAGE = `Usage: pnpm db:migration <name> [--empty]

  <name>    snake_case, e.g. add_pump_alarm_volume
  --empty   write an empty migration for hand-written SQL (the schema snapshot is carried over)`;

const HAND_WRITTEN_SQL_HINT = `Prisma cannot express CHECK constraints, triggers or functions: append them as hand-written SQL
to the end of this migration.sql now, before the migration is applied anywhere (an applied migration
must never change). \`pnpm db:check\` ignores them when it compares the migrations with the schema.
Partial indexes are not hand-written: declare them in schema.prisma (the partialIndexes preview).`;

function parseCommandLine(args: string[]): { name: string; empty: boolean } {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { empty: { type: 'boolean', default: false } },
  });
  const [name, ...extra] = positionals;
  if (name === undefined || extra.length > 0) throw new Error(USAGE);
  return { name: validateMigrationName(name), empty: values.empty };
}

async function main(): Promise<number> {
  const { name, empty } = parseCommandLine(process.argv.slice(2));
  const root = findRepoRoot();
  const result = await generateMigration({
    schemaPath: defaultSchemaPath(root),
    migrationsDir: defaultMigrationsDir(root),
    name,
    empty,
  });
  if (result.kind === 'unchanged') {
    console.log('prisma/schema.prisma has no changes since the newest migration: nothing written.');
    console.log('For a migration of hand-written SQL only, run again with --empty.');
    return 0;
  }
  const file = relative(root, join(result.directory, 'migration.sql'));
  console.log(`Created ${file}:\n\n${result.sql.trimEnd()}\n`);
  console.log(HAND_WRITTEN_SQL_HINT);
  console.log('\nThen apply it with `pnpm db:migrate` and commit the new folder.');
  return 0;
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  return 1;
});
