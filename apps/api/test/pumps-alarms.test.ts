import {
  batteryWorklistPageSchema,
  interrogationRecordedSchema,
  patientDetailSchema,
  problemSchema,
  pumpReplacementSchema,
  pumpSchema,
  refillWorklistPageSchema,
} from '@pumpdesk/contracts';
import { createTestSimpleProgram } from '@pumpdesk/db/testing';
import { calendarDateInZone } from '@pumpdesk/domain';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { createPatientOnMaintenance, DAY_MS } from './clinical-fixtures.ts';

// The pump's own word at an interrogation: motor stall, critical error, empty reservoir and end of
// service mean the drug no longer flows, so they reach the engine (patient page) and the worklist
// table; end of service also dates ERI. And an explant or replacement may not be dated before the
// pump's latest refill, interrogation or program. Every test builds its own site and patient.

const zone = 'Australia/Sydney';

describe('pump alarms and explant dates', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  const prisma = () => t.database.prisma;

  /** A patient whose refill is nothing to worry about: refilled 2 days ago, alarm in 28 days. */
  const maintained = () => createPatientOnMaintenance(prisma(), { refillDaysAgo: 2, timeZone: zone });

  const interrogate = (pumpId: string, body: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/api/pumps/${pumpId}/interrogations`, payload: body });
  const detailOf = async (patientId: string) => {
    const response = await t.app.inject({ method: 'GET', url: `/api/patients/${patientId}` });
    expect(response.statusCode, response.body).toBe(200);
    return patientDetailSchema.parse(response.json());
  };
  const refillEntry = async (siteId: string, patientId: string) => {
    const response = await t.app.inject({ method: 'GET', url: `/api/worklists/refills?siteId=${siteId}` });
    expect(response.statusCode, response.body).toBe(200);
    return refillWorklistPageSchema.parse(response.json()).items.find((e) => e.patient.id === patientId);
  };

  it('makes the refill critical after a motor stall, on the patient page and the worklist, until a later interrogation clears it', async () => {
    const { patient, pump, site } = await maintained();
    expect((await detailOf(patient.id)).assessment.refill?.status).not.toBe('critical');
    const at = new Date(Date.now() - 3 * 3_600_000);
    const recorded = await interrogate(pump.id, {
      interrogatedAt: at.toISOString(),
      reason: 'alarm',
      batteryStatus: 'ok',
      alarms: ['motor_stall'],
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const day = calendarDateInZone(at, zone);

    const detail = await detailOf(patient.id);
    expect(detail.assessment.urgency).toBe('critical');
    expect(detail.assessment.refill?.status).toBe('critical');
    expect(detail.assessment.findings[0]).toMatchObject({ code: 'PUMP_ALARM', severity: 'critical' });
    expect(detail.assessment.findings[0]?.message).toContain('showed motor stall');
    const entry = await refillEntry(site.id, patient.id);
    expect(entry).toMatchObject({ status: 'critical', urgency: 'critical', criticalSince: day });
    expect(entry?.message).toContain('showed motor stall');

    const cleared = await interrogate(pump.id, {
      interrogatedAt: new Date(Date.now() - 60_000).toISOString(),
      batteryStatus: 'ok',
    });
    expect(cleared.statusCode, cleared.body).toBe(201);
    expect((await detailOf(patient.id)).assessment.refill?.status).not.toBe('critical');
    expect((await refillEntry(site.id, patient.id))?.status).not.toBe('critical');
  });

  it('reads end of service as ERI that day with the pump stopped', async () => {
    const { patient, pump, site } = await maintained();
    const at = new Date(Date.now() - 3_600_000);
    const response = await interrogate(pump.id, {
      interrogatedAt: at.toISOString(),
      batteryStatus: 'end_of_service',
    });
    expect(response.statusCode, response.body).toBe(201);
    const day = calendarDateInZone(at, zone);
    expect(interrogationRecordedSchema.parse(response.json())).toMatchObject({
      interrogation: { eriReported: true },
      pump: { eriReportedDate: day },
    });
    const detail = await detailOf(patient.id);
    expect(detail.assessment.battery).toMatchObject({ status: 'eri_reported', endOfService: day });
    expect(detail.assessment.refill?.status).toBe('critical');
    expect((await refillEntry(site.id, patient.id))?.message).toContain('showed end of service');
    const batteries = await t.app.inject({
      method: 'GET',
      url: `/api/worklists/batteries?siteId=${site.id}`,
    });
    expect(batteries.statusCode, batteries.body).toBe(200);
    const battery = batteryWorklistPageSchema
      .parse(batteries.json())
      .items.find((e) => e.patient.id === patient.id);
    expect(battery).toMatchObject({ status: 'eri_reported', eriReportedDate: day, endOfService: day });

    // The end of service alarm alone counts too, and eriReported may not contradict it.
    const refused = await interrogate(pump.id, {
      interrogatedAt: at.toISOString(),
      batteryStatus: 'low',
      alarms: ['end_of_service'],
      eriReported: false,
    });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(problemSchema.parse(refused.json()).errors?.map((e) => e.path)).toContain('body.eriReported');
  });

  describe('explant and replacement dates against the pump’s later records', () => {
    const rowsOf = async (patientId: string) => ({
      pumps: await prisma().pump.findMany({ where: { patientId }, orderBy: { id: 'asc' } }),
      catheters: await prisma().catheter.findMany({ where: { patientId }, orderBy: { id: 'asc' } }),
      patient: await prisma().patient.findUniqueOrThrow({ where: { id: patientId } }),
    });
    const daysAgo = (days: number) => calendarDateInZone(new Date(Date.now() - days * DAY_MS), zone);

    it('refuses an explant dated before the last refill, interrogation or program, naming the record', async () => {
      const { patient, pump } = await createPatientOnMaintenance(prisma(), {
        refillDaysAgo: 10,
        timeZone: zone,
      });
      const interrogation = await interrogate(pump.id, {
        interrogatedAt: new Date(Date.now() - 5 * DAY_MS).toISOString(),
        batteryStatus: 'ok',
      });
      expect(interrogation.statusCode, interrogation.body).toBe(201);
      const interrogationId = interrogationRecordedSchema.parse(interrogation.json()).interrogation.id;
      const refill = await prisma().refill.findFirstOrThrow({
        where: { pumpId: pump.id },
        select: { id: true },
      });
      const version = (await prisma().pump.findUniqueOrThrow({ where: { id: pump.id } })).version;
      const before = await rowsOf(patient.id);

      const explant = (explantDate: string) =>
        t.app.inject({
          method: 'POST',
          url: `/api/pumps/${pump.id}/explant`,
          payload: { version, explantDate, reason: 'infection' },
        });
      const early = await explant(daysAgo(12));
      expect(early.statusCode, early.body).toBe(400);
      const errors = problemSchema.parse(early.json()).errors ?? [];
      expect(errors.map((e) => [e.path, e.code])).toEqual([
        ['body.explantDate', 'before_last_refill'],
        ['body.explantDate', 'before_last_interrogation'],
      ]);
      expect(errors[0]?.message).toContain(refill.id);
      expect(errors[1]?.message).toContain(interrogationId);
      const between = await explant(daysAgo(7));
      expect(problemSchema.parse(between.json()).errors?.map((e) => e.code)).toEqual([
        'before_last_interrogation',
      ]);
      expect(await rowsOf(patient.id)).toEqual(before);

      const onTheDay = await explant(daysAgo(5));
      expect(onTheDay.statusCode, onTheDay.body).toBe(200);
      expect(pumpSchema.parse(onTheDay.json())).toMatchObject({
        status: 'explanted',
        explantDate: daysAgo(5),
      });
    });

    it('refuses an explant today while a program starts tomorrow', async () => {
      const { patient, pump, physician } = await maintained();
      const program = await createTestSimpleProgram(prisma(), {
        pumpId: pump.id,
        programmedById: physician.id,
        effectiveFrom: new Date(Date.now() + DAY_MS),
        doseMcgPerDay: 300,
        concentrationMcgPerMl: 500,
      });
      const before = await rowsOf(patient.id);
      const blocked = await t.app.inject({
        method: 'POST',
        url: `/api/pumps/${pump.id}/explant`,
        payload: { version: before.pumps[0]?.version, explantDate: daysAgo(0), reason: 'infection' },
      });
      expect(blocked.statusCode, blocked.body).toBe(400);
      const errors = problemSchema.parse(blocked.json()).errors ?? [];
      expect(errors).toEqual([
        expect.objectContaining({ path: 'body.explantDate', code: 'before_program_start' }),
      ]);
      expect(errors[0]?.message).toContain(program.id);
      expect(await rowsOf(patient.id)).toEqual(before);
    });

    it('refuses a replacement dated before the last refill and changes nothing', async () => {
      const { patient, pump, model } = await createPatientOnMaintenance(prisma(), {
        refillDaysAgo: 3,
        timeZone: zone,
      });
      const version = (await prisma().pump.findUniqueOrThrow({ where: { id: pump.id } })).version;
      const before = await rowsOf(patient.id);
      const replace = (replacementDate: string) =>
        t.app.inject({
          method: 'POST',
          url: `/api/pumps/${pump.id}/replace`,
          payload: {
            version,
            replacementDate,
            explantReason: 'battery_end_of_life',
            newPump: { modelId: model.id, serialNumber: `SN-${randomUUID().slice(0, 8)}` },
          },
        });
      const early = await replace(daysAgo(4));
      expect(early.statusCode, early.body).toBe(400);
      expect(problemSchema.parse(early.json()).errors).toEqual([
        expect.objectContaining({ path: 'body.replacementDate', code: 'before_last_refill' }),
      ]);
      expect(await rowsOf(patient.id)).toEqual(before);
      const onTime = await replace(daysAgo(3));
      expect(onTime.statusCode, onTime.body).toBe(201);
      expect(pumpReplacementSchema.parse(onTime.json()).implanted.implantDate).toBe(daysAgo(3));
    });
  });
});
