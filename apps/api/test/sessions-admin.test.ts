import { problemSchema, sessionListSchema } from '@pumpdesk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { sessionFor } from './test-sessions.ts';

// An admin lists live sessions and ends one: that session's next request is 401, the user's other
// session carries on.

describe('sessions (admin)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ as: { role: 'admin' } });
  });
  afterAll(async () => {
    await t.close();
  });

  const list = async (userId: string) => {
    const response = await t.app.inject({ method: 'GET', url: `/api/sessions?userId=${userId}` });
    expect(response.statusCode, response.body).toBe(200);
    return sessionListSchema.parse(response.json()).items;
  };

  it('ends one session (204): it answers 401 next, the same user’s other session still 200', async () => {
    const first = await t.signIn({ role: 'nurse', name: 'Nurse Two Tabs' });
    const second = await sessionFor(t.database, first.user);
    const ended = await sessionFor(t.database, first.user);
    await t.database.prisma.session.update({
      where: { id: ended.sessionId },
      data: { endedAt: new Date(), endReason: 'sign_out' },
    });

    const live = await list(first.user.id);
    expect(live.map((session) => session.id).sort()).toEqual([first.sessionId, second.sessionId].sort());
    expect(live[0]).toMatchObject({ userId: first.user.id, userName: 'Nurse Two Tabs', stage: 'active' });
    expect(JSON.stringify(live)).not.toContain(first.token);

    const response = await t.app.inject({ method: 'DELETE', url: `/api/sessions/${first.sessionId}` });
    expect(response.statusCode, response.body).toBe(204);
    expect((await t.injectAs(first, { method: 'GET', url: '/api/sites' })).statusCode).toBe(401);
    expect((await t.injectAs(second, { method: 'GET', url: '/api/sites' })).statusCode).toBe(200);
    expect((await list(first.user.id)).map((session) => session.id)).toEqual([second.sessionId]);

    const row = await t.database.prisma.session.findUniqueOrThrow({ where: { id: first.sessionId } });
    expect(row.endReason).toBe('ended_by_admin');
    const events = await t.database.prisma.auditEvent.findMany({
      where: { action: 'session.end', entityId: first.sessionId },
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorUserId: t.session?.user.id, outcome: 'success' });
    expect(events[0]?.summary).toEqual({ userId: first.user.id, reason: 'ended_by_admin' });
  });

  it('answers 404 for a session that has ended or never existed', async () => {
    const nurse = await t.signIn({ role: 'nurse' });
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/sessions/${nurse.sessionId}` })).statusCode,
    ).toBe(204);
    for (const id of [nurse.sessionId, crypto.randomUUID()]) {
      const response = await t.app.inject({ method: 'DELETE', url: `/api/sessions/${id}` });
      expect(response.statusCode).toBe(404);
      expect(problemSchema.parse(response.json()).code).toBe('NOT_FOUND');
    }
  });

  it('lists every live session without a userId', async () => {
    const nurse = await t.signIn({ role: 'nurse' });
    const response = await t.app.inject({ method: 'GET', url: '/api/sessions' });
    expect(response.statusCode).toBe(200);
    const ids = sessionListSchema.parse(response.json()).items.map((session) => session.id);
    expect(ids).toContain(nurse.sessionId);
    expect(ids).toContain(t.session?.sessionId);
  });
});
