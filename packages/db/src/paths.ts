import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root: the nearest folder above this module that holds `prisma/schema.prisma`.
 * Found by walking up rather than by a fixed `../..`, because the same code runs from the TypeScript
 * source (tsx, Vitest) and from the API's bundle in `apps/api/dist`.
 */
export function findRepoRoot(start: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'prisma', 'schema.prisma'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No prisma/schema.prisma found above ${start}`);
    dir = parent;
  }
}

export function defaultMigrationsDir(root: string = findRepoRoot()): string {
  return join(root, 'prisma', 'migrations');
}

export function defaultSchemaPath(root: string = findRepoRoot()): string {
  return join(root, 'prisma', 'schema.prisma');
}

/** Where the embedded database keeps its files unless PUMPDESK_DATA_DIR says otherwise (git-ignored). */
export function defaultDataDir(root: string = findRepoRoot()): string {
  return join(root, '.data', 'pglite');
}
