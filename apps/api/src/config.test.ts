import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const defaults = { dataDir: '/srv/pumpdesk/data', webDistDir: '/srv/pumpdesk/web' };

describe('loadConfig', () => {
  it('defaults to the embedded database on 127.0.0.1:3000 with demo data', () => {
    const config = loadConfig({}, defaults);
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      database: { mode: 'embedded', dataDir: '/srv/pumpdesk/data' },
      demoData: true,
      webDistDir: null,
    });
  });

  it('uses Postgres with a bounded pool when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/pumpdesk', DB_POOL_MAX: '20' }, defaults);
    expect(config.database).toEqual({
      mode: 'postgres',
      url: 'postgres://u@db:5432/pumpdesk',
      poolMax: 20,
      connectionTimeoutMs: 5000,
      statementTimeoutMs: 15000,
    });
  });

  it('serves the built web app in production', () => {
    expect(loadConfig({ NODE_ENV: 'production', PORT: '8080' }, defaults)).toMatchObject({
      port: 8080,
      webDistDir: '/srv/pumpdesk/web',
    });
  });

  it('refuses invalid values, naming each variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', PUMPDESK_DEMO_DATA: 'yes' }, defaults)).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' }, defaults)).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' }, defaults)).toThrow(/DATABASE_URL/);
  });
});
