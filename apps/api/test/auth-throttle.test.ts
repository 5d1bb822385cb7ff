import { createHash, randomInt } from 'node:crypto';
import { deleteExpiredSignInThrottles, SIGN_IN_THROTTLE } from '@pumpdesk/db';
import { createIsolatedTestDatabase } from '@pumpdesk/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { fakeClock, MINUTE, SECOND, signInRequest, userWithPassword } from './auth-fixtures.ts';

// The documented limits (docs/security.md quotes SIGN_IN_THROTTLE): 5 failures per account and address,
// 30 per address, 20 per account from everywhere (then one attempt a minute), in 15-minute windows.
// The test database is shared and the fake clock starts at the same time every run: tests that must
// not meet an earlier run's counters use addresses of their own.

/** An address no other test (or earlier run) uses. */
const freshAddress = (): string =>
  `10.${String(randomInt(256))}.${String(randomInt(256))}.${String(randomInt(1, 255))}`;

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
      secondFactorFailures: 5,
      knownAddressDays: 30,
    });
  });

  it('40 wrong passwords at once from one address → 5 answered 401, 35 answered 429; after the window the right password signs in', async () => {
    const user = await userWithPassword(t);
    const from = { remoteAddress: freshAddress() };
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => signInRequest(t, user.email, 'wrong-password-xyz', from)),
    );
    const tally = (status: number) => answers.filter((answer) => answer.statusCode === status).length;
    expect([tally(401), tally(429)]).toEqual([5, 35]);
    expect((await signInRequest(t, user.email, user.password, from)).statusCode).toBe(429);
    time.advance(15 * MINUTE);
    expect((await signInRequest(t, user.email, user.password, from)).statusCode).toBe(200);
  });

  it('an account slowed down by 20 failures from 5 other addresses: the user at an address they signed in from recently gets in at once (200, twice); an unknown address → 429', async () => {
    const user = await userWithPassword(t);
    const home = { remoteAddress: freshAddress() };
    expect((await signInRequest(t, user.email, user.password, home)).statusCode).toBe(200);
    time.advance(MINUTE);
    const attackers = Array.from({ length: 5 }, freshAddress);
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const from = { remoteAddress: attackers[attempt % 5] };
      expect((await signInRequest(t, user.email, 'wrong', from)).statusCode).toBe(401);
    }
    // The attacker takes the minute's slot; every other unknown address waits for the next one.
    expect((await signInRequest(t, user.email, 'wrong', { remoteAddress: attackers[0] })).statusCode).toBe(
      401,
    );
    const unknown = await signInRequest(t, user.email, user.password, { remoteAddress: freshAddress() });
    expect(unknown.statusCode).toBe(429);
    expect((await signInRequest(t, user.email, user.password, home)).statusCode).toBe(200);
    time.advance(SECOND);
    expect((await signInRequest(t, user.email, user.password, home)).statusCode).toBe(200);
    // The known address is still held to its own pair limit: 5 wrong passwords, then 429 there.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await signInRequest(t, user.email, 'wrong', home)).statusCode).toBe(401);
    }
    expect((await signInRequest(t, user.email, user.password, home)).statusCode).toBe(429);
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

describe('sign-in throttle housekeeping', () => {
  const knownKey = (account: string, address: string) =>
    `known:${createHash('sha256').update(`known\u0000${account}\u0000${address}`).digest('hex')}`;

  it('deletes counters once their window ended but keeps known addresses for 30 days', async () => {
    // Its own database: a far-future "now" must not delete other tests' counters.
    const { db, close } = await createIsolatedTestDatabase();
    try {
      const time = fakeClock();
      const t = await buildTestApp({ as: null, clock: time.clock, database: db });
      const user = await userWithPassword(t);
      const from = { remoteAddress: '203.0.113.60' };
      expect((await signInRequest(t, user.email, 'wrong', from)).statusCode).toBe(401);
      expect((await signInRequest(t, user.email, user.password, from)).statusCode).toBe(200);
      const known = knownKey(`email:${user.email}`, from.remoteAddress);
      const keys = async () => (await db.prisma.signInThrottle.findMany()).map((row) => row.key).sort();
      // The failure's address and account counters, and the known address.
      expect(await keys()).toHaveLength(3);
      expect(await keys()).toContain(known);

      const at = (ms: number) => new Date(time.clock().getTime() + ms);
      expect(await deleteExpiredSignInThrottles(db.prisma, at(15 * MINUTE))).toBe(2);
      expect(await keys()).toEqual([known]);
      expect(await deleteExpiredSignInThrottles(db.prisma, at(29 * 24 * 60 * MINUTE))).toBe(0);
      expect(await deleteExpiredSignInThrottles(db.prisma, at(30 * 24 * 60 * MINUTE))).toBe(1);
      expect(await keys()).toEqual([]);
      await t.app.close();
    } finally {
      await close();
    }
  });
});
