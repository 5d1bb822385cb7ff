// Measures GET /api/patients on a demo clinic of a chosen size, through HTTP (app.inject), and prints
// percentiles per scenario and each scenario's median as a ratio of the plain first page. Timings on
// shared machines are noisy: compare the ratios within one run, not absolute numbers across runs.
//
//   pnpm bench [--patients 10000] [--requests 200]
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm bench   (a scratch database
//   is created on that server and dropped afterwards; without it, an in-memory embedded database)
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../apps/api/src/app.ts';
import { createTestSession, type Injector, injectorFor } from '../apps/api/test/test-sessions.ts';
import { loadConfig } from '../apps/api/src/config.ts';
import {
  applyMigrations,
  createDatabase,
  type Database,
  defaultMigrationsDir,
  readMigrationFiles,
} from '@pumpdesk/db';
import { seedDemoClinic } from '@pumpdesk/db/seed';
import { calendarDateInZone } from '@pumpdesk/domain';
import pg from 'pg';

const { values } = parseArgs({
  options: { patients: { type: 'string', default: '10000' }, requests: { type: 'string', default: '200' } },
});
const patients = Number(values.patients);
const requests = Number(values.requests);

/** Where the bench runs: a scratch database (embedded in a temp folder, or on BENCH_DATABASE_URL). */
interface BenchTarget {
  open(options?: { queryPlanCacheMaxSize?: number }): Promise<Database>;
  drop(): Promise<void>;
}

async function benchTarget(): Promise<BenchTarget> {
  const adminUrl = process.env['BENCH_DATABASE_URL'];
  if (!adminUrl) {
    const dataDir = await mkdtemp(join(tmpdir(), 'pumpdesk-bench-'));
    return {
      open: (options) => createDatabase({ mode: 'embedded', dataDir, ...options }),
      drop: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `pumpdesk_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`); // name is generated above, never input
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    async open(options) {
      const database = await createDatabase({ mode: 'postgres', url: url.toString(), ...options });
      await applyMigrations(database.sql, await readMigrationFiles(defaultMigrationsDir()));
      return database;
    },
    async drop() {
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Seeds through a handle without Prisma's plan cache (bulk inserts would fill it), then closes it. */
async function seed(target: BenchTarget): Promise<void> {
  const bulk = await target.open({ queryPlanCacheMaxSize: 0 });
  try {
    const started = performance.now();
    await seedDemoClinic(bulk.prisma, { patients, today: calendarDateInZone(new Date(), 'Europe/London') });
    const seconds = (performance.now() - started) / 1000;
    console.log(`${bulk.mode} database: ${String(patients)} patients seeded in ${seconds.toFixed(1)} s`);
  } finally {
    await bulk.close();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const target = await benchTarget();
  await seed(target);
  const database = await target.open();
  try {
    const app = await buildApp({
      config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
      database,
      expectedMigrations: await readMigrationFiles(defaultMigrationsDir()),
    });
    // Requests go through sign-in's session checks like a browser's: a physician at every site (and
    // an admin for the settings change), each with a real session row.
    const physician = await createTestSession(database, { role: 'physician' });
    const asPhysician = injectorFor(app, physician);
    const sites = (await asPhysician({ method: 'GET', url: '/api/sites' })).json<{
      items: { id: string }[];
    }>().items;
    const firstPage = (await asPhysician({ method: 'GET', url: '/api/patients?limit=50' })).json<{
      items: { mrn: string; familyName: string }[];
      nextCursor: string | null;
    }>();
    const sample = firstPage.items[0];
    if (!sample || !sites[0]) throw new Error('the demo clinic is empty');

    const scenarios: [string, string][] = [
      ['first page (50)', '/api/patients?limit=50'],
      ['search name fragment', `/api/patients?q=${encodeURIComponent(sample.familyName.slice(1, 4))}`],
      ['search MRN prefix', `/api/patients?q=${sample.mrn.slice(0, 6)}`],
      ['site + status filter', `/api/patients?siteId=${sites[0].id}&status=active`],
      ['page 20 via cursors', `/api/patients?limit=50&cursor=${await cursorAfterPages(asPhysician, 19)}`],
    ];
    const results: { name: string; p50: number; p95: number; p99: number }[] = [];
    for (const [name, url] of scenarios) {
      for (let i = 0; i < 10; i++) await asPhysician({ method: 'GET', url }); // warm-up
      const timings: number[] = [];
      for (let i = 0; i < requests; i++) {
        const started = performance.now();
        const response = await asPhysician({ method: 'GET', url });
        timings.push(performance.now() - started);
        if (response.statusCode !== 200) throw new Error(`${name}: ${response.statusCode} ${response.body}`);
      }
      timings.sort((a, b) => a - b);
      results.push({
        name,
        p50: percentile(timings, 50),
        p95: percentile(timings, 95),
        p99: percentile(timings, 99),
      });
    }
    const base = results[0]?.p50 ?? 1;
    console.log(
      `\n${'scenario'.padEnd(24)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)}  p50 / first page`,
    );
    for (const r of results) {
      console.log(
        `${r.name.padEnd(24)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)}  ${(r.p50 / base).toFixed(2)}x`,
      );
    }
    await app.close();
  } finally {
    await database.close();
    await target.drop();
  }
}

async function cursorAfterPages(inject: Injector, pages: number): Promise<string> {
  let cursor = '';
  for (let i = 0; i < pages; i++) {
    const page = (
      await inject({ method: 'GET', url: `/api/patients?limit=50${cursor ? `&cursor=${cursor}` : ''}` })
    ).json<{
      nextCursor: string | null;
    }>();
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return cursor;
}

await main();
