import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
// Types come from the JS glue we load ourselves, never from the package's entry, which imports the .wasm
// file the bundler way and fails under plain Node. `import type` so that not even a bare import remains.
import type * as SchemaEngineGlue from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { DiffTarget, SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { PrismaPGlite } from 'pglite-prisma-adapter';

/**
 * Prisma's own schema engine, compiled to WebAssembly (`@prisma/schema-engine-wasm`, pinned to the
 * engines hash of our Prisma release), used only to turn a datamodel change into migration SQL. The
 * native engine that `prisma migrate` needs cannot be downloaded here; see
 * docs/decisions/001-offline-migrations.md.
 */
export interface SchemaDiffer {
  /**
   * The SQL that takes a database from `fromDatamodel` (null: an empty database) to `toDatamodel`,
   * exactly as `prisma migrate dev` would write it, or '' when nothing changes.
   */
  diff(fromDatamodel: string | null, toDatamodel: string): Promise<string>;
  /** Frees the engine and its database; the process can then exit. */
  close(): Promise<void>;
}

type SchemaEngineModule = typeof SchemaEngineGlue;

/**
 * Starts an engine. Starting takes about two seconds (mostly the in-memory PGlite the engine insists on
 * connecting to), a diff then takes milliseconds: keep one differ for many diffs.
 */
export async function openSchemaDiffer(): Promise<SchemaDiffer> {
  const glue = await loadSchemaEngineModule();
  // The engine requires a database adapter even though diffing datamodels never queries it; an
  // in-memory PGlite is the one Postgres we can always start.
  const pglite = new PGlite();
  let engine: SchemaEngine;
  try {
    const adapterFactory = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(pglite));
    engine = await glue.SchemaEngine.new({ datamodels: undefined }, ignoreEngineLog, adapterFactory);
  } catch (error) {
    await pglite.close();
    throw error;
  }
  return {
    async diff(fromDatamodel, toDatamodel) {
      const result = await engine.diff({
        from: fromDatamodel === null ? { tag: 'empty' } : datamodelTarget(fromDatamodel),
        to: datamodelTarget(toDatamodel),
        script: true,
        exitCode: null,
        filters: { externalTables: [], externalEnums: [] },
      });
      return normaliseDiff(result.stdout ?? '');
    },
    async close() {
      if (pglite.closed) return; // freeing the engine twice would corrupt the wasm heap
      engine.free();
      await pglite.close();
    },
  };
}

/** One-off diff: starts an engine, diffs, frees it. Prefer `openSchemaDiffer` for several diffs. */
export async function diffSchemas(fromDatamodel: string | null, toDatamodel: string): Promise<string> {
  const differ = await openSchemaDiffer();
  try {
    return await differ.diff(fromDatamodel, toDatamodel);
  } finally {
    await differ.close();
  }
}

/** Runs `work` with the given differ, or with a temporary one that is closed afterwards. */
export async function withSchemaDiffer<T>(
  differ: SchemaDiffer | undefined,
  work: (differ: SchemaDiffer) => Promise<T>,
): Promise<T> {
  if (differ !== undefined) return work(differ);
  const temporary = await openSchemaDiffer();
  try {
    return await work(temporary);
  } finally {
    await temporary.close();
  }
}

function datamodelTarget(datamodel: string): DiffTarget {
  return { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: datamodel }] };
}

const EMPTY_MIGRATION = '-- This is an empty migration.';
/**
 * Diffing from `empty` starts from a database without any schema, so the engine opens with this
 * statement. `prisma migrate dev` diffs from a shadow database, which always has `public`, so it never
 * writes it; and on a clinic's server CREATE SCHEMA needs the CREATE privilege on the database even when
 * the schema exists. Other schemas (multi-schema datamodels) are kept.
 */
const CREATE_PUBLIC_SCHEMA = '-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n\n';

export function normaliseDiff(script: string): string {
  const trimmed = script.trim();
  if (trimmed === '' || trimmed === EMPTY_MIGRATION) return '';
  return script.replace(CREATE_PUBLIC_SCHEMA, '');
}

/** Whether a diff (normalised or straight from the engine) changes nothing. */
export function isEmptyDiff(script: string): boolean {
  return normaliseDiff(script).trim() === '';
}

function ignoreEngineLog(): void {
  // The engine reports its tracing as JSON lines; diffs need none of it.
}

/**
 * The package is built for bundlers (`import * as wasm from './schema_engine_bg.wasm'`), which plain Node
 * cannot do, so we do the bundler's part: instantiate the .wasm with the JS glue as its imports, hand the
 * instance to the glue, then run the module's start function.
 *
 * Once per process, and not once per module instance: test runners re-evaluate our module for each test
 * file while Node keeps the glue module cached, and the glue caches views of the first instance's memory,
 * so a second instantiation would corrupt it. The cache therefore lives on globalThis, keyed by the glue.
 */
const initialised = Symbol.for('@pumpdesk/db:schema-engine-wasm');

async function loadSchemaEngineModule(): Promise<SchemaEngineModule> {
  const glue = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  const registry = ((globalThis as { [initialised]?: WeakMap<object, Promise<void>> })[initialised] ??=
    new WeakMap());
  let ready = registry.get(glue);
  if (ready === undefined) {
    ready = instantiate(glue);
    registry.set(glue, ready);
  }
  await ready;
  return glue;
}

async function instantiate(glue: SchemaEngineModule): Promise<void> {
  const require = createRequire(import.meta.url);
  const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bytes = await readFile(join(dirname(gluePath), 'schema_engine_bg.wasm'));
  const { instance } = await webAssembly().instantiate(bytes, { './schema_engine_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
}

/** The part of the WebAssembly global we use; @types/node does not declare it (lib.dom does). */
interface WebAssemblyApi {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: object } }>;
}

function webAssembly(): WebAssemblyApi {
  return (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
}
