import {
  DEFAULT_SECURITY_SETTINGS,
  problemSchema,
  securitySettingsResponseSchema,
} from '@pumpdesk/contracts';
import { createIsolatedTestDatabase } from '@pumpdesk/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';

// The security settings are one row for the organisation and every session reads them: this file
// works in a database of its own, so a shorter idle limit here never ends another file's sessions.

describe('GET/PUT /api/settings/security', () => {
  let t: TestApp;
  let now = Date.parse('2026-11-25T09:00:00.000Z');
  let closeDatabase: () => Promise<void>;
  beforeAll(async () => {
    const isolated = await createIsolatedTestDatabase();
    closeDatabase = isolated.close;
    t = await buildTestApp({ database: isolated.db, as: { role: 'admin' }, clock: () => new Date(now) });
  });
  afterAll(async () => {
    await t.app.close();
    await closeDatabase();
  });

  const read = async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/settings/security' });
    expect(response.statusCode, response.body).toBe(200);
    return securitySettingsResponseSchema.parse(response.json());
  };
  const put = (payload: Record<string, unknown>) =>
    t.app.inject({ method: 'PUT', url: '/api/settings/security', payload });

  it('reads the defaults, saves a change with the version, refuses a stale version (409) and out-of-range values (400)', async () => {
    const initial = await read();
    expect(initial.settings).toEqual(DEFAULT_SECURITY_SETTINGS);

    const saved = await put({ sessionIdleMinutes: 5, requireTotpForAll: true, version: initial.version });
    expect(saved.statusCode, saved.body).toBe(200);
    const body = securitySettingsResponseSchema.parse(saved.json());
    expect(body).toEqual({
      settings: { ...DEFAULT_SECURITY_SETTINGS, sessionIdleMinutes: 5, requireTotpForAll: true },
      version: initial.version + 1,
    });
    expect(await read()).toEqual(body);

    const stale = await put({ sessionIdleMinutes: 30, version: initial.version });
    expect(stale.statusCode).toBe(409);
    expect(problemSchema.parse(stale.json()).code).toBe('VERSION_CONFLICT');
    const outOfRange = await put({ sessionIdleMinutes: 1, version: body.version });
    expect(outOfRange.statusCode).toBe(400);
    expect(problemSchema.parse(outOfRange.json()).errors?.[0]?.path).toBe('body.sessionIdleMinutes');
    expect(await read()).toEqual(body);

    const events = await t.database.prisma.auditEvent.findMany({
      where: { action: 'security_settings.update' },
    });
    expect(events.map((event) => event.summary)).toEqual([
      {
        version: body.version,
        changes: { sessionIdleMinutes: { from: 15, to: 5 }, requireTotpForAll: { from: false, to: true } },
      },
    ]);
  });

  it('managers get 403 (settings:write) and nothing changes', async () => {
    const before = await read();
    const manager = await t.signIn({ role: 'manager' });
    for (const request of [
      { method: 'GET', url: '/api/settings/security' },
      {
        method: 'PUT',
        url: '/api/settings/security',
        payload: { sessionIdleMinutes: 60, version: before.version },
      },
    ] as const) {
      expect((await t.injectAs(manager, request)).statusCode).toBe(403);
    }
    expect(await read()).toEqual(before);
  });

  // Last: the clock moves on, and the admin's own session idles out with the nurse's.
  it('a shorter idle limit applies to live sessions at once', async () => {
    const { version } = await read();
    const saved = await put({ sessionIdleMinutes: 3, requireTotpForAll: false, version });
    expect(saved.statusCode, saved.body).toBe(200);
    const nurse = await t.signIn({ role: 'nurse' });
    now += 2 * 60_000;
    expect((await t.injectAs(nurse, { method: 'GET', url: '/api/sites' })).statusCode).toBe(200);
    now += 3 * 60_000;
    expect((await t.injectAs(nurse, { method: 'GET', url: '/api/sites' })).statusCode).toBe(401);
  });
});
