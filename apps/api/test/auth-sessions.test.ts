import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import {
  type BrowserSession,
  fakeClock,
  MINUTE,
  randomPassword,
  SECOND,
  send,
  sessionFrom,
  signInAs,
  userWithPassword,
} from './auth-fixtures.ts';

// Sessions over a fake clock: the idle limit (15 min) and the absolute limit (12 h) of the default
// settings, and the events that end a session at once.

describe('session lifetime and revocation', () => {
  const time = fakeClock();
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ as: null, clock: time.clock });
  });
  afterAll(() => t.close());

  const sessionStatus = async (session: BrowserSession): Promise<number> =>
    (await send(t, session, { method: 'GET', url: '/api/auth/session' })).statusCode;
  const sitesStatus = async (session: BrowserSession): Promise<number> =>
    (await send(t, session, { method: 'GET', url: '/api/sites' })).statusCode;

  it('idle: a request at 15 min − 1 s keeps it alive; 15 min + 1 s after the last use → 401', async () => {
    const session = await signInAs(t, await userWithPassword(t));
    time.advance(15 * MINUTE - SECOND);
    expect(await sitesStatus(session)).toBe(200);
    time.advance(15 * MINUTE - SECOND);
    expect(await sitesStatus(session)).toBe(200);
    time.advance(15 * MINUTE + SECOND);
    expect(await sitesStatus(session)).toBe(401);
    expect(await sessionStatus(session)).toBe(401);
  });

  it('absolute: 71 requests every 10 min keep it alive, then at 12 h + 1 s → 401', async () => {
    const session = await signInAs(t, await userWithPassword(t));
    const statuses: number[] = [];
    for (let minute = 10; minute < 12 * 60; minute += 10) {
      time.advance(10 * MINUTE);
      statuses.push(await sessionStatus(session));
    }
    expect(statuses).toHaveLength(71);
    expect(statuses.every((status) => status === 200)).toBe(true);
    time.advance(10 * MINUTE + SECOND);
    expect(await sessionStatus(session)).toBe(401);
    const row = await t.database.prisma.session.findFirstOrThrow({
      where: { csrfToken: session.csrfToken },
    });
    expect(row.endReason).toBe('absolute');
  });

  it('after sign-out (204, cookie cleared) the old cookie → 401 on the first request', async () => {
    const session = await signInAs(t, await userWithPassword(t));
    const out = await send(t, session, { method: 'POST', url: '/api/auth/sign-out' });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === session.cookieName)?.value).toBe('');
    expect(await sitesStatus(session)).toBe(401);
  });

  it('after disabling the user (active = false) the old cookie → 401 on the first request', async () => {
    const user = await userWithPassword(t);
    const session = await signInAs(t, user);
    expect(await sitesStatus(session)).toBe(200);
    await t.database.prisma.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await sitesStatus(session)).toBe(401);
  });

  it('after a password change both old cookies (this browser and another) → 401; the new one → 200', async () => {
    const user = await userWithPassword(t);
    const here = await signInAs(t, user);
    const elsewhere = await signInAs(t, user);
    const newPassword = randomPassword(16);
    const changed = await send(t, here, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: user.password, newPassword },
    });
    expect(changed.statusCode).toBe(200);
    const renewed = sessionFrom(changed);
    expect(await sitesStatus(here)).toBe(401);
    expect(await sitesStatus(elsewhere)).toBe(401);
    expect(await sitesStatus(renewed)).toBe(200);
    const events = await t.database.prisma.auditEvent.count({
      where: { action: 'auth.password_changed', actorUserId: user.id, outcome: 'success' },
    });
    expect(events).toBe(1);
  });
});

describe('CSRF: state-changing requests', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ as: null });
  });
  afterAll(() => t.close());

  it('POST without X-CSRF-Token, with a wrong one, from Origin https://evil.example, with Sec-Fetch-Site cross-site → 403 CSRF_REFUSED, 0 rows changed each time', async () => {
    const user = await userWithPassword(t);
    const session = await signInAs(t, user);
    const snapshot = async () => {
      const row = await t.database.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
      const sessions = await t.database.prisma.session.findMany({
        where: { userId: user.id },
        select: { id: true, endedAt: true },
      });
      return JSON.stringify({ hash: row.passwordHash, version: row.version, sessions });
    };
    const before = await snapshot();
    const payload = { currentPassword: user.password, newPassword: randomPassword(16) };
    const attempts: Record<string, Record<string, string>> = {
      'no token': { 'x-csrf-token': '' },
      'wrong token': { 'x-csrf-token': 'not-the-session-token' },
      'another origin': { origin: 'https://evil.example' },
      'cross-site fetch': { 'sec-fetch-site': 'cross-site' },
    };
    for (const headers of Object.values(attempts)) {
      const response = await send(t, session, {
        method: 'POST',
        url: '/api/auth/password',
        payload,
        headers,
      });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'CSRF_REFUSED' });
      expect(await snapshot()).toBe(before);
    }
    // The same request with the token from our own origin goes through.
    const allowed = await send(t, session, {
      method: 'POST',
      url: '/api/auth/password',
      payload,
      headers: { origin: 'http://localhost:80' },
    });
    expect(allowed.statusCode).toBe(200);
    expect(await snapshot()).not.toBe(before);
  });
});
