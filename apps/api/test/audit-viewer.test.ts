import { auditPageSchema, type AuditEventDto, problemSchema } from '@pumpdesk/contracts';
import { createIsolatedTestDatabase, createTestSite, createTestUser } from '@pumpdesk/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { parseCsvRecords } from './csv.ts';
import { type TestSession } from './test-sessions.ts';

// The audit viewer: filters, keyset pages that cover every event once, managers limited to their
// sites' events, the CSV equal to the JSON, and the table append-only in the database itself.

const BASE = Date.parse('2021-03-01T00:00:00.000Z');
const HOUR = 3_600_000;

describe('GET /api/audit-events', () => {
  let t: TestApp;
  let actorId: string;
  let siteA: string;
  let siteB: string;
  let managerA: TestSession;
  // 12 events by one actor, an hour apart: 7 patient.* (4 read, 3 update), 3 refill.create, 2 sign-ins.
  const plan = [
    ['patient.read', 'A', 'success'],
    ['patient.read', 'B', 'success'],
    ['patient.update', 'A', 'success'],
    ['auth.sign_in', null, 'failure'],
    ['patient.read', 'A', 'refused'],
    ['refill.create', 'B', 'success'],
    ['patient.update', 'B', 'success'],
    ['refill.create', 'A', 'success'],
    ['patient.read', 'B', 'success'],
    ['auth.sign_in', null, 'success'],
    ['patient.update', 'A', 'refused'],
    ['refill.create', 'A', 'success'],
  ] as const;

  beforeAll(async () => {
    t = await buildTestApp({ as: { role: 'admin' } });
    const prisma = t.database.prisma;
    siteA = (await createTestSite(prisma)).id;
    siteB = (await createTestSite(prisma)).id;
    actorId = (await createTestUser(prisma, [siteA, siteB], { role: 'nurse' })).id;
    for (const [index, [action, site, outcome]] of plan.entries()) {
      await prisma.auditEvent.create({
        data: {
          occurredAt: new Date(BASE + index * HOUR),
          actorUserId: actorId,
          action,
          entityType: action.split('.')[0] ?? 'x',
          entityId: `entity-${String(index)}`,
          outcome,
          siteId: site === 'A' ? siteA : site === 'B' ? siteB : null,
          requestId: `req-${String(index)}`,
          clientAddress: '10.0.0.1',
          summary: { index, fields: ['a, "quoted"', '=formula'] },
        },
      });
    }
    managerA = await t.signIn({ role: 'manager', siteIds: [siteA], allSites: false });
  });
  afterAll(async () => {
    await t.close();
  });

  async function page(query: Record<string, string | number>, as: TestSession | null = t.session) {
    const search = new URLSearchParams(
      Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]),
    );
    const response = await t.injectAs(as, { method: 'GET', url: `/api/audit-events?${search.toString()}` });
    expect(response.statusCode, response.body).toBe(200);
    return auditPageSchema.parse(response.json());
  }
  const indexes = (items: AuditEventDto[]) => items.map((item) => item.summary['index']);

  it('filters by actor, exact action, action prefix, outcome and time; newest first', async () => {
    const all = await page({ actorUserId: actorId });
    expect(indexes(all.items)).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(all.items[0]).toMatchObject({
      actorUserId: actorId,
      requestId: 'req-11',
      clientAddress: '10.0.0.1',
    });
    expect(all.items[0]?.actorName).toMatch(/^Dr Test/);

    expect(indexes((await page({ actorUserId: actorId, action: 'patient.read' })).items)).toEqual([
      8, 4, 1, 0,
    ]);
    expect((await page({ actorUserId: actorId, action: 'patient.*' })).items).toHaveLength(7);
    expect((await page({ actorUserId: actorId, action: 'patient' })).items).toHaveLength(0);
    expect(indexes((await page({ actorUserId: actorId, outcome: 'refused' })).items)).toEqual([10, 4]);
    expect(indexes((await page({ actorUserId: actorId, outcome: 'failure' })).items)).toEqual([3]);
    const window = await page({
      actorUserId: actorId,
      from: new Date(BASE + 2 * HOUR).toISOString(),
      to: new Date(BASE + 5 * HOUR).toISOString(),
    });
    expect(indexes(window.items)).toEqual([4, 3, 2]);
    expect(indexes((await page({ actorUserId: actorId, siteId: siteB })).items)).toEqual([8, 6, 5, 1]);
    expect(
      indexes((await page({ actorUserId: actorId, entityType: 'refill', entityId: 'entity-7' })).items),
    ).toEqual([7]);
    expect((await page({ actorUserId: crypto.randomUUID() })).items).toEqual([]);
  });

  it('pages through every event exactly once (limit 5: 5 + 5 + 2)', async () => {
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const next: Awaited<ReturnType<typeof page>> = await page({
        actorUserId: actorId,
        limit: 5,
        ...(cursor ? { cursor } : {}),
      });
      sizes.push(next.items.length);
      seen.push(...next.items.map((item) => item.id));
      cursor = next.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([5, 5, 2]);
    expect(new Set(seen).size).toBe(12);
    expect(seen).toEqual((await page({ actorUserId: actorId })).items.map((item) => item.id));
  });

  it('a manager at site A sees site A’s events only: no site B, no events without a site', async () => {
    const mine = await page({ actorUserId: actorId }, managerA);
    expect(indexes(mine.items)).toEqual([11, 10, 7, 4, 2, 0]);
    // Everything the manager can see at all (their site is new: a small list), page by page.
    let cursor: string | null = null;
    const everything: AuditEventDto[] = [];
    do {
      const next: Awaited<ReturnType<typeof page>> = await page(
        { limit: 50, ...(cursor ? { cursor } : {}) },
        managerA,
      );
      everything.push(...next.items);
      cursor = next.nextCursor;
    } while (cursor);
    expect(everything.length).toBeGreaterThanOrEqual(6);
    expect(everything.every((event) => event.siteId === siteA)).toBe(true);
    expect((await page({ siteId: siteB }, managerA)).items).toEqual([]);
    expect((await page({ action: 'auth.sign_in', actorUserId: actorId }, managerA)).items).toEqual([]);

    const allSitesManager = await t.signIn({ role: 'manager' });
    const wide = await page({ actorUserId: actorId }, allSitesManager);
    expect(indexes(wide.items)).toEqual([11, 10, 8, 7, 6, 5, 4, 2, 1, 0]);
  });

  it('the CSV rows equal the JSON items (same filters, same order), with a header row', async () => {
    const json = await page({ actorUserId: actorId, action: 'patient.*' });
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/audit-events.csv?actorUserId=${actorId}&action=patient.*`,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['x-truncated']).toBe('false');
    expect(response.headers['x-row-limit']).toBe('100000');
    const records = parseCsvRecords(response.body);
    expect(records).toEqual(
      json.items.map((item) => ({
        id: item.id,
        occurredAt: item.occurredAt,
        actorUserId: item.actorUserId ?? '',
        actorName: item.actorName ?? '',
        action: item.action,
        entityType: item.entityType,
        entityId: item.entityId ?? '',
        siteId: item.siteId ?? '',
        outcome: item.outcome,
        requestId: item.requestId ?? '',
        clientAddress: item.clientAddress ?? '',
        summary: JSON.stringify(item.summary),
      })),
    );
    const managerCsv = await t.injectAs(managerA, {
      method: 'GET',
      url: `/api/audit-events.csv?actorUserId=${actorId}`,
    });
    expect(parseCsvRecords(managerCsv.body).map((record) => record['siteId'])).toEqual(Array(6).fill(siteA));
  });

  it('reading the trail is itself audited (audit.read, with the filters)', async () => {
    const reader = await t.signIn({ role: 'admin' });
    await page({ actorUserId: actorId, outcome: 'refused' }, reader);
    await t.injectAs(reader, { method: 'GET', url: `/api/audit-events.csv?actorUserId=${actorId}` });
    const events = await t.database.prisma.auditEvent.findMany({
      where: { actorUserId: reader.user.id, action: 'audit.read' },
      orderBy: { id: 'asc' },
    });
    expect(events.map((event) => event.summary)).toEqual([
      { format: 'json', filters: { actorUserId: actorId, outcome: 'refused' }, count: 2, page: 'first' },
      { format: 'csv', filters: { actorUserId: actorId }, count: 12, truncated: false },
    ]);
  });

  it('refuses a cursor it did not issue (400) and nurses (403)', async () => {
    const bad = await t.app.inject({ method: 'GET', url: '/api/audit-events?cursor=bm9wZQ' });
    expect(bad.statusCode).toBe(400);
    expect(problemSchema.parse(bad.json()).errors?.[0]?.path).toBe('querystring.cursor');
    const huge = Buffer.from(JSON.stringify(['99999999999999999999'])).toString('base64url');
    expect((await t.app.inject({ method: 'GET', url: `/api/audit-events?cursor=${huge}` })).statusCode).toBe(
      400,
    );
    const nurse = await t.signIn({ role: 'nurse' });
    expect((await t.injectAs(nurse, { method: 'GET', url: '/api/audit-events' })).statusCode).toBe(403);
  });
});

describe('audit_events is append-only in the database', () => {
  it('UPDATE, DELETE and TRUNCATE each fail; the row count is unchanged', async () => {
    // Its own database: the count is exact, and TRUNCATE (refused anyway) never waits on other files.
    const isolated = await createIsolatedTestDatabase();
    try {
      const prisma = isolated.db.prisma;
      await prisma.auditEvent.createMany({
        data: [1, 2, 3].map((n) => ({
          action: 'test.event',
          entityType: 'test',
          entityId: String(n),
          outcome: 'success' as const,
        })),
      });
      const count = () => prisma.auditEvent.count();
      expect(await count()).toBe(3);
      for (const statement of [
        `UPDATE audit_events SET action = 'tampered'`,
        `DELETE FROM audit_events WHERE entity_id = '1'`,
        'TRUNCATE audit_events',
      ]) {
        await expect(prisma.$executeRawUnsafe(statement), statement).rejects.toThrow(/append-only/);
        expect(await count()).toBe(3);
      }
      expect(await prisma.auditEvent.count({ where: { action: 'tampered' } })).toBe(0);
    } finally {
      await isolated.close();
    }
  });
});
