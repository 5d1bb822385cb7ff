import { doseChangeListSchema, problemSchema, safetyFindingListSchema } from '@pumpdesk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { createPatientOnMaintenance } from './clinical-fixtures.ts';
import { simpleProgram } from './dose-program-fixtures.ts';
import { type TestSession } from './test-sessions.ts';

// The physician's home: recent dose changes and refills with stored safety findings, through HTTP.
// Two clinics of the test's own; a physician of clinic A never sees clinic B's patients.

let t: TestApp;
let a: Awaited<ReturnType<typeof createPatientOnMaintenance>>;
let b: Awaited<ReturnType<typeof createPatientOnMaintenance>>;
let physicianA: TestSession;

const pocketFill = {
  code: 'POSSIBLE_POCKET_FILL',
  severity: 'critical',
  message: 'The reservoir reads 14 mL after the fill but 20 mL were injected: a possible pocket fill.',
};

beforeAll(async () => {
  t = await buildTestApp();
  const prisma = t.database.prisma;
  a = await createPatientOnMaintenance(prisma, { refillDaysAgo: 10 });
  b = await createPatientOnMaintenance(prisma, { refillDaysAgo: 10 });
  physicianA = await t.signIn({ role: 'physician', siteIds: [a.site.id], name: 'Dr Amara Nwosu' });
  // 300 → 360 mcg/day at A (+20%, within the limit), 300 → 330 at B.
  for (const [pump, dose] of [
    [a.pump, 360],
    [b.pump, 330],
  ] as const) {
    const saved = await t.injectAs(pump === a.pump ? physicianA : t.session, {
      method: 'POST',
      url: `/api/pumps/${pump.id}/dose-programs`,
      payload: simpleProgram(dose),
    });
    expect(saved.statusCode, saved.body).toBe(201);
  }
  // Stored findings as the refill write keeps them: a critical one and a note (not listed) at A,
  // a warning at B.
  const note = { code: 'NON_STANDARD_CONCENTRATION', severity: 'info', message: 'A note.' };
  await prisma.refill.updateMany({ where: { pumpId: a.pump.id }, data: { findings: [pocketFill, note] } });
  await prisma.refill.updateMany({
    where: { pumpId: b.pump.id },
    data: { findings: [{ code: 'RESIDUAL_GAP', severity: 'warning', message: 'A residual gap.' }] },
  });
});
afterAll(async () => {
  await t.close();
});

describe('GET /api/worklists/dose-changes', () => {
  it('lists the dose changes of the window at the user’s sites with the dose before and the change', async () => {
    const response = await t.injectAs(physicianA, { method: 'GET', url: '/api/worklists/dose-changes' });
    expect(response.statusCode, response.body).toBe(200);
    const list = doseChangeListSchema.parse(response.json());
    expect(list.days).toBe(30);
    // The program of 200 days ago is outside the window; site B's change is not the user's.
    expect(list.items).toHaveLength(1);
    const [change] = list.items;
    expect(change).toMatchObject({
      patient: { id: a.patient.id, mrn: a.patient.mrn },
      site: { id: a.site.id, timeZone: 'Europe/London' },
      pumpId: a.pump.id,
      mode: 'simple_continuous',
      dailyDoseMcg: 360,
      previousDailyDoseMcg: 300,
      changePercent: 20,
      programmedBy: { id: physicianA.user.id, name: 'Dr Amara Nwosu' },
      reason: 'Spasms at night',
      titrationOverride: false,
      titrationOverrideReason: null,
    });
    const audit = await t.database.prisma.auditEvent.findFirst({
      where: { actorUserId: physicianA.user.id, action: 'worklist.read', entityId: 'dose-changes' },
    });
    expect(audit?.summary).toMatchObject({ count: 1, days: 30 });
  });

  it('filters by site and window; another site answers like an unknown one', async () => {
    const atB = await t.app.inject({ method: 'GET', url: `/api/worklists/dose-changes?siteId=${b.site.id}` });
    expect(atB.statusCode, atB.body).toBe(200);
    const items = doseChangeListSchema.parse(atB.json()).items;
    expect(items.map((item) => item.patient.id)).toEqual([b.patient.id]);
    expect(items[0]?.changePercent).toBe(10);
    const longer = await t.app.inject({
      method: 'GET',
      url: `/api/worklists/dose-changes?siteId=${b.site.id}&days=90`,
    });
    expect(doseChangeListSchema.parse(longer.json()).items).toHaveLength(1);

    const refused = await t.injectAs(physicianA, {
      method: 'GET',
      url: `/api/worklists/dose-changes?siteId=${b.site.id}`,
    });
    expect(refused.statusCode).toBe(404);
    const tooLong = await t.injectAs(physicianA, {
      method: 'GET',
      url: '/api/worklists/dose-changes?days=0',
    });
    expect(tooLong.statusCode).toBe(400);
    expect(problemSchema.parse(tooLong.json()).errors?.[0]?.path).toBe('querystring.days');
  });

  it('is for roles that read patients', async () => {
    const nurse = await t.signIn({ role: 'nurse', siteIds: [a.site.id] });
    const admin = await t.signIn({ role: 'admin' });
    expect((await t.injectAs(nurse, { method: 'GET', url: '/api/worklists/dose-changes' })).statusCode).toBe(
      200,
    );
    expect((await t.injectAs(admin, { method: 'GET', url: '/api/worklists/dose-changes' })).statusCode).toBe(
      403,
    );
    expect((await t.injectAs(null, { method: 'GET', url: '/api/worklists/dose-changes' })).statusCode).toBe(
      401,
    );
  });
});

describe('GET /api/worklists/safety-findings', () => {
  it('lists the refills with critical findings or warnings at the user’s sites, without the notes', async () => {
    const response = await t.injectAs(physicianA, { method: 'GET', url: '/api/worklists/safety-findings' });
    expect(response.statusCode, response.body).toBe(200);
    const list = safetyFindingListSchema.parse(response.json());
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      patient: { id: a.patient.id },
      site: { id: a.site.id },
      pumpId: a.pump.id,
      performedBy: { id: a.nurse.id },
      findings: [pocketFill],
    });
    const atB = await t.app.inject({
      method: 'GET',
      url: `/api/worklists/safety-findings?siteId=${b.site.id}`,
    });
    const itemsAtB = safetyFindingListSchema.parse(atB.json()).items;
    expect(itemsAtB.map((item) => item.findings.map((finding) => finding.code))).toEqual([['RESIDUAL_GAP']]);
    const refused = await t.injectAs(physicianA, {
      method: 'GET',
      url: `/api/worklists/safety-findings?siteId=${b.site.id}`,
    });
    expect(refused.statusCode).toBe(404);
  });

  it('leaves out refills older than the window', async () => {
    const recent = await t.injectAs(physicianA, {
      method: 'GET',
      url: '/api/worklists/safety-findings?days=5',
    });
    expect(safetyFindingListSchema.parse(recent.json()).items).toEqual([]);
  });
});
