// `pnpm db:check`: fails when prisma/schema.prisma and the migrations folder disagree.
// See docs/decisions/001-offline-migrations.md.
import { checkDrift, formatDriftReport } from '../migrations/check-drift.ts';
import { defaultMigrationsDir, defaultSchemaPath, findRepoRoot } from '../paths.ts';

async function main(): Promise<number> {
  const root = findRepoRoot();
  const report = await checkDrift({
    schemaPath: defaultSchemaPath(root),
    migrationsDir: defaultMigrationsDir(root),
  });
  for (const warning of report.warnings) console.warn(`Warning: ${warning}`);
  if (report.problems.length === 0) {
    console.log(formatDriftReport(report));
    return 0;
  }
  console.error(`pnpm db:check failed:\n\n${formatDriftReport(report)}`);
  return 1;
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  return 1;
});
