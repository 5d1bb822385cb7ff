import { doseProgramPreviewSchema, problemSchema } from '@pumpdesk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { DAY_MS } from './clinical-fixtures.ts';
import { createExplantedPump, createPumpOnMaintenance, simpleProgram } from './dose-program-fixtures.ts';

describe('POST /api/pumps/:pumpId/dose-programs/preview', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const pumpOnMaintenance = () => createPumpOnMaintenance(t.database.prisma);

  const preview = (pumpId: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/api/pumps/${pumpId}/dose-programs/preview`, payload });

  const simple = simpleProgram;

  it('shows old vs new dose, the change and the earlier due date, and saves nothing', async () => {
    const { pump } = await pumpOnMaintenance();
    const response = await preview(pump.id, simple(390));
    expect(response.statusCode, response.body).toBe(200);
    const body = doseProgramPreviewSchema.parse(response.json());
    expect(body.previous).toMatchObject({ dailyDoseMcg: 300, concentrationMcgPerMl: 500 });
    expect(body.proposed).toMatchObject({ dailyDoseMcg: 390, averageDailyDoseMcg: 390 });
    expect(body.changePercent).toBeCloseTo(30, 9);
    expect(body).toMatchObject({ allowed: true, blocking: [], dueDateBoundBy: 'alarm_margin' });
    // 14 mL left now; 12 mL to the alarm at 0.78 mL/day instead of 0.6: about 15.4 days, not 20.
    const daysToAlarm = (Date.parse(body.alarmAt ?? '') - Date.now()) / DAY_MS;
    expect(daysToAlarm).toBeGreaterThan(15.3);
    expect(daysToAlarm).toBeLessThan(15.5);
    expect(await t.database.prisma.doseProgram.count({ where: { pumpId: pump.id } })).toBe(1);
  });

  it('needs a physician override beyond the titration limit, and names the rule', async () => {
    const { pump } = await pumpOnMaintenance();
    const refused = doseProgramPreviewSchema.parse((await preview(pump.id, simple(420))).json());
    expect(refused.allowed).toBe(false);
    expect(refused.blocking.map((finding) => finding.code)).toEqual(['TITRATION_LIMIT_EXCEEDED']);
    expect(refused.blocking[0]?.message).toContain('exceeds the 30% limit');
    const overridden = doseProgramPreviewSchema.parse(
      (
        await preview(pump.id, simple(420, { titrationOverrideReason: 'Catheter revised; spasms returned' }))
      ).json(),
    );
    expect(overridden.allowed).toBe(true);
  });

  it('refuses a unit slip and a concentration that is not the drug in the reservoir', async () => {
    const { pump } = await pumpOnMaintenance();
    const slip = doseProgramPreviewSchema.parse((await preview(pump.id, simple(7200))).json());
    expect(slip.blocking.map((finding) => finding.code)).toEqual(
      expect.arrayContaining(['DOSE_ABOVE_CEILING', 'LIKELY_UNIT_SLIP']),
    );
    const mismatch = doseProgramPreviewSchema.parse(
      (await preview(pump.id, simple(300, { concentrationMcgPerMl: 1000 }))).json(),
    );
    expect(mismatch.blocking.map((finding) => finding.code)).toContain('CONCENTRATION_MISMATCH');
  });

  it('answers invalid programs with the field and rule, unknown pumps with 404, explanted ones with 409', async () => {
    const { pump, patient } = await pumpOnMaintenance();
    const invalid = await preview(pump.id, { concentrationMcgPerMl: 500, mode: 'flex', reason: 'x' });
    expect(invalid.statusCode).toBe(400);
    expect(problemSchema.parse(invalid.json()).errors?.map((error) => error.path)).toContain('body.steps');
    const unknown = await preview('0194f3a0-0000-7000-8000-000000000000', simple(300));
    expect(unknown.statusCode).toBe(404);
    const old = await createExplantedPump(t.database.prisma, patient.id, `OLD-${pump.id.slice(0, 8)}`);
    const explanted = await preview(old.id, simple(300));
    expect(explanted.statusCode).toBe(409);
    expect(problemSchema.parse(explanted.json()).code).toBe('PUMP_NOT_IMPLANTED');
  });
});
