import { type PatientListPage, patientListPageSchema } from '@pumpdesk/contracts';
import {
  createTestPatient,
  createTestPump,
  createTestPumpModel,
  createTestSite,
  createTestUser,
} from '@pumpdesk/db/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';

// GET /api/patients: the filters, the sort orders and their cursors. Each test lists only the site it
// created, so other tests' patients (and demo data) never count.

describe('GET /api/patients filters and sorting', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function list(query: string): Promise<PatientListPage> {
    const response = await t.app.inject({ method: 'GET', url: `/api/patients?${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return patientListPageSchema.parse(response.json());
  }

  const names = async (query: string) => (await list(query)).items.map((p) => p.familyName);

  /** Every page of the list, following the cursors, and how many pages it took. */
  async function allPages(query: string, limit: number) {
    const items: PatientListPage['items'] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: PatientListPage = await list(`${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      items.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    return { items, pages };
  }

  it('filters by responsible physician and by one or several diagnoses', async () => {
    const prisma = t.database.prisma;
    const site = await createTestSite(prisma);
    const doctor = await createTestUser(prisma, [site.id]);
    const colleague = await createTestUser(prisma, [site.id]);
    await createTestPatient(prisma, {
      siteId: site.id,
      familyName: 'Aston',
      responsiblePhysicianId: doctor.id,
    });
    await createTestPatient(prisma, {
      siteId: site.id,
      familyName: 'Baker',
      responsiblePhysicianId: colleague.id,
      diagnosis: 'cerebral_palsy',
    });
    await createTestPatient(prisma, { siteId: site.id, familyName: 'Cole', diagnosis: 'stroke' });

    expect(await names(`siteId=${site.id}&physicianId=${doctor.id}`)).toEqual(['Aston']);
    expect(await names(`siteId=${site.id}&diagnosis=cerebral_palsy`)).toEqual(['Baker']);
    expect(await names(`siteId=${site.id}&diagnosis=cerebral_palsy&diagnosis=stroke`)).toEqual([
      'Baker',
      'Cole',
    ]);
    expect(await names(`siteId=${site.id}&physicianId=${colleague.id}&diagnosis=stroke`)).toEqual([]);
  });

  it('filters by withdrawal risk: the explicit flag or a risk factor, as the items say', async () => {
    const prisma = t.database.prisma;
    const site = await createTestSite(prisma);
    await createTestPatient(prisma, { siteId: site.id, familyName: 'Flagged', highRisk: true });
    const t6 = await createTestPatient(prisma, {
      siteId: site.id,
      familyName: 'HighInjury',
      diagnosis: 'spinal_cord_injury',
    });
    await prisma.patient.update({
      where: { id: t6.id },
      data: { injuryLevel: 'C5', injuryAtOrAboveT6: true },
    });
    const mute = await createTestPatient(prisma, { siteId: site.id, familyName: 'Mute' });
    await prisma.patient.update({ where: { id: mute.id }, data: { cannotCommunicate: true } });
    await createTestPatient(prisma, { siteId: site.id, familyName: 'Plain' });

    const risky = await list(`siteId=${site.id}&highRisk=true`);
    expect(risky.items.map((p) => p.familyName)).toEqual(['Flagged', 'HighInjury', 'Mute']);
    expect(risky.items.every((p) => p.highRisk)).toBe(true);
    expect(await names(`siteId=${site.id}&highRisk=false`)).toEqual(['Plain']);
    // Combined with a search (both are OR conditions inside: they must not replace each other).
    expect(await names(`siteId=${site.id}&highRisk=true&q=mute`)).toEqual(['Mute']);
  });

  it('filters by an implanted pump (an explanted one does not count)', async () => {
    const prisma = t.database.prisma;
    const site = await createTestSite(prisma);
    const model = await createTestPumpModel(prisma);
    const withPump = await createTestPatient(prisma, { siteId: site.id, familyName: 'Implanted' });
    await createTestPump(prisma, { patientId: withPump.id, modelId: model.id });
    const explanted = await createTestPatient(prisma, { siteId: site.id, familyName: 'Explanted' });
    const old = await createTestPump(prisma, { patientId: explanted.id, modelId: model.id });
    await prisma.pump.update({
      where: { id: old.id },
      data: {
        status: 'explanted',
        explantDate: new Date('2025-01-10T00:00:00.000Z'),
        explantReason: 'battery_end_of_life',
      },
    });
    await createTestPatient(prisma, { siteId: site.id, familyName: 'Candidate' });

    expect(await names(`siteId=${site.id}&hasPump=true`)).toEqual(['Implanted']);
    expect(await names(`siteId=${site.id}&hasPump=false`)).toEqual(['Candidate', 'Explanted']);
  });

  describe('sorting across pages', () => {
    let siteId: string;
    // Ties on purpose (same family name, same birthday): the id must break them for the cursor.
    const people = [
      { familyName: 'Moss', givenName: 'Ben', dateOfBirth: '1990-05-01', mrn: 'E' },
      { familyName: 'Adler', givenName: 'Cora', dateOfBirth: '1961-11-30', mrn: 'B' },
      { familyName: 'Moss', givenName: 'Ada', dateOfBirth: '1990-05-01', mrn: 'A' },
      { familyName: 'Zeller', givenName: 'Ivo', dateOfBirth: '2001-02-14', mrn: 'D' },
      { familyName: 'Kahn', givenName: 'Lea', dateOfBirth: '1975-07-19', mrn: 'C' },
    ];
    const stem = `S${randomUUID().slice(0, 6).toUpperCase()}`;
    beforeAll(async () => {
      const prisma = t.database.prisma;
      const site = await createTestSite(prisma);
      siteId = site.id;
      // Created one after another, so createdAt follows this order (Moss Ben first).
      for (const person of people) {
        await createTestPatient(prisma, { siteId, ...person, mrn: `${stem}${person.mrn}` });
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    });

    const label = (p: { familyName: string; givenName: string }) => `${p.familyName} ${p.givenName}`;

    it.each([
      ['name', 'asc', ['Adler Cora', 'Kahn Lea', 'Moss Ada', 'Moss Ben', 'Zeller Ivo']],
      ['name', 'desc', ['Zeller Ivo', 'Moss Ben', 'Moss Ada', 'Kahn Lea', 'Adler Cora']],
      ['mrn', 'asc', ['Moss Ada', 'Adler Cora', 'Kahn Lea', 'Zeller Ivo', 'Moss Ben']],
      ['mrn', 'desc', ['Moss Ben', 'Zeller Ivo', 'Kahn Lea', 'Adler Cora', 'Moss Ada']],
      ['createdAt', 'asc', ['Moss Ben', 'Adler Cora', 'Moss Ada', 'Zeller Ivo', 'Kahn Lea']],
      ['createdAt', 'desc', ['Kahn Lea', 'Zeller Ivo', 'Moss Ada', 'Adler Cora', 'Moss Ben']],
    ])('sort=%s order=%s pages through every patient once, in order', async (sort, order, expected) => {
      const { items, pages } = await allPages(`siteId=${siteId}&sort=${sort}&order=${order}`, 2);
      expect(pages).toBe(3);
      expect(items.map(label)).toEqual(expected);
    });

    it.each(['asc', 'desc'])('sort=dateOfBirth order=%s, ties broken by id, across pages', async (order) => {
      const { items, pages } = await allPages(`siteId=${siteId}&sort=dateOfBirth&order=${order}`, 2);
      expect(pages).toBe(3);
      expect(new Set(items.map((p) => p.id)).size).toBe(5);
      const births = items.map((p) => p.dateOfBirth);
      const sorted = [...births].sort();
      expect(births).toEqual(order === 'asc' ? sorted : sorted.reverse());
      const twins = items.filter((p) => p.dateOfBirth === '1990-05-01').map((p) => p.id);
      const byId = [...twins].sort();
      expect(twins).toEqual(order === 'asc' ? byId : byId.reverse());
    });

    it('sorts by name ascending when no sort is given', async () => {
      expect((await list(`siteId=${siteId}`)).items.map(label)).toEqual([
        'Adler Cora',
        'Kahn Lea',
        'Moss Ada',
        'Moss Ben',
        'Zeller Ivo',
      ]);
    });

    it('refuses a cursor issued for another sort or order (400 invalid_cursor)', async () => {
      const first = await list(`siteId=${siteId}&sort=mrn&limit=2`);
      expect(first.nextCursor).not.toBeNull();
      for (const other of ['sort=name', 'sort=mrn&order=desc', 'sort=createdAt', 'sort=dateOfBirth']) {
        const response = await t.app.inject({
          method: 'GET',
          url: `/api/patients?siteId=${siteId}&${other}&limit=2&cursor=${first.nextCursor}`,
        });
        expect(response.statusCode, other).toBe(400);
        const body = response.json<{ errors: { path: string; code: string }[] }>();
        expect(body.errors).toContainEqual(
          expect.objectContaining({ path: 'querystring.cursor', code: 'invalid_cursor' }),
        );
      }
    });
  });

  it.each([
    ['sort=age', 'querystring.sort'],
    ['order=up', 'querystring.order'],
    ['highRisk=yes', 'querystring.highRisk'],
    ['hasPump=1', 'querystring.hasPump'],
    ['diagnosis=flu', 'querystring.diagnosis'],
    ['physicianId=someone', 'querystring.physicianId'],
    // Forged cursors of the right shape but impossible values: refused, never a database error.
    [
      `cursor=${Buffer.from(JSON.stringify(['name:asc', 'A', 'B', 'not-a-uuid'])).toString('base64url')}`,
      'querystring.cursor',
    ],
    [
      `sort=dateOfBirth&cursor=${Buffer.from(JSON.stringify(['dateOfBirth:asc', '1990-02-30', randomUUID()])).toString('base64url')}`,
      'querystring.cursor',
    ],
    [
      `sort=createdAt&cursor=${Buffer.from(JSON.stringify(['createdAt:asc', 'yesterday', randomUUID()])).toString('base64url')}`,
      'querystring.cursor',
    ],
  ])('refuses %s with a problem naming %s', async (query, path) => {
    const response = await t.app.inject({ method: 'GET', url: `/api/patients?${query}` });
    expect(response.statusCode, response.body).toBe(400);
    const body = response.json<{ code: string; errors: { path: string }[] }>();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors.map((e) => e.path)).toContain(path);
  });
});
