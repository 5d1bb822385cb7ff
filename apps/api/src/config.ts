import { join } from 'node:path';
import { defaultDataDir, findRepoRoot } from '@pumpdesk/db';
import { z } from 'zod';

/**
 * The API's configuration: the only module that reads environment variables. Everything is
 * validated at start-up, so a typo fails loudly instead of silently falling back.
 */
const booleanFromEnv = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** A Postgres URL. Unset: the embedded database (PGlite) in PUMPDESK_DATA_DIR. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  PUMPDESK_DATA_DIR: z.string().min(1).optional(),
  /** Fill an empty embedded database with the demo clinic at first start. */
  PUMPDESK_DEMO_DATA: booleanFromEnv.default(true),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DB_CONNECTION_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  /** How long a graceful shutdown waits for requests in flight. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  /** Folder of the built web app served at `/` in production; unset: apps/web/dist. */
  WEB_DIST_DIR: z.string().min(1).optional(),
  /** Behind a reverse proxy: trust its X-Forwarded-* headers (client address, protocol). */
  TRUST_PROXY: booleanFromEnv.default(false),
});

export type AppConfig = Readonly<{
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  database:
    | {
        mode: 'postgres';
        url: string;
        poolMax: number;
        connectionTimeoutMs: number;
        statementTimeoutMs: number;
      }
    | { mode: 'embedded'; dataDir: string | null };
  demoData: boolean;
  shutdownTimeoutMs: number;
  /** null: the API does not serve the web app (development, where Vite serves it). */
  webDistDir: string | null;
  trustProxy: boolean;
}>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads the configuration from an environment (process.env in production, a literal in tests).
 * `defaults` supplies paths the config cannot know by itself (the repo layout).
 */
export function loadConfig(
  env: Record<string, string | undefined>,
  defaults: { dataDir: string; webDistDir: string } = repoDefaults(),
): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    database: e.DATABASE_URL
      ? {
          mode: 'postgres',
          url: e.DATABASE_URL,
          poolMax: e.DB_POOL_MAX,
          connectionTimeoutMs: e.DB_CONNECTION_TIMEOUT_MS,
          statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
        }
      : { mode: 'embedded', dataDir: e.PUMPDESK_DATA_DIR ?? defaults.dataDir },
    demoData: e.PUMPDESK_DEMO_DATA,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    webDistDir:
      e.NODE_ENV === 'production' ? (e.WEB_DIST_DIR ?? defaults.webDistDir) : (e.WEB_DIST_DIR ?? null),
    trustProxy: e.TRUST_PROXY,
  };
}

function repoDefaults(): { dataDir: string; webDistDir: string } {
  const root = findRepoRoot();
  return { dataDir: defaultDataDir(root), webDistDir: join(root, 'apps', 'web', 'dist') };
}
