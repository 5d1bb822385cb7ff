// Measures the worklists and the patient detail through HTTP (app.inject, the whole Fastify stack:
// validation, Prisma, the engine, serialisation) next to the same statement run directly through `pg`,
// on demo clinics of 1,000, 10,000 and 100,000 patients, and prints p50/p95 and the ratio API/direct.
// Timings on shared machines are noisy: compare the ratios within one run, not numbers across runs.
//
//   pnpm bench                                  (sizes 1000,10000,100000; 200 requests per scenario)
//   pnpm bench --sizes 1000 --requests 50
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm bench
//     (a scratch database per size on that server, dropped afterwards; without it, the embedded
//      database in a temporary folder — much slower to seed at 100,000)
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../apps/api/src/app.ts';
import { createTestSession, injectorFor } from '../apps/api/test/test-sessions.ts';
import { loadConfig } from '../apps/api/src/config.ts';
import {
  applyMigrations,
  batteryWorklistArguments,
  createDatabase,
  type Database,
  defaultMigrationsDir,
  followUpWorklistArguments,
  readMigrationFiles,
  refillWorklistArguments,
  runWorklistWith,
  type WorklistArguments,
} from '@pumpdesk/db';
import { seedDemoClinic } from '@pumpdesk/db/seed';
import { calendarDateInZone } from '@pumpdesk/domain';
import pg from 'pg';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,100000' },
    requests: { type: 'string', default: '200' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const requests = Number(values.requests);

interface Target {
  url: string | null;
  open(options?: { queryPlanCacheMaxSize?: number }): Promise<Database>;
  drop(): Promise<void>;
}

async function scratchTarget(): Promise<Target> {
  const adminUrl = process.env['BENCH_DATABASE_URL'];
  if (!adminUrl) {
    const dataDir = await mkdtemp(join(tmpdir(), 'pumpdesk-bench-'));
    return {
      url: null,
      open: (options) => createDatabase({ mode: 'embedded', dataDir, ...options }),
      drop: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `pumpdesk_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`); // the name is generated above, never input
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
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

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function time(run: (i: number) => Promise<void>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 10; i++) await run(i); // warm-up: plans cached, pages in memory
  const timings: number[] = [];
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    await run(i);
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  return { p50: percentile(timings, 50), p95: percentile(timings, 95) };
}

/** The patient detail's data in one hand-written statement: what a direct data access would read. */
const DETAIL_SQL = `
  SELECT p.*, si.name AS site_name, si.time_zone, u.name AS physician_name,
    (SELECT row_to_json(x) FROM (
       SELECT pu.*, to_json(pm.*) AS model,
         (SELECT json_agg(json_build_object('program', dp.*,
            'steps', (SELECT json_agg(st.*) FROM dose_program_steps st WHERE st.program_id = dp.id),
            'boluses', (SELECT json_agg(b.*) FROM dose_program_boluses b WHERE b.program_id = dp.id)))
          FROM dose_programs dp WHERE dp.pump_id = pu.id) AS programs,
         (SELECT row_to_json(r.*) FROM refills r WHERE r.pump_id = pu.id ORDER BY r.performed_at DESC LIMIT 1)
           AS last_refill
       FROM pumps pu JOIN pump_models pm ON pm.id = pu.model_id
       WHERE pu.patient_id = p.id AND pu.status = 'implanted' LIMIT 1) x) AS pump,
    (SELECT json_agg(json_build_object('date', v.visit_date, 'type', v.type))
       FROM follow_up_visits v WHERE v.patient_id = p.id) AS visits,
    (SELECT json_agg(json_build_object('kind', a.kind, 'startsAt', a.starts_at))
       FROM appointments a WHERE a.patient_id = p.id AND a.status = 'booked' AND a.starts_at >= $2) AS appointments,
    (SELECT settings FROM organisation WHERE id = 1) AS settings
  FROM patients p JOIN sites si ON si.id = p.site_id LEFT JOIN users u ON u.id = p.responsible_physician_id
  WHERE p.id = $1 AND p.deleted_at IS NULL`;

interface Row {
  size: number;
  scenario: string;
  api: { p50: number; p95: number };
  direct: { p50: number; p95: number };
}

async function benchSize(patients: number): Promise<Row[]> {
  const target = await scratchTarget();
  try {
    const bulk = await target.open({ queryPlanCacheMaxSize: 0 });
    const started = performance.now();
    await seedDemoClinic(bulk.prisma, { patients, today: calendarDateInZone(new Date(), 'Europe/London') });
    await bulk.sql.exec('ANALYZE');
    console.log(
      `${bulk.mode} database: ${String(patients)} patients seeded (with their worklist rows) in ${(
        (performance.now() - started) /
        1000
      ).toFixed(1)} s`,
    );
    await bulk.close();

    const database = await target.open();
    const app = await buildApp({
      config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
      database,
      expectedMigrations: await readMigrationFiles(defaultMigrationsDir()),
    });
    // Requests go through sign-in's session checks like a browser's: a physician at every site (and
    // an admin for the settings change), each with a real session row.
    const physician = await createTestSession(database, { role: 'physician' });
    const asPhysician = injectorFor(app, physician);
    const admin = await createTestSession(database, { role: 'admin' });
    const asAdmin = injectorFor(app, admin);
    // The direct side: its own pg pool on the same database (embedded: the app's own SQL client).
    const pool = target.url ? new pg.Pool({ connectionString: target.url, max: 2 }) : null;
    const directRows = async (text: string, params: unknown[]): Promise<{ rank: number }[]> =>
      pool
        ? (await pool.query<{ rank: number }>(text, params)).rows
        : await database.sql.query<{ rank: number }>(text, params);
    const direct = async (text: string, params: unknown[]) => {
      await directRows(text, params);
    };
    try {
      const sites = (await asPhysician({ method: 'GET', url: '/api/sites' })).json<{
        items: { id: string }[];
      }>().items;
      const site = sites[0]?.id;
      if (!site) throw new Error('the demo clinic has no site');
      const ids = (
        await database.sql.query<{ id: string }>(
          `SELECT id FROM patients WHERE deleted_at IS NULL ORDER BY id LIMIT 200`,
        )
      ).map((row) => row.id);

      const rows: Row[] = [];
      // The direct side runs the same statements through `pg` (runWorklistWith: the urgent read, and
      // the whole list only when the urgent entries do not fill the page, as the app does).
      const worklists: [string, string, (now: Date) => WorklistArguments][] = [
        [
          'refills, first page',
          '/api/worklists/refills',
          (now) => refillWorklistArguments({ limit: 50 }, now),
        ],
        [
          'refills, one site, overdue',
          `/api/worklists/refills?siteId=${site}&status=overdue`,
          (now) => refillWorklistArguments({ limit: 50, siteId: site, status: ['overdue'] }, now),
        ],
        [
          'refills, 14-day horizon',
          '/api/worklists/refills?horizonDays=14',
          (now) => refillWorklistArguments({ limit: 50, horizonDays: 14 }, now),
        ],
        [
          'batteries, first page',
          '/api/worklists/batteries',
          (now) => batteryWorklistArguments({ limit: 50 }, now),
        ],
        [
          'follow-ups, first page',
          '/api/worklists/follow-ups',
          (now) => followUpWorklistArguments({ limit: 50 }, now),
        ],
      ];
      for (const [scenario, url, statement] of worklists) {
        const api = await time(async () => {
          const response = await asPhysician({ method: 'GET', url });
          if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
        });
        const worklistArguments = statement(new Date());
        const directTiming = await time(async () => {
          await runWorklistWith((sql) => directRows(sql.text, sql.values), ...worklistArguments);
        });
        rows.push({ size: patients, scenario, api, direct: directTiming });
      }
      const api = await time(async (i) => {
        const response = await asPhysician({
          method: 'GET',
          url: `/api/patients/${ids[i % ids.length] ?? ''}`,
        });
        if (response.statusCode !== 200) throw new Error(`detail: ${response.statusCode}`);
      });
      const since = new Date(Date.now() - 86_400_000);
      const directTiming = await time((i) => direct(DETAIL_SQL, [ids[i % ids.length], since]));
      rows.push({ size: patients, scenario: 'patient detail', api, direct: directTiming });

      // A settings change rebuilds the whole worklist table in its transaction: once, timed.
      const current = (await asPhysician({ method: 'GET', url: '/api/settings' })).json<{
        version: number;
        settings: { refill: { safetyMarginDays: number } };
      }>();
      const started = performance.now();
      const response = await asAdmin({
        method: 'PUT',
        url: '/api/settings',
        payload: {
          version: current.version,
          settings: { ...current.settings, refill: { ...current.settings.refill, safetyMarginDays: 5 } },
        },
      });
      if (response.statusCode !== 200) throw new Error(`settings: ${response.statusCode} ${response.body}`);
      rebuilds.push({ size: patients, seconds: (performance.now() - started) / 1000 });
      return rows;
    } finally {
      await app.close();
      await pool?.end();
      await database.close();
    }
  } finally {
    await target.drop();
  }
}

const all: Row[] = [];
const rebuilds: { size: number; seconds: number }[] = [];
for (const size of sizes) {
  all.push(...(await benchSize(size)));
}
console.log(
  `\n${'patients'.padStart(8)}  ${'scenario'.padEnd(28)} ${'API p50'.padStart(8)} ${'API p95'.padStart(8)} ${'pg p50'.padStart(8)} ${'pg p95'.padStart(8)}  p95 API/pg`,
);
for (const row of all) {
  console.log(
    `${String(row.size).padStart(8)}  ${row.scenario.padEnd(28)} ${row.api.p50.toFixed(2).padStart(8)} ${row.api.p95
      .toFixed(2)
      .padStart(8)} ${row.direct.p50.toFixed(2).padStart(8)} ${row.direct.p95.toFixed(2).padStart(8)}  ${(
      row.api.p95 / row.direct.p95
    ).toFixed(2)}x`,
  );
}
console.log('\nms; target at 100,000 patients: API p95 ≤ 50 ms and ≤ 1.5× the direct statement.');
for (const { size, seconds } of rebuilds) {
  console.log(
    `settings change at ${String(size)} patients (rebuilds the worklist table): ${seconds.toFixed(1)} s`,
  );
}
