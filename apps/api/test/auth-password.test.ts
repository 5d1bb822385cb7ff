import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../src/auth/password-hashing.ts';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import {
  type BrowserSession,
  randomPassword,
  send,
  sessionFrom,
  signInAs,
  userWithPassword,
} from './auth-fixtures.ts';

// The password policy as a user meets it: POST /api/auth/password, one change after another.

describe('POST /api/auth/password', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ as: null });
  });
  afterAll(() => t.close());

  it('7 chars → 400 too_short, 8 → ok, 64 → ok, 65 → ok, 200 → ok, a common password → 400 common', async () => {
    const user = await userWithPassword(t);
    let session: BrowserSession = await signInAs(t, user);
    let current = user.password;
    const change = async (newPassword: string) => {
      const response = await send(t, session, {
        method: 'POST',
        url: '/api/auth/password',
        payload: { currentPassword: current, newPassword },
      });
      if (response.statusCode === 200) {
        session = sessionFrom(response);
        current = newPassword;
      }
      return response;
    };
    const decisions: Record<string, string> = {};
    for (const [label, password] of [
      ['7', randomPassword(7)],
      ['8', randomPassword(8)],
      ['64', randomPassword(64)],
      ['65', randomPassword(65)],
      ['200', randomPassword(200)],
      ['common', 'password'],
    ] as const) {
      const response = await change(password);
      const body = response.json<{ errors?: { path: string; code: string }[] }>();
      decisions[label] =
        response.statusCode === 200
          ? 'ok'
          : `${String(response.statusCode)} ${body.errors?.map((e) => `${e.path}:${e.code}`).join(',') ?? ''}`;
    }
    expect(decisions).toEqual({
      '7': '400 body.newPassword:too_short',
      '8': 'ok',
      '64': 'ok',
      '65': 'ok',
      '200': 'ok',
      common: '400 body.newPassword:common',
    });
    const row = await t.database.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(row.passwordHash ?? '', current)).toBe(true);
    expect(current).toHaveLength(200);
  });

  it('a wrong current password → 400 on body.currentPassword (nothing changed); the same password again → 400 same_as_current', async () => {
    const user = await userWithPassword(t);
    const session = await signInAs(t, user);
    const wrong = await send(t, session, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: `${user.password}!`, newPassword: randomPassword(16) },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({
      errors: [{ path: 'body.currentPassword', code: 'wrong_password' }],
    });
    const same = await send(t, session, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: user.password, newPassword: user.password },
    });
    expect(same.statusCode).toBe(400);
    expect(same.json()).toMatchObject({ errors: [{ path: 'body.newPassword', code: 'same_as_current' }] });
    const row = await t.database.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(row.passwordHash ?? '', user.password)).toBe(true);
  });

  it('must change password: sign-in → password_change_required, clinical routes 403, after the change → active', async () => {
    const user = await userWithPassword(t, { mustChangePassword: true });
    const session = await signInAs(t, user);
    expect(session.info.stage).toBe('password_change_required');
    const blocked = await send(t, session, { method: 'GET', url: '/api/sites' });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toMatchObject({ code: 'SIGN_IN_INCOMPLETE' });
    const changed = await send(t, session, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: user.password, newPassword: randomPassword(16) },
    });
    expect(changed.statusCode).toBe(200);
    const renewed = sessionFrom(changed);
    expect(renewed.info.stage).toBe('active');
    expect((await send(t, renewed, { method: 'GET', url: '/api/sites' })).statusCode).toBe(200);
    const row = await t.database.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.mustChangePassword).toBe(false);
    expect(row.passwordChangedAt).not.toBeNull();
  });

  it('40 wrong current passwords at once from one session → at most 5 answered 400, the rest 429', async () => {
    const user = await userWithPassword(t);
    const remoteAddress = `10.${String(randomInt(256))}.${String(randomInt(256))}.${String(randomInt(1, 255))}`;
    const session = await signInAs(t, user, { remoteAddress });
    const answers = await Promise.all(
      Array.from({ length: 40 }, () =>
        send(t, session, {
          method: 'POST',
          url: '/api/auth/password',
          payload: { currentPassword: `${user.password}!`, newPassword: randomPassword(16) },
          remoteAddress,
        }),
      ),
    );
    const tally = (status: number) => answers.filter((answer) => answer.statusCode === status).length;
    expect([tally(400), tally(429)]).toEqual([5, 35]);
  });

  it('a password change revokes the calendar-feed token (feed 200 before, 401 after)', async () => {
    const user = await userWithPassword(t);
    const session = await signInAs(t, user);
    const issued = await send(t, session, { method: 'POST', url: '/api/auth/calendar-feed-token' });
    expect(issued.statusCode, issued.body).toBe(200);
    const feedPath = issued.json<{ clinicianFeedPath: string }>().clinicianFeedPath;
    expect((await t.app.inject({ method: 'GET', url: feedPath })).statusCode).toBe(200);
    const changed = await send(t, session, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: user.password, newPassword: randomPassword(16) },
    });
    expect(changed.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: feedPath })).statusCode).toBe(401);
  });
});
