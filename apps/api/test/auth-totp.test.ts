import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecoveryCodes, hashRecoveryCode } from '../src/auth/recovery-codes.ts';
import { generateTotpSecret, totpCode } from '../src/auth/totp.ts';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { fakeClock, SECOND, send, sessionFrom, signInAs, userWithPassword } from './auth-fixtures.ts';

// The second factor with a fake clock: codes are computed for the app's own "now".

describe('TOTP and recovery codes', () => {
  const time = fakeClock();
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ as: null, clock: time.clock });
  });
  afterAll(() => t.close());

  const codeNow = (secret: string) => totpCode(secret, time.clock().getTime());

  it('a user with TOTP: sign-in → totp_required, clinical routes → 403 SIGN_IN_INCOMPLETE, a correct code → active (new id), the same code again → 400', async () => {
    const secret = generateTotpSecret();
    const user = await userWithPassword(t, { totpSecret: secret });
    const pending = await signInAs(t, user);
    expect(pending.info.stage).toBe('totp_required');
    const clinical = await send(t, pending, { method: 'GET', url: '/api/sites' });
    expect(clinical.statusCode).toBe(403);
    expect(clinical.json()).toMatchObject({ code: 'SIGN_IN_INCOMPLETE' });

    const code = codeNow(secret);
    const accepted = await send(t, pending, { method: 'POST', url: '/api/auth/totp', payload: { code } });
    expect(accepted.statusCode).toBe(200);
    const active = sessionFrom(accepted);
    expect(active.info.stage).toBe('active');
    expect(active.token).not.toBe(pending.token);
    expect((await send(t, active, { method: 'GET', url: '/api/sites' })).statusCode).toBe(200);
    expect((await send(t, pending, { method: 'GET', url: '/api/auth/session' })).statusCode).toBe(401);

    // Replay: a second sign-in within the same 30-second step, with the code already used.
    time.advance(5 * SECOND);
    const again = await signInAs(t, user);
    const replay = await send(t, again, { method: 'POST', url: '/api/auth/totp', payload: { code } });
    expect(replay.statusCode).toBe(400);
    expect(replay.json()).toMatchObject({ errors: [{ path: 'body.code', code: 'wrong_code' }] });
    const events = await t.database.prisma.auditEvent.findMany({
      where: { action: 'auth.second_factor', actorUserId: user.id },
      orderBy: { id: 'asc' },
    });
    expect(events.map((event) => event.outcome)).toEqual(['success', 'failure']);
  });

  it('a recovery code works once: 200 → active, then the same code → 400', async () => {
    const user = await userWithPassword(t, { totpSecret: generateTotpSecret() });
    const codes = generateRecoveryCodes(10);
    await t.database.prisma.recoveryCode.createMany({
      data: codes.map((code) => ({ userId: user.id, codeHash: hashRecoveryCode(code) })),
    });
    const first = await signInAs(t, user);
    const typed = (codes[3] ?? '').toLowerCase().replaceAll('-', ' ');
    const used = await send(t, first, {
      method: 'POST',
      url: '/api/auth/totp',
      payload: { recoveryCode: typed },
    });
    expect(used.statusCode).toBe(200);
    expect(sessionFrom(used).info.stage).toBe('active');
    const second = await signInAs(t, user);
    const reused = await send(t, second, {
      method: 'POST',
      url: '/api/auth/totp',
      payload: { recoveryCode: codes[3] },
    });
    expect(reused.statusCode).toBe(400);
    expect(await t.database.prisma.recoveryCode.count({ where: { userId: user.id, usedAt: null } })).toBe(9);
  });

  it('an admin without TOTP → totp_enrolment_required; setup + confirm → 10 recovery codes, active; other sessions ended', async () => {
    const admin = await userWithPassword(t, { role: 'admin', siteIds: [] });
    const other = await signInAs(t, admin);
    const session = await signInAs(t, admin);
    expect(session.info.stage).toBe('totp_enrolment_required');
    expect(
      (await send(t, session, { method: 'POST', url: '/api/auth/totp', payload: { code: '123456' } }))
        .statusCode,
    ).toBe(409);

    const setup = await send(t, session, { method: 'POST', url: '/api/auth/totp/setup' });
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUri } = setup.json<{ secret: string; otpauthUri: string }>();
    expect(otpauthUri).toContain(`secret=${secret}`);

    const wrong = await send(t, session, {
      method: 'POST',
      url: '/api/auth/totp/confirm',
      payload: { code: codeNow(secret) === '000000' ? '111111' : '000000' },
    });
    expect(wrong.statusCode).toBe(400);

    const confirmed = await send(t, session, {
      method: 'POST',
      url: '/api/auth/totp/confirm',
      payload: { code: codeNow(secret) },
    });
    expect(confirmed.statusCode).toBe(200);
    const body = confirmed.json<{ recoveryCodes: string[]; session: { stage: string } }>();
    expect(body.recoveryCodes).toHaveLength(10);
    expect(new Set(body.recoveryCodes).size).toBe(10);
    expect(body.session.stage).toBe('active');
    const active = sessionFrom(confirmed);
    expect(active.info.user.totpEnabled).toBe(true);
    expect((await send(t, active, { method: 'GET', url: '/api/auth/session' })).statusCode).toBe(200);
    expect((await send(t, other, { method: 'GET', url: '/api/auth/session' })).statusCode).toBe(401);
    const stored = await t.database.prisma.recoveryCode.findMany({ where: { userId: admin.id } });
    expect(stored.map((row) => row.codeHash).sort()).toEqual(body.recoveryCodes.map(hashRecoveryCode).sort());

    // Admins may not turn it off (the default settings require it) …
    const disable = await send(t, active, {
      method: 'POST',
      url: '/api/auth/totp/disable',
      payload: { currentPassword: admin.password },
    });
    expect(disable.statusCode).toBe(409);
    expect(disable.json()).toMatchObject({ code: 'SECOND_FACTOR_REQUIRED' });
    // … but may replace their recovery codes (10 new ones, the old ones gone).
    const renewed = await send(t, active, {
      method: 'POST',
      url: '/api/auth/recovery-codes',
      payload: { currentPassword: admin.password },
    });
    expect(renewed.statusCode).toBe(200);
    const fresh = renewed.json<{ recoveryCodes: string[] }>().recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(await t.database.prisma.recoveryCode.count({ where: { userId: admin.id } })).toBe(10);
    expect(
      await t.database.prisma.recoveryCode.count({
        where: { userId: admin.id, codeHash: hashRecoveryCode(body.recoveryCodes[0] ?? '') },
      }),
    ).toBe(0);

    // The next sign-in asks for the code.
    time.advance(31 * SECOND);
    const next = await signInAs(t, admin);
    expect(next.info.stage).toBe('totp_required');
    const done = await send(t, next, {
      method: 'POST',
      url: '/api/auth/totp',
      payload: { code: codeNow(secret) },
    });
    expect(sessionFrom(done).info.stage).toBe('active');
  });

  it('a physician turns an optional authenticator on and off again: 200 each, totpEnabled false afterwards', async () => {
    const user = await userWithPassword(t);
    const session = await signInAs(t, user);
    const { secret } = (await send(t, session, { method: 'POST', url: '/api/auth/totp/setup' })).json<{
      secret: string;
    }>();
    const confirmed = await send(t, session, {
      method: 'POST',
      url: '/api/auth/totp/confirm',
      payload: { code: codeNow(secret) },
    });
    expect(confirmed.statusCode).toBe(200);
    const active = sessionFrom(confirmed);
    const off = await send(t, active, {
      method: 'POST',
      url: '/api/auth/totp/disable',
      payload: { currentPassword: user.password },
    });
    expect(off.statusCode).toBe(200);
    expect(sessionFrom(off).info.user.totpEnabled).toBe(false);
    expect(await t.database.prisma.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    time.advance(31 * SECOND);
    expect((await signInAs(t, user)).info.stage).toBe('active');
  });

  it('5 wrong codes then the right one → 429 with Retry-After (the code is not checked)', async () => {
    const secret = generateTotpSecret();
    const user = await userWithPassword(t, { totpSecret: secret });
    const session = await signInAs(t, user, { remoteAddress: '192.0.2.90' });
    const right = codeNow(secret);
    const wrongCode = right === '000000' ? '111111' : '000000';
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const response = await send(t, session, {
        method: 'POST',
        url: '/api/auth/totp',
        payload: { code: wrongCode },
        remoteAddress: '192.0.2.90',
      });
      expect(response.statusCode).toBe(400);
    }
    const blocked = await send(t, session, {
      method: 'POST',
      url: '/api/auth/totp',
      payload: { code: right },
      remoteAddress: '192.0.2.90',
    });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });
});
