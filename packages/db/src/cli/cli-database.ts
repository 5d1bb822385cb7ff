import { createDatabase, type Database } from '../database-factory.ts';
import { defaultDataDir } from '../paths.ts';

/** Where a CLI works: DATABASE_URL when set, else the embedded database in PUMPDESK_DATA_DIR. */
export type CliTarget = { kind: 'postgres'; url: string } | { kind: 'embedded'; dataDir: string };

/** The CLIs' only reading of the environment (the API has its own validated config module). */
export function readCliTarget(env: NodeJS.ProcessEnv, root: string): CliTarget {
  const url = env['DATABASE_URL']?.trim();
  if (url) return { kind: 'postgres', url };
  const dataDir = env['PUMPDESK_DATA_DIR']?.trim();
  return { kind: 'embedded', dataDir: dataDir ? dataDir : defaultDataDir(root) };
}

/**
 * Opens the target through the one database factory, without migrating (the caller decides), with
 * a single connection: CLIs do one thing at a time.
 */
export async function openCliDatabase(target: CliTarget, options: { migrate: boolean }): Promise<Database> {
  // No query-plan cache: CLIs run one-off bulk work (see DatabaseOptions).
  return target.kind === 'postgres'
    ? createDatabase({ mode: 'postgres', url: target.url, pool: { max: 2 }, queryPlanCacheMaxSize: 0 })
    : createDatabase({
        mode: 'embedded',
        dataDir: target.dataDir,
        migrate: options.migrate,
        queryPlanCacheMaxSize: 0,
      });
}

/** A URL fit for printing: the password hidden. */
export function describeCliTarget(target: CliTarget): string {
  if (target.kind === 'embedded') return `the embedded database in ${target.dataDir}`;
  try {
    const parsed = new URL(target.url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL';
  }
}
