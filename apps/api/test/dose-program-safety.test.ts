import { doseProgramCreatedSchema, doseProgramInputSchema, problemSchema } from '@pumpdesk/contracts';
import { createDoseProgram, type Database, SafetyRefusalError } from '@pumpdesk/db';
import {
  createTestPatient,
  createTestPump,
  createTestPumpModel,
  createTestSimpleProgram,
  createTestSite,
  createTestUser,
} from '@pumpdesk/db/testing';
import { addDays, calendarDateInZone } from '@pumpdesk/domain';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { DAY_MS } from './clinical-fixtures.ts';
import { refillBody } from './refill-fixtures.ts';
import { simpleProgram } from './dose-program-fixtures.ts';

// The safety review's scenarios for new programs: when a program may start (a backdated program must
// not get round the titration limit, a typo far ahead must not block the pump), the first program of
// a replacement pump judged against the previous pump, and the Idempotency-Key.

const HOUR_MS = 3_600_000;
const ZONE = 'Europe/London';

/** A patient whose pump (implanted in 2025) has been on `dose` mcg/day at 500 mcg/mL for 200 days. */
async function pumpOnDose(prisma: Database['prisma'], dose: number) {
  const site = await createTestSite(prisma, { timeZone: ZONE });
  const physician = await createTestUser(prisma, [site.id]);
  const model = await createTestPumpModel(prisma, 20);
  const patient = await createTestPatient(prisma, { siteId: site.id, responsiblePhysicianId: physician.id });
  const pump = await createTestPump(prisma, {
    patientId: patient.id,
    modelId: model.id,
    implantDate: '2025-06-02',
  });
  await createTestSimpleProgram(prisma, {
    pumpId: pump.id,
    programmedById: physician.id,
    effectiveFrom: new Date(Date.now() - 200 * DAY_MS),
    doseMcgPerDay: dose,
    concentrationMcgPerMl: 500,
  });
  return { site, physician, model, patient, pump };
}

/**
 * A patient whose first pump, on 150 mcg/day, was explanted `explantedDaysAgo` days ago (today: a
 * replacement), and whose new pump, implanted today, has no program yet.
 */
async function replacementPump(prisma: Database['prisma'], explantedDaysAgo = 0) {
  const { physician, model, patient, pump: oldPump } = await pumpOnDose(prisma, 150);
  const today = calendarDateInZone(new Date(), ZONE);
  await prisma.pump.update({
    where: { id: oldPump.id },
    data: {
      status: 'explanted',
      explantDate: new Date(`${addDays(today, -explantedDaysAgo)}T00:00:00.000Z`),
      explantReason: 'battery_end_of_life',
    },
  });
  const pump = await createTestPump(prisma, { patientId: patient.id, modelId: model.id, implantDate: today });
  return { physician, patient, oldPump, pump };
}

describe('new dose programs: start bounds, replacement pumps, Idempotency-Key', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const create = (pumpId: string, payload: Record<string, unknown>, key?: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/pumps/${pumpId}/dose-programs`,
      headers: key === undefined ? {} : { 'idempotency-key': key },
      payload,
    });
  const programCount = (pumpId: string) => t.database.prisma.doseProgram.count({ where: { pumpId } });
  const fieldError = (body: string) => problemSchema.parse(JSON.parse(body)).errors?.[0];
  const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOUR_MS).toISOString();

  describe('when a program may take effect', () => {
    it('refuses a program backdated beyond the titration window (400, nothing saved)', async () => {
      const { pump } = await pumpOnDose(t.database.prisma, 100);
      const response = await create(pump.id, simpleProgram(130, { effectiveFrom: hoursAgo(48) }));
      expect(response.statusCode, response.body).toBe(400);
      expect(fieldError(response.body)).toMatchObject({
        path: 'body.effectiveFrom',
        code: 'before_titration_window',
      });
      expect(await programCount(pump.id)).toBe(1);
    });

    it('sees a program backdated within the window: 100 → 130 (20 h ago) → 169 now is +69%, refused', async () => {
      const { pump } = await pumpOnDose(t.database.prisma, 100);
      const first = await create(pump.id, simpleProgram(130, { effectiveFrom: hoursAgo(20) }));
      expect(first.statusCode, first.body).toBe(201);
      const second = await create(pump.id, simpleProgram(169));
      expect(second.statusCode, second.body).toBe(422);
      const problem = problemSchema.parse(second.json());
      expect(problem.code).toBe('TITRATION_LIMIT_EXCEEDED');
      expect(problem.detail).toContain('100');
      expect(await programCount(pump.id)).toBe(2);
    });

    it('refuses a start far in the future (2099) and one more than 90 days ahead', async () => {
      const { pump } = await pumpOnDose(t.database.prisma, 100);
      for (const effectiveFrom of [
        '2099-01-01T00:00:00Z',
        new Date(Date.now() + 91 * DAY_MS).toISOString(),
      ]) {
        const response = await create(pump.id, simpleProgram(100, { effectiveFrom }));
        expect(response.statusCode, response.body).toBe(400);
        expect(fieldError(response.body)).toMatchObject({
          path: 'body.effectiveFrom',
          code: 'too_far_ahead',
        });
      }
      // A planned change within 90 days is fine, and later programs start after it.
      const planned = await create(
        pump.id,
        simpleProgram(110, { effectiveFrom: new Date(Date.now() + 30 * DAY_MS).toISOString() }),
      );
      expect(planned.statusCode, planned.body).toBe(201);
      expect(await programCount(pump.id)).toBe(2);
    });

    it('refuses year 0000 and a dose with more decimals than the record keeps, with field paths', async () => {
      const { pump } = await pumpOnDose(t.database.prisma, 100);
      const year0 = await create(pump.id, simpleProgram(100, { effectiveFrom: '0000-01-01T00:00:00Z' }));
      expect(year0.statusCode, year0.body).toBe(400);
      expect(fieldError(year0.body)).toMatchObject({ path: 'body.effectiveFrom', code: 'out_of_range' });
      // 0.0004 mcg/day would be judged as a dose and stored as 0.000: a stopped pump.
      const tiny = await create(pump.id, simpleProgram(0.0004, { titrationOverrideReason: 'wean' }));
      expect(tiny.statusCode, tiny.body).toBe(400);
      expect(fieldError(tiny.body)).toMatchObject({
        path: 'body.continuousDoseMcgPerDay',
        code: 'too_many_decimals',
      });
      const flex = await create(pump.id, {
        concentrationMcgPerMl: 500.001,
        mode: 'flex',
        steps: [{ startMinute: 0, rateMcgPerHour: 4.12345 }],
        reason: 'Flex',
      });
      expect(flex.statusCode, flex.body).toBe(400);
      expect(
        problemSchema
          .parse(flex.json())
          .errors?.map((error) => error.path)
          .sort(),
      ).toEqual(['body.concentrationMcgPerMl', 'body.steps.0.rateMcgPerHour']);
      expect(await programCount(pump.id)).toBe(1);
    });
  });

  describe('the first program of a replacement pump', () => {
    it('is judged against the previous pump: 1500 after 150 is a unit slip, 195 is +30%', async () => {
      const { pump } = await replacementPump(t.database.prisma);
      const slip = await create(pump.id, simpleProgram(1500, { titrationOverrideReason: 'Sure' }));
      expect(slip.statusCode, slip.body).toBe(422);
      expect(problemSchema.parse(slip.json()).code).toBe('LIKELY_UNIT_SLIP');
      expect(await programCount(pump.id)).toBe(0);

      const allowed = await create(pump.id, simpleProgram(195));
      expect(allowed.statusCode, allowed.body).toBe(201);
      const body = doseProgramCreatedSchema.parse(allowed.json());
      expect(body.comparison.previous?.dailyDoseMcg).toBe(150);
      expect(body.comparison.changePercent).toBeCloseTo(30, 9);
      expect(body.program.titrationOverride).toBe(false);
    });

    it('needs an override for 250 after 150 (+67%)', async () => {
      const { pump } = await replacementPump(t.database.prisma);
      const refused = await create(pump.id, simpleProgram(250));
      expect(refused.statusCode, refused.body).toBe(422);
      expect(problemSchema.parse(refused.json()).code).toBe('TITRATION_LIMIT_EXCEEDED');
      const overridden = await create(pump.id, simpleProgram(250, { titrationOverrideReason: 'Spasms' }));
      expect(overridden.statusCode, overridden.body).toBe(201);
      expect(doseProgramCreatedSchema.parse(overridden.json()).program.titrationOverride).toBe(true);
    });

    it('needs an override to restart after a gap between the pumps, even at the old dose', async () => {
      const { pump } = await replacementPump(t.database.prisma, 30);
      const refused = await create(pump.id, simpleProgram(150));
      expect(refused.statusCode, refused.body).toBe(422);
      expect(problemSchema.parse(refused.json()).code).toBe('RESTART_AFTER_STOP');
      expect(await programCount(pump.id)).toBe(0);
    });

    it('is judged the same way when it comes with the first refill', async () => {
      const { pump } = await replacementPump(t.database.prisma);
      const refill = (dose: number) =>
        t.app.inject({
          method: 'POST',
          url: `/api/pumps/${pump.id}/refills`,
          payload: refillBody({
            expectedResidualMl: 0,
            withdrawnVolumeMl: 0,
            newProgram: simpleProgram(dose),
          }),
        });
      const slip = await refill(1500);
      expect(slip.statusCode, slip.body).toBe(422);
      expect(problemSchema.parse(slip.json()).code).toBe('LIKELY_UNIT_SLIP');
      expect(await t.database.prisma.refill.count({ where: { pumpId: pump.id } })).toBe(0);
      const allowed = await refill(150);
      expect(allowed.statusCode, allowed.body).toBe(201);
      expect(await programCount(pump.id)).toBe(1);
    });
  });

  describe('the audit of a refusal', () => {
    it('never turns the refusal into another error when the audit insert fails', async () => {
      const { pump } = await pumpOnDose(t.database.prisma, 100);
      // A principal the audit table's foreign key refuses: the refusal's audit insert fails.
      const principal = {
        userId: randomUUID(),
        name: 'Nobody on record',
        role: 'physician' as const,
        allSites: true,
        siteIds: [],
        requestId: 'req-audit-fails',
        clientAddress: null,
      };
      const refusal = await createDoseProgram(t.database.prisma, principal, {
        pumpId: pump.id,
        fields: doseProgramInputSchema.parse(simpleProgram(200)),
        clock: () => new Date(),
        idempotency: { key: null, requestHash: 'h' },
      }).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(SafetyRefusalError);
      expect((refusal as SafetyRefusalError).blocking.map((finding) => finding.code)).toEqual([
        'TITRATION_LIMIT_EXCEEDED',
      ]);
      expect((refusal as SafetyRefusalError).auditFailure).not.toBeNull();
      expect(await programCount(pump.id)).toBe(1);
    });
  });

  describe('Idempotency-Key', () => {
    it('saves one program for 10 concurrent identical requests, and answers all 10 alike', async () => {
      const { pump } = await pumpOnDose(t.database.prisma, 100);
      const key = randomUUID();
      const payload = simpleProgram(110);
      const responses = await Promise.all(Array.from({ length: 10 }, () => create(pump.id, payload, key)));
      expect(responses.map((response) => response.statusCode)).toEqual(Array(10).fill(201));
      expect(new Set(responses.map((response) => response.body)).size).toBe(1);
      expect(responses.filter((response) => response.headers['idempotent-replayed'] === 'true')).toHaveLength(
        9,
      );
      expect(await programCount(pump.id)).toBe(2);
      const reused = await create(pump.id, simpleProgram(105), key);
      expect(reused.statusCode).toBe(422);
      expect(problemSchema.parse(reused.json()).code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await programCount(pump.id)).toBe(2);
    });
  });
});
