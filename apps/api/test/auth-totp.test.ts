import { randomInt } from 'node:crypto';
import { enableTotp, setPendingTotpSecret } from '@pumpdesk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecoveryCodes, hashRecoveryCode } from '../src/auth/recovery-codes.ts';
import { generateTotpSecret, totpCode } from '../src/auth/totp.ts';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import {
  fakeClock,
  MINUTE,
  type PasswordUser,
  SECOND,
  send,
  sessionFrom,
  signInAs,
  userWithPassword,
} from './auth-fixtures.ts';

// The second factor with a fake clock: codes are computed for the app's own "now".

describe('TOTP and recovery codes', () => {
  const time = fakeClock();
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ as: null, clock: time.clock });
  });
  afterAll(() => t.close());

  const codeNow = (secret: string) => totpCode(secret, time.clock().getTime());
  /** A code that is not the right one now (nor a step either side). */
  const wrongCodeFor = (secret: string): string => {
    const near = [-30, 0, 30].map((s) => totpCode(secret, time.clock().getTime() + s * SECOND));
    let code = '000000';
    while (near.includes(code)) code = String(Number(code) + 111111).padStart(6, '0');
    return code;
  };
  /** An address no other test (or earlier run) uses: the counters live in a shared database. */
  const freshAddress = (): string =>
    `10.${String(randomInt(256))}.${String(randomInt(256))}.${String(randomInt(1, 255))}`;

  /** Signed in with password and code: an active session. */
  async function activeSession(user: PasswordUser, secret: string) {
    const pending = await signInAs(t, user);
    const answer = await send(t, pending, {
      method: 'POST',
      url: '/api/auth/totp',
      payload: { code: codeNow(secret) },
    });
    expect(answer.statusCode, answer.body).toBe(200);
    time.advance(30 * SECOND);
    return sessionFrom(answer);
  }

  it('an active session cannot replace an authenticator that is on (setup and confirm → 409): the secret, the recovery codes and the other sessions stay', async () => {
    const secret = generateTotpSecret();
    const user = await userWithPassword(t, { totpSecret: secret });
    const victim = await activeSession(user, secret);
    const thief = await activeSession(user, secret);
    const setup = await send(t, thief, { method: 'POST', url: '/api/auth/totp/setup' });
    expect(setup.statusCode).toBe(409);
    expect(setup.json()).toMatchObject({ code: 'SECOND_FACTOR_ALREADY_ENABLED' });
    const confirm = await send(t, thief, {
      method: 'POST',
      url: '/api/auth/totp/confirm',
      payload: { code: codeNow(secret) },
    });
    expect(confirm.statusCode).toBe(409);
    expect((await send(t, victim, { method: 'GET', url: '/api/auth/session' })).statusCode).toBe(200);
    const row = await t.database.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect([row.totpSecret, row.pendingTotpSecret]).toEqual([secret, null]);
    expect(
      await t.database.prisma.auditEvent.count({ where: { entityId: user.id, action: 'auth.totp_enabled' } }),
    ).toBe(0);
  });

  it('enableTotp does not overwrite a factor that is on, even with a pending secret (a race with another setup)', async () => {
    const secret = generateTotpSecret();
    const user = await userWithPassword(t, { totpSecret: secret });
    const other = generateTotpSecret();
    await setPendingTotpSecret(t.database.prisma, user.id, other);
    const enabled = await enableTotp(t.database.prisma, {
      userId: user.id,
      secret: other,
      acceptedStep: 1,
      recoveryCodeHashes: ['x'],
      keepSessionId: '00000000-0000-0000-0000-000000000000',
      now: time.clock(),
    });
    expect(enabled).toBe(false);
    const row = await t.database.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.totpSecret).toBe(secret);
    expect(await t.database.prisma.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
  });

  it('5 wrong codes for one user from 5 addresses → a 6th address with the right code → 429 until the window ends, then 200', async () => {
    const secret = generateTotpSecret();
    const user = await userWithPassword(t, { totpSecret: secret });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const from = { remoteAddress: freshAddress() };
      const pending = await signInAs(t, user, from);
      const answer = await send(t, pending, {
        method: 'POST',
        url: '/api/auth/totp',
        payload: { code: wrongCodeFor(secret) },
        ...from,
      });
      expect(answer.statusCode).toBe(400);
      time.advance(SECOND);
    }
    const from = { remoteAddress: freshAddress() };
    const pending = await signInAs(t, user, from);
    const blocked = await send(t, pending, {
      method: 'POST',
      url: '/api/auth/totp',
      payload: { code: codeNow(secret) },
      ...from,
    });
    expect(blocked.statusCode).toBe(429);
    // The window started at the first wrong code, 5 s ago.
    expect(Number(blocked.headers['retry-after'])).toBe(15 * 60 - 5);
    time.advance(15 * MINUTE - 5 * SECOND);
    const later = await signInAs(t, user, from);
    const after = await send(t, later, {
      method: 'POST',
      url: '/api/auth/totp',
      payload: { code: codeNow(secret) },
      ...from,
    });
    expect(after.statusCode).toBe(200);
  });

  it('40 wrong codes at once → at most 5 answered 400, the rest 429', async () => {
    const secret = generateTotpSecret();
    const user = await userWithPassword(t, { totpSecret: secret });
    const from = { remoteAddress: freshAddress() };
    const pending = await signInAs(t, user, from);
    const code = wrongCodeFor(secret);
    const answers = await Promise.all(
      Array.from({ length: 40 }, () =>
        send(t, pending, { method: 'POST', url: '/api/auth/totp', payload: { code }, ...from }),
      ),
    );
    const tally = (status: number) => answers.filter((answer) => answer.statusCode === status).length;
    expect([tally(400), tally(429)]).toEqual([5, 35]);
  });

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

  it('a physician turns an optional authenticator on (400 without the current password, 200 with it) and off again', async () => {
    const user = await userWithPassword(t);
    const session = await signInAs(t, user);
    // A signed-in session (perhaps a stolen one) cannot bind the account to a new app by itself.
    const withoutPassword = await send(t, session, { method: 'POST', url: '/api/auth/totp/setup' });
    expect(withoutPassword.statusCode).toBe(400);
    expect(withoutPassword.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe(
      'body.currentPassword',
    );
    const wrongPassword = await send(t, session, {
      method: 'POST',
      url: '/api/auth/totp/setup',
      payload: { currentPassword: 'not-the-password-at-all' },
    });
    expect(wrongPassword.statusCode).toBe(400);
    expect(
      await t.database.prisma.user.findUnique({
        where: { id: user.id },
        select: { pendingTotpSecret: true },
      }),
    ).toEqual({ pendingTotpSecret: null });
    const { secret } = (
      await send(t, session, {
        method: 'POST',
        url: '/api/auth/totp/setup',
        payload: { currentPassword: user.password },
      })
    ).json<{ secret: string }>();
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
