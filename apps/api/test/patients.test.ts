import { patientListPageSchema, type PatientListPage } from '@pumpdesk/contracts';
import { refreshPumpSchedules } from '@pumpdesk/db';
import {
  createTestPatient,
  createTestPump,
  createTestPumpModel,
  createTestRefill,
  createTestSimpleProgram,
  createTestSite,
  createTestUser,
} from '@pumpdesk/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';

// Each test works inside a site it created, so other tests' patients (and demo data) never count.
describe('GET /api/patients', () => {
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

  it('lists a site’s patients by name with their current pump and physician', async () => {
    const prisma = t.database.prisma;
    const site = await createTestSite(prisma);
    const doctor = await createTestUser(prisma, [site.id], { name: 'Dr Ada Okafor' });
    const model = await createTestPumpModel(prisma, 20);
    const b = await createTestPatient(prisma, {
      siteId: site.id,
      familyName: 'Brown',
      givenName: 'Ann',
      responsiblePhysicianId: doctor.id,
    });
    await createTestPatient(prisma, {
      siteId: site.id,
      familyName: 'Adams',
      givenName: 'Zoe',
      highRisk: true,
    });
    const pump = await createTestPump(prisma, {
      patientId: b.id,
      modelId: model.id,
      implantDate: '2023-05-02',
    });
    // The domain doc's worked example: 20 mL at 500 mcg/mL, 300 mcg/day from 10 Jan 2027 10:00 → due 5 Feb.
    await createTestSimpleProgram(prisma, {
      pumpId: pump.id,
      programmedById: doctor.id,
      effectiveFrom: new Date('2026-06-01T09:00:00Z'),
      doseMcgPerDay: 300,
      concentrationMcgPerMl: 500,
    });
    await createTestRefill(prisma, {
      pumpId: pump.id,
      performedById: doctor.id,
      performedAt: new Date('2027-01-10T10:00:00Z'),
      volumeAfterMl: 20,
      concentrationMcgPerMl: 500,
    });
    await refreshPumpSchedules(prisma, [b.id]);

    const page = await list(`siteId=${site.id}`);
    expect(page.items.map((p) => p.familyName)).toEqual(['Adams', 'Brown']);
    expect(page.nextCursor).toBeNull();
    const brown = page.items[1];
    expect(brown?.responsiblePhysician).toEqual({ id: doctor.id, name: 'Dr Ada Okafor' });
    expect(brown?.currentPump).toMatchObject({
      model: model.model,
      reservoirMl: 20,
      implantDate: '2023-05-02',
      refillDueDate: '2027-02-05',
    });
    expect(brown?.dateOfBirth).toBe('1970-01-01');
    expect(page.items[0]?.highRisk).toBe(true);
    expect(page.items[0]?.currentPump).toBeNull();
  });

  it('searches by part of a name, case-insensitively, and by MRN prefix', async () => {
    const prisma = t.database.prisma;
    const site = await createTestSite(prisma);
    const mrnStem = `Q${Date.now().toString(36).toUpperCase()}`;
    await createTestPatient(prisma, {
      siteId: site.id,
      familyName: 'Fitzgerald',
      givenName: 'Maeve',
      mrn: `${mrnStem}01`,
    });
    await createTestPatient(prisma, {
      siteId: site.id,
      familyName: 'Gerald',
      givenName: 'Tom',
      mrn: `${mrnStem}02`,
    });
    await createTestPatient(prisma, {
      siteId: site.id,
      familyName: 'Okoro',
      givenName: 'Geraldine',
      mrn: `X${mrnStem}`,
    });

    expect((await list(`siteId=${site.id}&q=GERALD`)).items).toHaveLength(3);
    expect((await list(`siteId=${site.id}&q=maeve`)).items.map((p) => p.familyName)).toEqual(['Fitzgerald']);
    const byMrn = await list(`siteId=${site.id}&q=${mrnStem.toLowerCase()}`);
    expect(byMrn.items.map((p) => p.mrn).sort()).toEqual([`${mrnStem}01`, `${mrnStem}02`]);
  });

  it('filters by one or several statuses and hides soft-deleted patients', async () => {
    const prisma = t.database.prisma;
    const site = await createTestSite(prisma);
    await createTestPatient(prisma, { siteId: site.id, familyName: 'Active', status: 'active' });
    await createTestPatient(prisma, { siteId: site.id, familyName: 'Trial', status: 'trial' });
    await createTestPatient(prisma, { siteId: site.id, familyName: 'Deceased', status: 'deceased' });
    await createTestPatient(prisma, {
      siteId: site.id,
      familyName: 'Deleted',
      status: 'active',
      deletedAt: new Date(),
    });

    expect((await list(`siteId=${site.id}&status=active`)).items.map((p) => p.familyName)).toEqual([
      'Active',
    ]);
    const two = await list(`siteId=${site.id}&status=active&status=trial`);
    expect(two.items.map((p) => p.familyName)).toEqual(['Active', 'Trial']);
    expect((await list(`siteId=${site.id}`)).items.map((p) => p.familyName)).not.toContain('Deleted');
  });

  it('pages with a cursor through every patient exactly once, in order', async () => {
    const prisma = t.database.prisma;
    const site = await createTestSite(prisma);
    // Same family names on purpose: the cursor must break ties by given name, then id.
    for (let i = 0; i < 7; i++) {
      await createTestPatient(prisma, {
        siteId: site.id,
        familyName: i < 4 ? 'Smith' : 'Jones',
        givenName: i % 2 ? 'Sam' : 'Alex',
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: PatientListPage = await list(
        `siteId=${site.id}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.items.map((p) => `${p.familyName}/${p.givenName}/${p.id}`));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect([...seen].sort((a, b) => (a < b ? -1 : 1))).toEqual(seen);
  });

  it.each([
    ['limit=0', 'querystring.limit'],
    ['limit=5000', 'querystring.limit'],
    ['limit=ten', 'querystring.limit'],
    ['siteId=not-a-uuid', 'querystring.siteId'],
    ['status=asleep', 'querystring.status'],
    ['cursor=bm9wZQ', 'querystring.cursor'],
  ])('refuses %s with a problem naming %s', async (query, path) => {
    const response = await t.app.inject({ method: 'GET', url: `/api/patients?${query}` });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const body = response.json<{ code: string; errors: { path: string }[] }>();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors.map((e) => e.path)).toContain(path);
  });

  it('survives hostile search text', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/patients?q=${encodeURIComponent("%_' or 1=1; --\\")}`,
    });
    expect(response.statusCode).toBe(200);
  });
});

describe('GET /api/sites', () => {
  it('lists active sites with their time zones', async () => {
    const t = await buildTestApp();
    try {
      const site = await createTestSite(t.database.prisma, { timeZone: 'America/New_York' });
      const response = await t.app.inject({ method: 'GET', url: '/api/sites' });
      expect(response.statusCode).toBe(200);
      expect(response.json<{ items: unknown[] }>().items).toContainEqual({
        id: site.id,
        name: site.name,
        timeZone: 'America/New_York',
        phone: site.phone,
        address: site.address,
      });
    } finally {
      await t.close();
    }
  });
});
