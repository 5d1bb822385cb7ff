import { createDatabase, readMigrationFiles, defaultMigrationsDir, type Database } from '@pumpdesk/db';
import { databaseHasData, seedDemoClinic, seedPumpModels } from '@pumpdesk/db/seed';
import { calendarDateInZone } from '@pumpdesk/domain';
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.ts';
import { createDemoSignIns, demoUsersAllowed } from './auth/demo-users.ts';
import { type AppConfig, loadConfig } from './config.ts';
import { startHousekeeping } from './housekeeping.ts';

/** Starts PumpDesk: opens the database, fills an empty embedded one with the demo clinic, listens. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const expectedMigrations = await readMigrationFiles(defaultMigrationsDir());
  if (config.database.mode === 'embedded' && config.demoData && config.database.dataDir !== null) {
    await loadDemoClinicIfEmpty(config.database.dataDir, demoUsersAllowed(config));
  }
  const database = await openDatabase(config);
  // Reference data every database needs (idempotent): the pump catalogue.
  await seedPumpModels(database.prisma);
  const app = await buildApp({ config, database, expectedMigrations });
  startHousekeeping(app);

  closeWithGrace({ delay: config.shutdownTimeoutMs }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down: draining requests');
    // app.close stops accepting connections and waits for requests in flight; then the pool closes.
    await app.close();
    await database.close();
  });

  const address = await app.listen({ host: config.host, port: config.port });
  app.log.info(`PumpDesk is ready at ${address} (${database.mode} database)`);
}

async function openDatabase(config: AppConfig): Promise<Database> {
  const db = config.database;
  if (db.mode === 'embedded') return createDatabase({ mode: 'embedded', dataDir: db.dataDir });
  return createDatabase({
    mode: 'postgres',
    url: db.url,
    pool: {
      max: db.poolMax,
      connectionTimeoutMs: db.connectionTimeoutMs,
      statementTimeoutMs: db.statementTimeoutMs,
    },
    onConnectionError: (error) => {
      console.error(`database connection error (the pool replaces the connection): ${error.message}`);
    },
  });
}

/**
 * The first start on an empty embedded database loads the demo clinic. It runs on a database handle
 * of its own without Prisma's query-plan cache (bulk inserts would fill it; see DatabaseOptions), closed
 * before the app opens its own. A real Postgres never gets demo data by itself.
 */
async function loadDemoClinicIfEmpty(dataDir: string, withSignIns: boolean): Promise<void> {
  const bulk = await createDatabase({ mode: 'embedded', dataDir, queryPlanCacheMaxSize: 0 });
  try {
    if (await databaseHasData(bulk.prisma)) return;
    const started = performance.now();
    console.log('Empty embedded database: loading the demo clinic (first start only)...');
    const summary = await seedDemoClinic(bulk.prisma, {
      today: calendarDateInZone(new Date(), 'Europe/London'),
    });
    console.log(
      `Demo clinic loaded: ${String(summary.patients)} patients in ${String(Math.round(performance.now() - started))} ms`,
    );
    // One account per role, printed once (the embedded demo only: docs/demo-data.md).
    if (withSignIns) await createDemoSignIns(bulk.prisma);
  } finally {
    await bulk.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
