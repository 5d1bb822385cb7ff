import { createDatabase, readMigrationFiles, defaultMigrationsDir, type Database } from '@pumpdesk/db';
import { databaseHasData, seedDemoClinic, seedPumpModels } from '@pumpdesk/db/seed';
import { calendarDateInZone } from '@pumpdesk/domain';
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.ts';
import { type AppConfig, loadConfig } from './config.ts';

/** Starts PumpDesk: opens the database, fills an empty embedded one with the demo clinic, listens. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const expectedMigrations = await readMigrationFiles(defaultMigrationsDir());
  const database = await openDatabase(config);
  const app = await buildApp({ config, database, expectedMigrations });

  closeWithGrace({ delay: config.shutdownTimeoutMs }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down: draining requests');
    // app.close stops accepting connections and waits for requests in flight; then the pool closes.
    await app.close();
    await database.close();
  });

  await prepareData(config, database, app.log.info.bind(app.log));
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
 * Reference data (the pump catalogue, idempotent) goes into every database; the demo clinic only into
 * an empty embedded one, the first time it starts. A real Postgres never gets demo data by itself.
 */
async function prepareData(
  config: AppConfig,
  database: Database,
  log: (message: string) => void,
): Promise<void> {
  await seedPumpModels(database.prisma);
  if (database.mode !== 'embedded' || !config.demoData || (await databaseHasData(database.prisma))) return;
  const started = performance.now();
  log('empty embedded database: loading the demo clinic (first start only)');
  const today = calendarDateInZone(new Date(), 'Europe/London');
  const summary = await seedDemoClinic(database.prisma, { today });
  log(`demo clinic loaded: ${summary.patients} patients in ${Math.round(performance.now() - started)} ms`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
