import {
  problemSchema,
  refillListPageSchema,
  refillPreviewSchema,
  refillWriteResultSchema,
} from '@pumpdesk/contracts';
import { createTestRefill } from '@pumpdesk/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { DAY_MS } from './clinical-fixtures.ts';
import { createPumpDueForRefill, refillBody } from './refill-fixtures.ts';

describe('refills: record, preview, amend, list', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const pumpOnMaintenance = () => createPumpDueForRefill(t.database.prisma);

  const record = (pumpId: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/api/pumps/${pumpId}/refills`, payload });
  const amend = (refillId: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'PATCH', url: `/api/refills/${refillId}`, payload });

  const counts = async (pumpId: string) => ({
    refills: await t.database.prisma.refill.count({ where: { pumpId } }),
    programs: await t.database.prisma.doseProgram.count({ where: { pumpId } }),
  });

  it('records a refill: 201 with the alarm 30 days on, the snapshots stored, audited', async () => {
    const { pump } = await pumpOnMaintenance();
    const payload = refillBody();
    const response = await record(pump.id, payload);
    expect(response.statusCode, response.body).toBe(201);
    const body = refillWriteResultSchema.parse(response.json());
    // (20 − 2) mL at 0.6 mL/day: 30 days after the refill; due 4 days before.
    expect(Date.parse(body.alarmAt ?? '')).toBe(Date.parse(payload.performedAt) + 30 * DAY_MS);
    expect(body).toMatchObject({ findings: [], doseProgram: null, dueDateBoundBy: 'alarm_margin' });
    expect(body.refill).toMatchObject({
      pumpId: pump.id,
      performedAt: payload.performedAt,
      location: 'clinic',
      withdrawnVolumeMl: 4.8,
      drugLot: 'LOT-2291',
      drugExpiry: '2099-01-31',
      billingCodes: ['95990'],
      alarmAtSnapshot: body.alarmAt,
      emptyAtSnapshot: body.emptyAt,
      dueDateSnapshot: body.dueDate,
      dueDateReasonSnapshot: 'alarm_margin',
      amendedAt: null,
      version: 1,
    });
    const row = await t.database.prisma.refill.findUniqueOrThrow({ where: { id: body.refill.id } });
    expect(row.alarmAtSnapshot?.toISOString()).toBe(body.alarmAt);
    expect(row.dueDateReasonSnapshot).toBe('alarm_margin');
    const events = await t.database.prisma.auditEvent.findMany({
      where: { entityId: body.refill.id, action: 'refill.create' },
    });
    expect(events).toHaveLength(1);
    expect(events[0]?.summary).toMatchObject({ pumpId: pump.id, dueDate: body.dueDate });
    expect(await counts(pump.id)).toEqual({ refills: 2, programs: 1 });
  });

  it('stores a residual gap and a possible pocket fill as findings, and returns them', async () => {
    const { pump } = await pumpOnMaintenance();
    const response = await record(pump.id, refillBody({ withdrawnVolumeMl: 8, reservoirVolumeAfterMl: 18 }));
    expect(response.statusCode, response.body).toBe(201);
    const body = refillWriteResultSchema.parse(response.json());
    expect(body.findings.map((finding) => [finding.code, finding.severity])).toEqual([
      ['POSSIBLE_POCKET_FILL', 'critical'],
      ['RESIDUAL_GAP', 'warning'],
    ]);
    const row = await t.database.prisma.refill.findUniqueOrThrow({ where: { id: body.refill.id } });
    expect(row.findings).toEqual(body.findings);
    expect(body.refill.findings).toEqual(body.findings);
  });

  it('refuses a concentration the pump is not programmed for (422, nothing written)', async () => {
    const { pump } = await pumpOnMaintenance();
    const response = await record(pump.id, refillBody({ concentrationMcgPerMl: 1000 }));
    expect(response.statusCode).toBe(422);
    const problem = problemSchema.parse(response.json());
    expect(problem.code).toBe('CONCENTRATION_MISMATCH');
    expect(problem.findings?.[0]?.severity).toBe('refusal');
    expect(await counts(pump.id)).toEqual({ refills: 1, programs: 1 });
  });

  it('records a new concentration with the new program of the same step, both or neither', async () => {
    const { pump } = await pumpOnMaintenance();
    const newProgram = {
      concentrationMcgPerMl: 1000,
      mode: 'simple_continuous',
      continuousDoseMcgPerDay: 300,
      reason: 'Stronger drug: longer refill interval',
    };
    // The program is judged too: beyond the titration limit without an override, neither is saved.
    const refused = await record(
      pump.id,
      refillBody({
        concentrationMcgPerMl: 1000,
        newProgram: { ...newProgram, continuousDoseMcgPerDay: 420 },
      }),
    );
    expect(refused.statusCode).toBe(422);
    expect(problemSchema.parse(refused.json()).code).toBe('TITRATION_LIMIT_EXCEEDED');
    expect(await counts(pump.id)).toEqual({ refills: 1, programs: 1 });

    const payload = refillBody({ concentrationMcgPerMl: 1000, newProgram });
    const response = await record(pump.id, payload);
    expect(response.statusCode, response.body).toBe(201);
    const body = refillWriteResultSchema.parse(response.json());
    expect(body.doseProgram).toMatchObject({
      concentrationMcgPerMl: 1000,
      dailyDoseMcg: 300,
      effectiveFrom: payload.performedAt,
    });
    // 18 mL to the alarm at 0.3 mL/day: 60 days.
    expect(Date.parse(body.alarmAt ?? '')).toBe(Date.parse(payload.performedAt) + 60 * DAY_MS);
    expect(await counts(pump.id)).toEqual({ refills: 2, programs: 2 });
    const actions = await t.database.prisma.auditEvent.findMany({
      where: { entityId: { in: [body.refill.id, body.doseProgram?.id ?? ''] } },
      select: { action: true, requestId: true },
    });
    expect(actions.map((event) => event.action).sort()).toEqual(['dose_program.create', 'refill.create']);
    expect(new Set(actions.map((event) => event.requestId)).size).toBe(1);
  });

  it('refuses a fill beyond the reservoir and expired drug', async () => {
    const { pump } = await pumpOnMaintenance();
    const overfill = await record(pump.id, refillBody({ volumeFilledMl: 25, reservoirVolumeAfterMl: 25 }));
    expect(overfill.statusCode).toBe(422);
    expect(problemSchema.parse(overfill.json()).code).toBe('VOLUME_ABOVE_CAPACITY');
    const expired = await record(pump.id, refillBody({ drugExpiry: '2020-01-31' }));
    expect(problemSchema.parse(expired.json()).code).toBe('DRUG_EXPIRED');
    expect(await counts(pump.id)).toEqual({ refills: 1, programs: 1 });
  });

  it('answers invalid input with the field path and writes nothing', async () => {
    const { pump, refillAt } = await pumpOnMaintenance();
    const cases: [Record<string, unknown>, string][] = [
      [refillBody({ withdrawnVolumeMl: -1 }), 'body.withdrawnVolumeMl'],
      [refillBody({ location: 'garden' }), 'body.location'],
      [refillBody({ drugExpiry: '2027-02-30' }), 'body.drugExpiry'],
      [refillBody({ performedAt: new Date(Date.now() + DAY_MS).toISOString() }), 'body.performedAt'],
      [refillBody({ performedAt: new Date(refillAt.getTime() - DAY_MS).toISOString() }), 'body.performedAt'],
      [refillBody({ performedAt: '2020-01-01T10:00:00Z' }), 'body.performedAt'],
      [refillBody({ surprise: true }), 'body'],
    ];
    for (const [payload, path] of cases) {
      const response = await record(pump.id, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(problemSchema.parse(response.json()).errors?.map((error) => error.path)).toContain(path);
    }
    expect(await counts(pump.id)).toEqual({ refills: 1, programs: 1 });
    const unknown = await record('0194f3a0-0000-7000-8000-000000000000', refillBody());
    expect(unknown.statusCode).toBe(404);
  });

  it('previews a refill without saving: allowed, findings, dates', async () => {
    const { pump } = await pumpOnMaintenance();
    const preview = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: `/api/pumps/${pump.id}/refills/preview`, payload });
    const ok = await preview(refillBody({ withdrawnVolumeMl: 8 }));
    expect(ok.statusCode, ok.body).toBe(200);
    const body = refillPreviewSchema.parse(ok.json());
    expect(body).toMatchObject({ allowed: true, blocking: [], programComparison: null });
    expect(body.findings.map((finding) => finding.code)).toEqual(['RESIDUAL_GAP']);
    expect(body.dueDate).not.toBeNull();
    const mismatch = refillPreviewSchema.parse(
      (await preview(refillBody({ concentrationMcgPerMl: 1000 }))).json(),
    );
    expect(mismatch.allowed).toBe(false);
    expect(mismatch.blocking.map((finding) => finding.code)).toEqual(['CONCENTRATION_MISMATCH']);
    expect(await counts(pump.id)).toEqual({ refills: 1, programs: 1 });
  });

  it('amends a refill: re-judged, snapshots recomputed, version bumped, audited with the field names', async () => {
    const { pump } = await pumpOnMaintenance();
    const created = refillWriteResultSchema.parse((await record(pump.id, refillBody())).json());
    const response = await amend(created.refill.id, {
      version: 1,
      amendmentReason: 'Reservoir reading mistyped',
      volumeFilledMl: 18,
      reservoirVolumeAfterMl: 18,
      drugLot: 'LOT-2291',
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = refillWriteResultSchema.parse(response.json());
    // 16 mL to the alarm at 0.6 mL/day: 26⅔ days instead of 30.
    const performedAt = Date.parse(created.refill.performedAt);
    expect(
      Math.abs(Date.parse(body.alarmAt ?? '') - (performedAt + (16 / 0.6) * DAY_MS)),
    ).toBeLessThanOrEqual(1);
    expect(body.refill).toMatchObject({
      version: 2,
      reservoirVolumeAfterMl: 18,
      amendmentReason: 'Reservoir reading mistyped',
      alarmAtSnapshot: body.alarmAt,
      dueDateSnapshot: body.dueDate,
    });
    expect(body.refill.amendedAt).not.toBeNull();
    expect(body.dueDate).not.toBe(created.dueDate);
    const [event] = await t.database.prisma.auditEvent.findMany({
      where: { entityId: created.refill.id, action: 'refill.amend' },
    });
    expect(event?.summary).toMatchObject({
      changedFields: ['volumeFilledMl', 'reservoirVolumeAfterMl'],
      reasonGiven: true,
      version: 2,
    });
    // The reason is free text: on the refill row, never in the audit trail.
    expect(JSON.stringify(event?.summary)).not.toContain('Reservoir reading mistyped');
    const amended = await t.database.prisma.refill.findUniqueOrThrow({ where: { id: created.refill.id } });
    expect(amended.amendmentReason).toBe('Reservoir reading mistyped');
  });

  it('refuses a stale version (409) and an amendment the engine refuses (422), changing nothing', async () => {
    const { pump } = await pumpOnMaintenance();
    const created = refillWriteResultSchema.parse((await record(pump.id, refillBody())).json());
    const before = await t.database.prisma.refill.findUniqueOrThrow({ where: { id: created.refill.id } });
    const stale = await amend(created.refill.id, {
      version: 7,
      amendmentReason: 'Typo',
      withdrawnVolumeMl: 3,
    });
    expect(stale.statusCode).toBe(409);
    expect(problemSchema.parse(stale.json()).code).toBe('VERSION_CONFLICT');
    const mismatch = await amend(created.refill.id, {
      version: 1,
      amendmentReason: 'Typo',
      concentrationMcgPerMl: 2000,
    });
    expect(mismatch.statusCode).toBe(422);
    expect(problemSchema.parse(mismatch.json()).code).toBe('CONCENTRATION_MISMATCH');
    const invalid = await amend(created.refill.id, { version: 1, amendmentReason: 'Nothing to change' });
    expect(invalid.statusCode).toBe(400);
    const noReason = await amend(created.refill.id, { version: 1, withdrawnVolumeMl: 3 });
    expect(problemSchema.parse(noReason.json()).errors?.map((error) => error.path)).toContain(
      'body.amendmentReason',
    );
    expect(await t.database.prisma.refill.findUniqueOrThrow({ where: { id: created.refill.id } })).toEqual(
      before,
    );
    expect(
      await t.database.prisma.auditEvent.count({
        where: { entityId: created.refill.id, action: 'refill.amend', outcome: 'success' },
      }),
    ).toBe(0);
    const unknown = await amend('0194f3a0-0000-7000-8000-000000000000', {
      version: 1,
      amendmentReason: 'Typo',
      withdrawnVolumeMl: 3,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('lists refills newest first across pages', async () => {
    const { pump, nurse, refillAt } = await pumpOnMaintenance();
    for (let i = 1; i <= 4; i += 1) {
      await createTestRefill(t.database.prisma, {
        pumpId: pump.id,
        performedById: nurse.id,
        performedAt: new Date(refillAt.getTime() - i * 30 * DAY_MS),
        volumeAfterMl: 20,
        concentrationMcgPerMl: 500,
      });
    }
    const created = refillWriteResultSchema.parse((await record(pump.id, refillBody())).json());
    const all = await t.database.prisma.refill.findMany({
      where: { pumpId: pump.id },
      orderBy: { performedAt: 'desc' },
      select: { id: true },
    });
    expect(all).toHaveLength(6);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/pumps/${pump.id}/refills?limit=4${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, response.body).toBe(200);
      const page = refillListPageSchema.parse(response.json());
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(2);
    expect(seen).toEqual(all.map((row) => row.id));
    const first = refillListPageSchema.parse(
      (await t.app.inject({ method: 'GET', url: `/api/pumps/${pump.id}/refills?limit=1` })).json(),
    );
    expect(first.items[0]).toMatchObject({
      id: created.refill.id,
      performedBy: { id: created.refill.performedBy.id },
      version: 1,
      findings: [],
    });
    const badCursor = await t.app.inject({ method: 'GET', url: `/api/pumps/${pump.id}/refills?cursor=nope` });
    expect(problemSchema.parse(badCursor.json()).errors?.[0]?.path).toBe('querystring.cursor');
    const tooMany = await t.app.inject({ method: 'GET', url: `/api/pumps/${pump.id}/refills?limit=201` });
    expect(tooMany.statusCode).toBe(400);
    const unknown = await t.app.inject({
      method: 'GET',
      url: '/api/pumps/0194f3a0-0000-7000-8000-000000000000/refills',
    });
    expect(unknown.statusCode).toBe(404);
  });
});
