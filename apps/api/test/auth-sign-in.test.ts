import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import {
  fakeClock,
  PLAIN_COOKIE,
  send,
  sessionFrom,
  signInRequest,
  TLS_COOKIE,
  userWithPassword,
} from './auth-fixtures.ts';
import { sessionFor } from './test-sessions.ts';

describe('POST /api/auth/sign-in', () => {
  const time = fakeClock();
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ as: null, clock: time.clock });
  });
  afterAll(() => t.close());

  it('a right password: 200, the cookie is HttpOnly, SameSite=Strict, Path=/, not Secure over http', async () => {
    const user = await userWithPassword(t, { role: 'nurse' });
    const response = await signInRequest(t, user.email.toUpperCase(), user.password);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === PLAIN_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    expect(cookie?.maxAge).toBeUndefined();
    const session = sessionFrom(response);
    expect(session.info.stage).toBe('active');
    expect(session.info.user).toMatchObject({ id: user.id, role: 'nurse', totpEnabled: false });
    expect(session.info.user.permissions).toContain('refills:write');
    expect(session.info.user.permissions).not.toContain('programs:write');
    const current = await send(t, session, { method: 'GET', url: '/api/auth/session' });
    expect(current.statusCode).toBe(200);
    expect(current.json()).toMatchObject({ stage: 'active', user: { id: user.id } });
  });

  it('the session id rotates at sign-in: the pre-sign-in cookie is ended (superseded), 1 new cookie that differs', async () => {
    const user = await userWithPassword(t);
    const before = await sessionFor(t.database, user, 'active', time.clock());
    const response = await signInRequest(t, user.email, user.password, {
      cookies: { [PLAIN_COOKIE]: before.token },
    });
    expect(response.statusCode).toBe(200);
    const after = sessionFrom(response);
    expect(after.token).not.toBe(before.token);
    expect(after.csrfToken).not.toBe(before.csrfToken);
    const old = await t.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      cookies: { [PLAIN_COOKIE]: before.token },
    });
    expect(old.statusCode).toBe(401);
    const row = await t.database.prisma.session.findUniqueOrThrow({ where: { id: before.sessionId } });
    expect(row.endReason).toBe('superseded');
    expect((await send(t, after, { method: 'GET', url: '/api/auth/session' })).statusCode).toBe(200);
  });

  it('unknown email, disabled user, user without a password and a wrong password: the same 401 INVALID_CREDENTIALS (4 cases)', async () => {
    const disabled = await userWithPassword(t);
    await t.database.prisma.user.update({ where: { id: disabled.id }, data: { active: false } });
    const noPassword = await userWithPassword(t);
    await t.database.prisma.user.update({ where: { id: noPassword.id }, data: { passwordHash: null } });
    const wrong = await userWithPassword(t);
    const attempts = [
      ['nobody-here@example.org', 'whatever password'],
      [disabled.email, disabled.password],
      [noPassword.email, noPassword.password],
      [wrong.email, `${wrong.password}x`],
    ] as const;
    const bodies = [];
    for (const [index, [email, password]] of attempts.entries()) {
      const response = await signInRequest(t, email, password, {
        remoteAddress: `198.51.100.${String(index + 1)}`,
      });
      expect(response.statusCode).toBe(401);
      expect(response.cookies).toHaveLength(0);
      const { code, title, detail, status } = response.json<Record<string, unknown>>();
      bodies.push({ code, title, detail, status });
    }
    expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBe(1);
    expect(bodies[0]).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      detail: 'The email or password is wrong.',
    });
  });

  it('6 sign-in attempts (4 failures, 2 successes) produce exactly 6 auth.sign_in events, none holding a password', async () => {
    const user = await userWithPassword(t);
    const address = '192.0.2.77';
    const attempts: [string, string][] = [
      [user.email, 'wrong password one'],
      [user.email, 'wrong password two'],
      ['Unknown.Person@Example.org', 'wrong password three'],
      [user.email, user.password],
      [user.email, 'wrong password four'],
      [user.email, user.password],
    ];
    for (const [email, password] of attempts) {
      await signInRequest(t, email, password, { remoteAddress: address });
    }
    const events = await t.database.prisma.auditEvent.findMany({
      where: { action: 'auth.sign_in', clientAddress: address },
      orderBy: { id: 'asc' },
    });
    expect(events).toHaveLength(6);
    expect(events.map((event) => event.outcome)).toEqual([
      'failure',
      'failure',
      'failure',
      'success',
      'failure',
      'success',
    ]);
    expect(events[2]?.actorUserId).toBeNull();
    expect(events[2]?.summary).toMatchObject({
      email: 'unknown.person@example.org',
      reason: 'unknown_email',
    });
    expect(events[3]).toMatchObject({
      actorUserId: user.id,
      summary: { email: user.email, stage: 'active' },
    });
    const stored = JSON.stringify(events.map((event) => event.summary));
    for (const [, password] of attempts) expect(stored).not.toContain(password);
  });

  it('GET /api/auth/session without a session: 401 UNAUTHENTICATED', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/auth/session' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('a sign-in from another origin: 403 CSRF_REFUSED, 0 sessions created', async () => {
    const user = await userWithPassword(t);
    const response = await signInRequest(t, user.email, user.password, {
      headers: { origin: 'https://evil.example' },
    });
    expect(response.statusCode).toBe(403);
    expect(await t.database.prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe('sign-in over TLS behind a trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ as: null, env: { TRUST_PROXY: 'true' } });
  });
  afterAll(() => t.close());

  it('x-forwarded-proto: https → cookie __Host-pumpdesk_session, Secure, HttpOnly, SameSite=Strict, Path=/', async () => {
    const user = await userWithPassword(t);
    const response = await signInRequest(t, user.email, user.password, {
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.cookies.map((c) => c.name)).toEqual([TLS_COOKIE]);
    expect(response.cookies[0]).toMatchObject({
      secure: true,
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
    });
    expect(response.cookies[0]?.domain).toBeUndefined();
    const session = sessionFrom(response);
    const current = await send(t, session, {
      method: 'GET',
      url: '/api/auth/session',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(current.statusCode).toBe(200);
  });
});
