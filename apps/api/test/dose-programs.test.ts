import { doseProgramCreatedSchema, doseProgramHistorySchema, problemSchema } from '@pumpdesk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { DAY_MS } from './clinical-fixtures.ts';
import { createExplantedPump, createPumpOnMaintenance, simpleProgram } from './dose-program-fixtures.ts';

describe('POST and GET /api/pumps/:pumpId/dose-programs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const pumpOnMaintenance = () => createPumpOnMaintenance(t.database.prisma);

  const create = (pumpId: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/api/pumps/${pumpId}/dose-programs`, payload });

  const simple = simpleProgram;

  const programCount = (pumpId: string) => t.database.prisma.doseProgram.count({ where: { pumpId } });
  const auditEvents = (entityId: string, action: string) =>
    t.database.prisma.auditEvent.findMany({ where: { entityId, action } });

  it('records a program within the limits: 201 with the saved program and the comparison, audited', async () => {
    const { pump } = await pumpOnMaintenance();
    const response = await create(pump.id, simple(390));
    expect(response.statusCode, response.body).toBe(201);
    const body = doseProgramCreatedSchema.parse(response.json());
    const user = await t.database.prisma.user.findUniqueOrThrow({
      where: { id: body.program.programmedBy.id },
    });
    expect(body.program).toMatchObject({
      pumpId: pump.id,
      mode: 'simple_continuous',
      concentrationMcgPerMl: 500,
      continuousDoseMcgPerDay: 390,
      dailyDoseMcg: 390,
      reason: 'Spasms at night',
      titrationOverride: false,
      titrationOverrideReason: null,
      programmedBy: { id: user.id, name: user.name },
    });
    expect(body.comparison).toMatchObject({
      previous: { dailyDoseMcg: 300 },
      proposed: { dailyDoseMcg: 390 },
      allowed: true,
      dueDateBoundBy: 'alarm_margin',
    });
    expect(body.comparison.changePercent).toBeCloseTo(30, 9);
    // 14 mL left; 12 mL to the alarm at 0.78 mL/day: about 15.4 days.
    const daysToAlarm = (Date.parse(body.comparison.alarmAt ?? '') - Date.now()) / DAY_MS;
    expect(daysToAlarm).toBeGreaterThan(15.3);
    expect(daysToAlarm).toBeLessThan(15.5);
    expect(await programCount(pump.id)).toBe(2);
    const [event] = await auditEvents(body.program.id, 'dose_program.create');
    expect(event?.outcome).toBe('success');
    expect(event?.summary).toMatchObject({
      pumpId: pump.id,
      dailyDoseOldMcg: 300,
      dailyDoseNewMcg: 390,
      override: false,
    });
  });

  it('stores flex steps, scheduled boluses and patient boluses, and lists the history newest first', async () => {
    const { pump, physician } = await pumpOnMaintenance();
    const flex = {
      concentrationMcgPerMl: 500,
      mode: 'flex',
      steps: [
        { startMinute: 1320, rateMcgPerHour: 14 },
        { startMinute: 360, rateMcgPerHour: 12, weekdays: [1, 2, 3, 4, 5] },
        { startMinute: 360, rateMcgPerHour: 12.5, weekdays: [6, 7] },
      ],
      patientBolus: { doseMcg: 10, maxPerDay: 2, lockoutMinutes: 120 },
      reason: 'More at night',
    };
    const created = await create(pump.id, flex);
    expect(created.statusCode, created.body).toBe(201);
    const program = doseProgramCreatedSchema.parse(created.json()).program;
    // Weekdays: 8 h × 14 + 16 h × 12 = 304, + 2 × 10 patient boluses.
    expect(program.steps).toHaveLength(3);
    expect(program.patientBolus).toEqual({ doseMcg: 10, maxPerDay: 2, lockoutMinutes: 120 });
    expect(program.dailyDoseMcg).toBeGreaterThanOrEqual(324);

    const list = await t.app.inject({ method: 'GET', url: `/api/pumps/${pump.id}/dose-programs` });
    expect(list.statusCode, list.body).toBe(200);
    const history = doseProgramHistorySchema.parse(list.json()).items;
    expect(history.map((item) => item.id)[0]).toBe(program.id);
    expect(history).toHaveLength(2);
    expect(history[1]).toMatchObject({
      dailyDoseMcg: 300,
      concentrationMcgPerMl: 500,
      programmedBy: { id: physician.id, name: 'Dr Rosa Lind' },
      titrationOverride: false,
    });
  });

  it('refuses a change beyond the titration limit without an override (422, nothing saved, refusal audited)', async () => {
    const { pump } = await pumpOnMaintenance();
    const refused = await create(pump.id, simple(420));
    expect(refused.statusCode).toBe(422);
    const problem = problemSchema.parse(refused.json());
    expect(problem.code).toBe('TITRATION_LIMIT_EXCEEDED');
    expect(problem.findings?.map((finding) => finding.code)).toContain('TITRATION_LIMIT_EXCEEDED');
    expect(await programCount(pump.id)).toBe(1);
    const [audit] = await auditEvents(pump.id, 'dose_program.create');
    expect(audit).toMatchObject({
      outcome: 'refused',
      summary: { blockingCodes: ['TITRATION_LIMIT_EXCEEDED'] },
    });
  });

  it('records it with a physician override: titration_override and its reason saved', async () => {
    const { pump } = await pumpOnMaintenance();
    const reason = 'Catheter revised; spasms returned';
    const response = await create(pump.id, simple(420, { titrationOverrideReason: reason }));
    expect(response.statusCode, response.body).toBe(201);
    const body = doseProgramCreatedSchema.parse(response.json());
    expect(body.program).toMatchObject({ titrationOverride: true, titrationOverrideReason: reason });
    expect(body.comparison.findings.map((finding) => finding.code)).toContain('TITRATION_LIMIT_EXCEEDED');
    const row = await t.database.prisma.doseProgram.findUniqueOrThrow({ where: { id: body.program.id } });
    expect(row).toMatchObject({ titrationOverride: true, titrationOverrideReason: reason });
    const [event] = await auditEvents(body.program.id, 'dose_program.create');
    expect(event?.summary).toMatchObject({ override: true });
  });

  it('refuses a unit slip and a dose above the ceiling even with an override', async () => {
    const { pump } = await pumpOnMaintenance();
    // 1200 = 4 × 300: a per-day dose typed per hour would look like this.
    const slip = await create(pump.id, simple(1200, { titrationOverrideReason: 'Sure' }));
    expect(slip.statusCode).toBe(422);
    expect(problemSchema.parse(slip.json()).code).toBe('LIKELY_UNIT_SLIP');
    const ceiling = await create(pump.id, simple(7200, { titrationOverrideReason: 'Sure' }));
    expect(ceiling.statusCode).toBe(422);
    expect(problemSchema.parse(ceiling.json()).findings?.map((finding) => finding.code)).toEqual(
      expect.arrayContaining(['DOSE_ABOVE_CEILING', 'LIKELY_UNIT_SLIP']),
    );
    const mismatch = await create(pump.id, simple(300, { concentrationMcgPerMl: 1000 }));
    expect(problemSchema.parse(mismatch.json()).code).toBe('CONCENTRATION_MISMATCH');
    expect(await programCount(pump.id)).toBe(1);
  });

  it('judges two physicians programming the same pump at once one after the other', async () => {
    const { pump } = await pumpOnMaintenance();
    // Each is within the limits against 300 alone; after either, the other is a change beyond them
    // (240 → 390 is +62%; 390 → 240 is −38%).
    const responses = await Promise.all([create(pump.id, simple(240)), create(pump.id, simple(390))]);
    expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 422]);
    expect(await programCount(pump.id)).toBe(2);
  });

  it('answers invalid input with the field path (nothing saved), unknown pumps 404, explanted 409', async () => {
    const { pump, patient } = await pumpOnMaintenance();
    const invalid = await create(pump.id, { concentrationMcgPerMl: 500, mode: 'flex', reason: 'x' });
    expect(invalid.statusCode).toBe(400);
    expect(problemSchema.parse(invalid.json()).errors?.map((error) => error.path)).toContain('body.steps');
    const negative = await create(pump.id, simple(-5));
    expect(problemSchema.parse(negative.json()).errors?.map((error) => error.path)).toContain(
      'body.continuousDoseMcgPerDay',
    );
    const backdated = await create(
      pump.id,
      simple(300, { effectiveFrom: new Date(Date.now() - 300 * DAY_MS).toISOString() }),
    );
    expect(backdated.statusCode).toBe(400);
    expect(problemSchema.parse(backdated.json()).errors?.map((error) => error.path)).toEqual([
      'body.effectiveFrom',
    ]);
    expect(await programCount(pump.id)).toBe(1);

    const unknown = '0194f3a0-0000-7000-8000-000000000000';
    expect((await create(unknown, simple(300))).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/pumps/${unknown}/dose-programs` })).statusCode,
    ).toBe(404);

    const explanted = await createExplantedPump(t.database.prisma, patient.id, `SN-${pump.id.slice(0, 8)}`);
    const gone = await create(explanted.id, simple(300));
    expect(gone.statusCode).toBe(409);
    expect(problemSchema.parse(gone.json()).code).toBe('PUMP_NOT_IMPLANTED');
    expect(await programCount(explanted.id)).toBe(0);
  });
});
