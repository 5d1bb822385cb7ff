import { problemSchema, trialListSchema, trialSchema } from '@pumpdesk/contracts';
import { addDays } from '@pumpdesk/domain';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { createClinic, todayInClinic as today } from './visit-fixtures.ts';

describe('screening trials', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function candidate(status: 'candidate' | 'active' = 'candidate') {
    const { site, clinician, patient } = await createClinic(t.database.prisma, {
      clinician: { name: 'Dr Ines Vale' },
      patient: { status },
    });
    return { site, physician: clinician, patient };
  }

  async function rowsOf(patientId: string) {
    const prisma = t.database.prisma;
    const [trials, audits, patient] = await Promise.all([
      prisma.trial.count({ where: { patientId } }),
      prisma.auditEvent.count({
        where: {
          OR: [
            { summary: { path: ['patientId'], equals: patientId } },
            { entityType: 'patient', entityId: patientId },
          ],
        },
      }),
      prisma.patient.findUniqueOrThrow({ where: { id: patientId }, select: { status: true, version: true } }),
    ]);
    return { trials, audits, status: patient.status, version: patient.version };
  }

  const post = (patientId: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/api/patients/${patientId}/trials`, payload });
  const valid = () => ({
    trialDate: today(),
    bolusMcg: 50,
    ashworthBefore: '3',
    ashworthAfter: '1+',
    pennBefore: 3,
    pennAfter: 1,
    outcome: 'responder',
  });

  it('records a trial and moves a candidate to the trial phase, both audited', async () => {
    const { patient, physician } = await candidate();
    const response = await post(patient.id, {
      ...valid(),
      performedById: physician.id,
      notes: 'Good response at 4 h',
    });
    expect(response.statusCode, response.body).toBe(201);
    const trial = trialSchema.parse(response.json());
    expect(trial).toMatchObject({
      patientId: patient.id,
      bolusMcg: 50,
      performedBy: { id: physician.id, name: 'Dr Ines Vale' },
      ashworthBefore: '3',
      ashworthAfter: '1+',
      pennBefore: 3,
      pennAfter: 1,
      outcome: 'responder',
      version: 1,
    });
    expect(await rowsOf(patient.id)).toMatchObject({ trials: 1, audits: 2, status: 'trial', version: 2 });
    const actions = await t.database.prisma.auditEvent.findMany({
      where: { OR: [{ entityId: trial.id }, { entityType: 'patient', entityId: patient.id }] },
      select: { action: true },
    });
    expect(actions.map((a) => a.action).sort()).toEqual(['patient.update', 'trial.create']);

    // A second trial day (75 mcg) leaves the status alone.
    const second = await post(patient.id, { ...valid(), bolusMcg: 75, outcome: 'inconclusive' });
    expect(second.statusCode).toBe(201);
    expect(await rowsOf(patient.id)).toMatchObject({ trials: 2, status: 'trial', version: 2 });
  });

  it('leaves the status of a patient who is not a candidate', async () => {
    const { patient } = await candidate('active');
    expect((await post(patient.id, valid())).statusCode).toBe(201);
    expect(await rowsOf(patient.id)).toMatchObject({ trials: 1, status: 'active', version: 1 });
  });

  it.each([
    ['a zero bolus', { bolusMcg: 0 }, 'body.bolusMcg'],
    ['a bolus above the ceiling (a keyboard slip)', { bolusMcg: 500 }, 'body.bolusMcg'],
    ['a Penn score of 5', { pennBefore: 5 }, 'body.pennBefore'],
    ['an Ashworth score not on the scale', { ashworthAfter: '1.5' }, 'body.ashworthAfter'],
    ['an unknown outcome', { outcome: 'great' }, 'body.outcome'],
    ['an unknown field', { dose: 50 }, 'body'],
  ])('refuses %s (400, field path) and writes nothing', async (_name, change, path) => {
    const { patient } = await candidate();
    const response = await post(patient.id, { ...valid(), ...change });
    expect(response.statusCode, response.body).toBe(400);
    expect(problemSchema.parse(response.json()).errors?.map((e) => e.path)).toContain(path);
    expect(await rowsOf(patient.id)).toEqual({ trials: 0, audits: 0, status: 'candidate', version: 1 });
  });

  it('refuses a future trial date (400) and a performer not at the site (422), writing nothing', async () => {
    const { patient } = await candidate();
    const future = await post(patient.id, { ...valid(), trialDate: addDays(today(), 1) });
    expect(future.statusCode).toBe(400);
    expect(problemSchema.parse(future.json()).errors?.[0]?.path).toBe('body.trialDate');
    const unknown = await post(patient.id, { ...valid(), performedById: randomUUID() });
    expect(unknown.statusCode).toBe(422);
    expect(problemSchema.parse(unknown.json()).errors?.[0]?.path).toBe('body.performedById');
    expect(await rowsOf(patient.id)).toEqual({ trials: 0, audits: 0, status: 'candidate', version: 1 });
  });

  it('lists the trials newest first; 404 for an unknown patient', async () => {
    const { patient } = await candidate();
    for (const [daysAgo, bolusMcg] of [
      [3, 50],
      [1, 100],
      [2, 75],
    ] as const) {
      expect(
        (await post(patient.id, { ...valid(), trialDate: addDays(today(), -daysAgo), bolusMcg })).statusCode,
      ).toBe(201);
    }
    const response = await t.app.inject({ method: 'GET', url: `/api/patients/${patient.id}/trials` });
    expect(response.statusCode).toBe(200);
    expect(trialListSchema.parse(response.json()).items.map((trial) => trial.bolusMcg)).toEqual([
      100, 75, 50,
    ]);
    const missing = await t.app.inject({ method: 'GET', url: `/api/patients/${randomUUID()}/trials` });
    expect(missing.statusCode).toBe(404);
    expect((await post(randomUUID(), valid())).statusCode).toBe(404);
  });

  it('corrects a trial with the version read; a stale version changes nothing', async () => {
    const { patient } = await candidate();
    const trial = trialSchema.parse((await post(patient.id, valid())).json());
    const patch = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'PATCH', url: `/api/trials/${trial.id}`, payload });
    const ok = await patch({ version: 1, outcome: 'non_responder', pennAfter: 3 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ outcome: 'non_responder', pennAfter: 3, version: 2 });
    const stale = await patch({ version: 1, outcome: 'responder' });
    expect(stale.statusCode).toBe(409);
    const invalid = await patch({ version: 2, bolusMcg: -5 });
    expect(invalid.statusCode).toBe(400);
    const stored = await t.database.prisma.trial.findUniqueOrThrow({ where: { id: trial.id } });
    expect(stored).toMatchObject({ outcome: 'non_responder', version: 2 });
    expect(
      await t.database.prisma.auditEvent.count({ where: { entityId: trial.id, action: 'trial.update' } }),
    ).toBe(1);
    const missing = await t.app.inject({
      method: 'PATCH',
      url: `/api/trials/${randomUUID()}`,
      payload: { version: 1, notes: 'x' },
    });
    expect(missing.statusCode).toBe(404);
  });
});
