import { SIGN_IN_THROTTLE } from '@pumpdesk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { fakeClock, MINUTE, SECOND, signInRequest, userWithPassword } from './auth-fixtures.ts';

// The documented limits (docs/security.md quotes SIGN_IN_THROTTLE): 5 failures per account and address,
// 30 per address, 20 per account from everywhere (then one attempt a minute), in 15-minute windows.

describe('sign-in throttling', () => {
  const time = fakeClock();
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ as: null, clock: time.clock });
  });
  afterAll(() => t.close());

  it('the documented numbers: 5 per account+address, 30 per address, 20 per account then 1 per 60 s, 15-min windows', () => {
    expect(SIGN_IN_THROTTLE).toEqual({
      windowMinutes: 15,
      accountAndAddressFailures: 5,
      addressFailures: 30,
      accountFailures: 20,
      accountSlowdownSeconds: 60,
    });
  });

  it('5 wrong passwords then the 6th → 429 with Retry-After, even with the right password; after the 15-min window the right password signs in', async () => {
    const user = await userWithPassword(t);
    const from = { remoteAddress: '203.0.113.10' };
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      time.advance(SECOND);
      expect((await signInRequest(t, user.email, `wrong-${String(attempt)}`, from)).statusCode).toBe(401);
    }
    const blocked = await signInRequest(t, user.email, user.password, from);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    const retryAfter = Number(blocked.headers['retry-after']);
    // The window started at the first failure, 4 s before the fifth: 15 min − 4 s remain.
    expect(retryAfter).toBe(15 * 60 - 4);
    expect(blocked.cookies).toHaveLength(0);
    const refused = await t.database.prisma.auditEvent.findMany({
      where: { action: 'auth.sign_in', actorUserId: user.id, outcome: 'refused' },
    });
    expect(refused.map((event) => event.summary)).toEqual([{ email: user.email, reason: 'throttled' }]);

    time.advance(retryAfter * SECOND - SECOND);
    expect((await signInRequest(t, user.email, user.password, from)).statusCode).toBe(429);
    time.advance(SECOND);
    const after = await signInRequest(t, user.email, user.password, from);
    expect(after.statusCode).toBe(200);
  });

  it('5 failures from address A do not block the user at address B (200 at B, 429 at A)', async () => {
    const user = await userWithPassword(t);
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await signInRequest(t, user.email, `wrong-${String(attempt)}`, { remoteAddress: '203.0.113.20' });
    }
    expect(
      (await signInRequest(t, user.email, user.password, { remoteAddress: '203.0.113.20' })).statusCode,
    ).toBe(429);
    expect(
      (await signInRequest(t, user.email, user.password, { remoteAddress: '203.0.113.21' })).statusCode,
    ).toBe(200);
  });

  it('TRUST_PROXY: the x-forwarded-for address is the one counted (A blocked, B signs in)', async () => {
    const proxied = await buildTestApp({ as: null, clock: time.clock, env: { TRUST_PROXY: 'true' } });
    try {
      const user = await userWithPassword(proxied);
      const at = (address: string) => ({ headers: { 'x-forwarded-for': address } });
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        await signInRequest(proxied, user.email, `wrong-${String(attempt)}`, at('198.51.100.50'));
      }
      expect((await signInRequest(proxied, user.email, user.password, at('198.51.100.50'))).statusCode).toBe(
        429,
      );
      expect((await signInRequest(proxied, user.email, user.password, at('198.51.100.51'))).statusCode).toBe(
        200,
      );
    } finally {
      await proxied.close();
    }
  });

  it('30 failures from one address over 30 accounts → the 31st attempt at a fresh account → 429', async () => {
    const from = { remoteAddress: '203.0.113.30' };
    for (let attempt = 1; attempt <= 30; attempt += 1) {
      const response = await signInRequest(t, `spray-${String(attempt)}@example.org`, 'wrong', from);
      expect(response.statusCode).toBe(401);
    }
    const user = await userWithPassword(t);
    const blocked = await signInRequest(t, user.email, user.password, from);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('20 failures of one account from 5 addresses → 1 attempt per 60 s (never a long lockout)', async () => {
    const user = await userWithPassword(t);
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const from = { remoteAddress: `203.0.113.${String(40 + (attempt % 5))}` };
      expect((await signInRequest(t, user.email, 'wrong', from)).statusCode).toBe(401);
    }
    // The next attempt takes the minute's slot, from wherever: the real user gets in.
    expect(
      (await signInRequest(t, user.email, user.password, { remoteAddress: '203.0.113.50' })).statusCode,
    ).toBe(200);
    time.advance(10 * SECOND);
    const slowed = await signInRequest(t, user.email, user.password, { remoteAddress: '203.0.113.51' });
    expect(slowed.statusCode).toBe(429);
    expect(Number(slowed.headers['retry-after'])).toBe(50);
    time.advance(50 * SECOND);
    expect(
      (await signInRequest(t, user.email, user.password, { remoteAddress: '203.0.113.51' })).statusCode,
    ).toBe(200);
    time.advance(15 * MINUTE);
    expect(
      (await signInRequest(t, user.email, user.password, { remoteAddress: '203.0.113.51' })).statusCode,
    ).toBe(200);
  });
});
