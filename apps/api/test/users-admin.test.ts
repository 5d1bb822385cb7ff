import { problemSchema, type UserRole, userListSchema, userSummarySchema } from '@pumpdesk/contracts';
import { type Principal, updateUser } from '@pumpdesk/db';
import { createIsolatedTestDatabase, createTestSite, createTestUser } from '@pumpdesk/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { sessionFor, type TestSession } from './test-sessions.ts';

// Users as an admin manages them: the password policy on creation and reset, disabling (sessions end
// at once), the admin safeguards, stale versions, and every other role refused with nothing written.

const GOOD_PASSWORD = 'violet harbour tractor 42';

describe('users (admin)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ as: { role: 'admin' } });
  });
  afterAll(async () => {
    await t.close();
  });

  const prisma = () => t.database.prisma;
  const email = () => `new-${crypto.randomUUID()}@example.org`;

  async function createUserViaApi(payload: Record<string, unknown>) {
    return t.app.inject({ method: 'POST', url: '/api/users', payload });
  }

  async function getUser(id: string) {
    const response = await t.app.inject({ method: 'GET', url: `/api/users/${id}` });
    expect(response.statusCode, response.body).toBe(200);
    return userSummarySchema.parse(response.json());
  }

  /** Any request an active user may make: 200 while the session lives, 401 once it ended. */
  const probe = (session: TestSession) => t.injectAs(session, { method: 'GET', url: '/api/sites' });

  it('refuses a 7-character password (400 too_short) and a common one (400 common); a good one creates the user (201)', async () => {
    const site = await createTestSite(prisma());
    const base = { name: 'Nurse New', role: 'nurse', siteIds: [site.id] };

    const short = await createUserViaApi({ ...base, email: email(), password: 'abc1234' });
    expect(short.statusCode).toBe(400);
    expect(problemSchema.parse(short.json()).errors).toEqual([
      expect.objectContaining({ path: 'body.password', code: 'too_short' }),
    ]);
    const common = await createUserViaApi({ ...base, email: email(), password: 'password' });
    expect(common.statusCode).toBe(400);
    expect(problemSchema.parse(common.json()).errors).toEqual([
      expect.objectContaining({ path: 'body.password', code: 'common' }),
    ]);

    const address = email();
    const created = await createUserViaApi({
      ...base,
      email: address.toUpperCase(),
      password: GOOD_PASSWORD,
    });
    expect(created.statusCode, created.body).toBe(201);
    const user = userSummarySchema.parse(created.json());
    expect(user).toMatchObject({
      email: address,
      role: 'nurse',
      siteIds: [site.id],
      active: true,
      mustChangePassword: true,
      passwordSet: true,
      totpEnabled: false,
      activeSessions: 0,
      version: 1,
    });
    expect(await getUser(user.id)).toEqual(user);
    const list = userListSchema.parse((await t.app.inject({ method: 'GET', url: '/api/users' })).json());
    expect(list.items.filter((item) => item.id === user.id)).toHaveLength(1);

    // Stored as an Argon2id hash; neither the password nor the hash is in the audit trail.
    const row = await prisma().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    const events = await prisma().auditEvent.findMany({ where: { entityId: user.id } });
    expect(events.map((event) => event.action)).toEqual(['user.create']);
    const summaries = JSON.stringify(events.map((event) => event.summary));
    expect(summaries).not.toContain(GOOD_PASSWORD);
    expect(summaries).not.toContain('argon2');
  });

  it('answers 409 EMAIL_TAKEN for an email in use and 422 INVALID_REFERENCE for an unknown site; nothing is created', async () => {
    const existing = await createTestUser(prisma(), [], { role: 'nurse' });
    const before = await prisma().user.count();
    const taken = await createUserViaApi({
      name: 'Twin',
      email: existing.email,
      role: 'nurse',
      password: GOOD_PASSWORD,
    });
    expect(taken.statusCode).toBe(409);
    expect(problemSchema.parse(taken.json()).code).toBe('EMAIL_TAKEN');
    const unknownSite = await createUserViaApi({
      name: 'Nowhere',
      email: email(),
      role: 'nurse',
      siteIds: [crypto.randomUUID()],
      password: GOOD_PASSWORD,
    });
    expect(unknownSite.statusCode).toBe(422);
    expect(problemSchema.parse(unknownSite.json()).code).toBe('INVALID_REFERENCE');
    expect(await prisma().user.count()).toBe(before);
  });

  it('disabling a user ends their session at once (401); re-enabled, they can get a new session (200)', async () => {
    const site = await createTestSite(prisma());
    const nurse = await t.signIn({ role: 'nurse', siteIds: [site.id], allSites: false });
    expect((await probe(nurse)).statusCode).toBe(200);
    expect((await getUser(nurse.user.id)).activeSessions).toBe(1);

    const disabled = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${nurse.user.id}`,
      payload: { active: false, version: 1 },
    });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(userSummarySchema.parse(disabled.json())).toMatchObject({
      active: false,
      activeSessions: 0,
      version: 2,
    });
    expect((await probe(nurse)).statusCode).toBe(401);
    const ended = await prisma().session.findUniqueOrThrow({ where: { id: nurse.sessionId } });
    expect(ended.endReason).toBe('user_disabled');

    const enabled = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${nurse.user.id}`,
      payload: { active: true, version: 2 },
    });
    expect(enabled.statusCode, enabled.body).toBe(200);
    expect((await probe(nurse)).statusCode).toBe(401);
    const again = await sessionFor(t.database, nurse.user);
    expect((await probe(again)).statusCode).toBe(200);
    const actions = await prisma().auditEvent.findMany({
      where: { entityId: nurse.user.id, action: { startsWith: 'user.' } },
      orderBy: { id: 'asc' },
    });
    expect(actions.map((event) => event.action)).toEqual(['user.disable', 'user.enable']);
  });

  it('a password reset ends every session of the user (401) and sets mustChangePassword; the policy applies', async () => {
    const nurse = await t.signIn({ role: 'nurse' });
    const second = await sessionFor(t.database, nurse.user);
    const url = `/api/users/${nurse.user.id}/password`;

    const weak = await t.app.inject({ method: 'POST', url, payload: { newPassword: 'short' } });
    expect(weak.statusCode).toBe(400);
    expect(problemSchema.parse(weak.json()).errors?.[0]).toMatchObject({
      path: 'body.newPassword',
      code: 'too_short',
    });
    expect((await probe(nurse)).statusCode).toBe(200);

    const reset = await t.app.inject({ method: 'POST', url, payload: { newPassword: GOOD_PASSWORD } });
    expect(reset.statusCode, reset.body).toBe(200);
    expect(userSummarySchema.parse(reset.json())).toMatchObject({
      mustChangePassword: true,
      activeSessions: 0,
    });
    expect((await probe(nurse)).statusCode).toBe(401);
    expect((await probe(second)).statusCode).toBe(401);
    const row = await prisma().user.findUniqueOrThrow({ where: { id: nurse.user.id } });
    expect(row.mustChangePassword).toBe(true);
    const sessions = await prisma().session.findMany({ where: { userId: nurse.user.id } });
    expect(sessions.map((session) => session.endReason)).toEqual(['password_changed', 'password_changed']);
    const event = await prisma().auditEvent.findFirstOrThrow({
      where: { entityId: nurse.user.id, action: 'user.password_reset' },
    });
    expect(JSON.stringify(event.summary)).not.toContain(GOOD_PASSWORD);
  });

  it('removing the second factor clears the TOTP secret and recovery codes and ends the sessions', async () => {
    const physician = await t.signIn({ role: 'physician' });
    await prisma().user.update({
      where: { id: physician.user.id },
      data: {
        totpSecret: 'JBSWY3DPEHPK3PXP',
        totpEnabledAt: new Date(),
        totpLastStep: 1n,
        recoveryCodes: { create: [{ codeHash: 'a' }, { codeHash: 'b' }] },
      },
    });
    const response = await t.app.inject({
      method: 'DELETE',
      url: `/api/users/${physician.user.id}/second-factor`,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(userSummarySchema.parse(response.json()).totpEnabled).toBe(false);
    const row = await prisma().user.findUniqueOrThrow({ where: { id: physician.user.id } });
    expect([row.totpSecret, row.totpEnabledAt, row.totpLastStep]).toEqual([null, null, null]);
    expect(await prisma().recoveryCode.count({ where: { userId: physician.user.id } })).toBe(0);
    expect((await probe(physician)).statusCode).toBe(401);
  });

  it.each(['password reset', 'second-factor reset', 'disabling'] as const)(
    'a %s revokes the user’s calendar-feed token (feed 200 before, 401 after)',
    async (change) => {
      const physician = await t.signIn({ role: 'physician' });
      const issued = await t.injectAs(physician, { method: 'POST', url: '/api/auth/calendar-feed-token' });
      expect(issued.statusCode, issued.body).toBe(200);
      const feedPath = issued.json<{ clinicianFeedPath: string }>().clinicianFeedPath;
      const feed = () => t.injectAs(null, { method: 'GET', url: feedPath });
      expect((await feed()).statusCode).toBe(200);
      const url = `/api/users/${physician.user.id}`;
      const response =
        change === 'password reset'
          ? await t.app.inject({
              method: 'POST',
              url: `${url}/password`,
              payload: { newPassword: GOOD_PASSWORD },
            })
          : change === 'second-factor reset'
            ? await t.app.inject({ method: 'DELETE', url: `${url}/second-factor` })
            : await t.app.inject({
                method: 'PATCH',
                url,
                payload: { active: false, version: (await getUser(physician.user.id)).version },
              });
      expect(response.statusCode, response.body).toBe(200);
      expect((await feed()).statusCode).toBe(401);
      const row = await prisma().user.findUniqueOrThrow({ where: { id: physician.user.id } });
      expect(row.calendarFeedTokenHash).toBeNull();
    },
  );

  it('a stale version answers 409 VERSION_CONFLICT and changes nothing', async () => {
    const nurse = await createTestUser(prisma(), [], { role: 'nurse', name: 'Before' });
    const url = `/api/users/${nurse.id}`;
    expect(
      (await t.app.inject({ method: 'PATCH', url, payload: { name: 'First', version: 1 } })).statusCode,
    ).toBe(200);
    const stale = await t.app.inject({
      method: 'PATCH',
      url,
      payload: { name: 'Second', active: false, version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(problemSchema.parse(stale.json()).code).toBe('VERSION_CONFLICT');
    expect(await getUser(nurse.id)).toMatchObject({ name: 'First', active: true, version: 2 });
  });

  it('an admin cannot disable or demote their own account (409)', async () => {
    const admin = t.session;
    if (!admin) throw new Error('signed in as an admin');
    const own = await getUser(admin.user.id);
    for (const payload of [{ active: false }, { role: 'manager' }]) {
      const response = await t.app.inject({
        method: 'PATCH',
        url: `/api/users/${admin.user.id}`,
        payload: { ...payload, version: own.version },
      });
      expect(response.statusCode).toBe(409);
      expect(problemSchema.parse(response.json()).code).toBe('OWN_ADMIN_ACCOUNT');
    }
    expect(await getUser(admin.user.id)).toMatchObject({ active: true, role: 'admin', version: own.version });
  });

  it.each<UserRole>(['nurse', 'physician', 'manager'])(
    'a %s calling any admin route gets 403 and nothing changes',
    async (role) => {
      const caller = await t.signIn({ role });
      const target = await createTestUser(prisma(), [], { role: 'nurse' });
      const targetSession = await sessionFor(t.database, target);
      const site = await createTestSite(prisma());
      const snapshot = async () => ({
        users: await prisma().user.findMany({ orderBy: { id: 'asc' } }),
        sessions: await prisma().session.count({ where: { endedAt: { not: null } } }),
        sites: await prisma().site.findMany({ orderBy: { id: 'asc' } }),
        organisation: await prisma().organisation.findUnique({ where: { id: 1 } }),
      });
      const before = await snapshot();
      const requests = [
        { method: 'GET', url: '/api/users' },
        { method: 'GET', url: `/api/users/${target.id}` },
        {
          method: 'POST',
          url: '/api/users',
          payload: { name: 'X', email: email(), role: 'admin', password: GOOD_PASSWORD },
        },
        { method: 'PATCH', url: `/api/users/${target.id}`, payload: { role: 'admin', version: 1 } },
        { method: 'POST', url: `/api/users/${target.id}/password`, payload: { newPassword: GOOD_PASSWORD } },
        { method: 'DELETE', url: `/api/users/${target.id}/second-factor` },
        { method: 'GET', url: `/api/sessions?userId=${target.id}` },
        { method: 'DELETE', url: `/api/sessions/${targetSession.sessionId}` },
        { method: 'GET', url: '/api/settings/security' },
        { method: 'PUT', url: '/api/settings/security', payload: { sessionIdleMinutes: 60, version: 1 } },
        {
          method: 'POST',
          url: '/api/sites',
          payload: { name: `Site ${crypto.randomUUID()}`, timeZone: 'UTC' },
        },
        { method: 'PATCH', url: `/api/sites/${site.id}`, payload: { name: 'Renamed', version: 1 } },
      ] as const;
      for (const request of requests) {
        const response = await t.injectAs(caller, request);
        expect(response.statusCode, `${request.method} ${request.url}`).toBe(403);
        expect(problemSchema.parse(response.json()).code).toBe('FORBIDDEN');
      }
      if (role !== 'manager') {
        for (const url of ['/api/audit-events', '/api/audit-events.csv']) {
          expect((await t.injectAs(caller, { method: 'GET', url })).statusCode, url).toBe(403);
        }
      }
      // Users, sessions, sites and the organisation's settings exactly as before (users' updatedAt too).
      const after = await snapshot();
      expect(after.users.filter((user) => before.users.some((b) => b.id === user.id))).toEqual(before.users);
      expect(after.sites.filter((s) => before.sites.some((b) => b.id === s.id))).toEqual(before.sites);
      expect(after.organisation).toEqual(before.organisation);
      expect(
        await prisma().session.findUniqueOrThrow({ where: { id: targetSession.sessionId } }),
      ).toMatchObject({
        endedAt: null,
      });
    },
  );
});

describe('the last active admin', () => {
  it('cannot be disabled or demoted (409 LAST_ADMIN), even by an admin whose own account was disabled a moment before', async () => {
    // Its own database: counting admins must not see other files' admins. Through the API the acting
    // admin is always an active admin, so the rule is reached when two admins disable each other at
    // once: the data layer is called as the admin whose account the other request has just disabled.
    const isolated = await createIsolatedTestDatabase();
    try {
      const prisma = isolated.db.prisma;
      const gone = await createTestUser(prisma, [], { role: 'admin', allSites: true, active: false });
      const last = await createTestUser(prisma, [], { role: 'admin', allSites: true });
      const principal: Principal = {
        userId: gone.id,
        name: gone.name,
        role: 'admin',
        allSites: true,
        siteIds: [],
        requestId: 'test',
        clientAddress: null,
      };
      for (const changes of [{ active: false }, { role: 'manager' as const }]) {
        await expect(
          updateUser(prisma, principal, last.id, { ...changes, version: 1 }, new Date()),
        ).rejects.toMatchObject({
          code: 'LAST_ADMIN',
        });
      }
      expect(await prisma.user.findUniqueOrThrow({ where: { id: last.id } })).toMatchObject({
        active: true,
        role: 'admin',
        version: 1,
      });
      // With a second active admin, the same change goes through.
      await createTestUser(prisma, [], { role: 'admin', allSites: true });
      await expect(
        updateUser(prisma, principal, last.id, { role: 'manager', version: 1 }, new Date()),
      ).resolves.toMatchObject({
        role: 'manager',
      });
    } finally {
      await isolated.close();
    }
  });
});
