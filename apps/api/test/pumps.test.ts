import {
  interrogationPageSchema,
  interrogationRecordedSchema,
  patientDetailSchema,
  problemSchema,
  pumpDetailSchema,
  pumpListSchema,
  pumpModelListSchema,
  pumpReplacementSchema,
  pumpSchema,
  type Pump,
} from '@pumpdesk/contracts';
import { createTestPatient, createTestPumpModel, createTestSite } from '@pumpdesk/db/testing';
import { addDays, calendarDateInZone, type CalendarDate, startOfDayInZone } from '@pumpdesk/domain';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { createPatientOnMaintenance } from './clinical-fixtures.ts';

// Pumps through the HTTP API against a real database. Every test builds its own site, patient and
// pump model, and only ever counts rows of its own patient.

const zone = 'Europe/London';
const today = (): CalendarDate => calendarDateInZone(new Date(), zone);
const daysAgo = (days: number): CalendarDate => addDays(today(), -days);

describe('pumps API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const prisma = () => t.database.prisma;

  async function newPatient(status: 'candidate' | 'trial' | 'active' | 'deceased' = 'candidate') {
    const site = await createTestSite(prisma(), { timeZone: zone });
    const patient = await createTestPatient(prisma(), { siteId: site.id, status, dateOfBirth: '1980-05-01' });
    const model = await createTestPumpModel(prisma(), 20);
    return { site, patient, model };
  }

  /** The rows of one patient a pump write can add or change. */
  async function rowsOf(patientId: string) {
    const [pumps, catheters, interrogations, patient] = await Promise.all([
      prisma().pump.findMany({ where: { patientId }, orderBy: { id: 'asc' } }),
      prisma().catheter.findMany({ where: { patientId }, orderBy: { id: 'asc' } }),
      prisma().pumpInterrogation.findMany({ where: { pump: { patientId } }, orderBy: { id: 'asc' } }),
      prisma().patient.findUniqueOrThrow({ where: { id: patientId } }),
    ]);
    return { pumps, catheters, interrogations, patient };
  }

  const serial = () => `SN-${randomUUID().slice(0, 8)}`;

  function implantBody(modelId: string, overrides: Record<string, unknown> = {}) {
    return {
      modelId,
      serialNumber: serial(),
      implantDate: daysAgo(10),
      catheter: { implantDate: daysAgo(10), tipLevel: 't10' },
      ...overrides,
    };
  }

  async function implant(patientId: string, body: Record<string, unknown>) {
    return t.app.inject({ method: 'POST', url: `/api/patients/${patientId}/pumps`, payload: body });
  }

  async function implanted(patientId: string, body: Record<string, unknown>): Promise<Pump> {
    const response = await implant(patientId, body);
    expect(response.statusCode, response.body).toBe(201);
    return pumpSchema.parse(response.json());
  }

  function expectProblem(
    response: { statusCode: number; json(): unknown; body: string },
    status: number,
    code: string,
    path?: string,
  ) {
    expect(response.statusCode, response.body).toBe(status);
    const problem = problemSchema.parse(response.json());
    expect(problem.code).toBe(code);
    if (path !== undefined) expect(problem.errors?.map((error) => error.path)).toContain(path);
    return problem;
  }

  async function auditEvents(action: string, entityId: string) {
    return prisma().auditEvent.findMany({
      where: { action, entityId },
      include: { actor: { select: { email: true } } },
    });
  }

  describe('GET /api/pump-models', () => {
    it('lists the active catalogue and leaves inactive models out', async () => {
      const active = await createTestPumpModel(prisma(), 40);
      const inactive = await createTestPumpModel(prisma(), 20);
      await prisma().pumpModel.update({ where: { id: inactive.id }, data: { active: false } });
      const response = await t.app.inject({ method: 'GET', url: '/api/pump-models' });
      expect(response.statusCode).toBe(200);
      const { items } = pumpModelListSchema.parse(response.json());
      expect(items.find((model) => model.id === active.id)).toEqual({
        id: active.id,
        manufacturer: 'Testco',
        model: active.model,
        reservoirMl: 40,
        defaultAlarmVolumeMl: 2,
        batteryLifeMinYears: 5,
        batteryLifeMaxYears: 7,
        eriToEndOfServiceDays: 90,
      });
      expect(items.some((model) => model.id === inactive.id)).toBe(false);
    });
  });

  describe('POST /api/patients/:patientId/pumps (implant)', () => {
    it('implants a pump on a new catheter, makes a candidate active and audits it', async () => {
      const { patient, model } = await newPatient('candidate');
      const body = implantBody(model.id, { alarmVolumeOverrideMl: 4 });
      const pump = await implanted(patient.id, body);
      expect(pump).toMatchObject({
        patientId: patient.id,
        status: 'implanted',
        serialNumber: body.serialNumber,
        implantDate: daysAgo(10),
        explantDate: null,
        alarmVolumeOverrideMl: 4,
        alarmVolumeMl: 4,
        eriReportedDate: null,
        version: 1,
        model: { id: model.id, reservoirMl: 20 },
        catheter: { implantDate: daysAgo(10), tipLevel: 'T10', status: 'in_use', removedDate: null },
      });
      const rows = await rowsOf(patient.id);
      expect(rows.pumps).toHaveLength(1);
      expect(rows.catheters).toHaveLength(1);
      expect(rows.patient).toMatchObject({ status: 'active', version: patient.version + 1 });

      const [event, ...others] = await auditEvents('pump.implant', pump.id);
      expect(others).toEqual([]);
      expect(event).toMatchObject({
        outcome: 'success',
        entityType: 'pump',
        actor: { email: t.session?.user.email },
        summary: {
          patientId: patient.id,
          newCatheter: true,
          patientStatus: { from: 'candidate', to: 'active' },
        },
      });
    });

    it('refuses invalid input with the field path and writes nothing', async () => {
      const { patient, model, site } = await newPatient('candidate');
      const other = await createTestPatient(prisma(), { siteId: site.id });
      const otherCatheter = await prisma().catheter.create({
        data: { patientId: other.id, implantDate: new Date('2024-01-01'), tipLevel: 'T10' },
      });
      const inactive = await createTestPumpModel(prisma(), 20);
      await prisma().pumpModel.update({ where: { id: inactive.id }, data: { active: false } });
      const before = await rowsOf(patient.id);

      const cases: [Record<string, unknown>, number, string, string][] = [
        [
          implantBody(model.id, { implantDate: addDays(today(), 2) }),
          400,
          'VALIDATION_FAILED',
          'body.implantDate',
        ],
        [implantBody(model.id, { implantDate: '1980-04-30' }), 400, 'VALIDATION_FAILED', 'body.implantDate'],
        [implantBody(model.id, { implantDate: '2027-02-30' }), 400, 'VALIDATION_FAILED', 'body.implantDate'],
        [implantBody(model.id, { serialNumber: '  ' }), 400, 'VALIDATION_FAILED', 'body.serialNumber'],
        [
          implantBody(model.id, { alarmVolumeOverrideMl: 20 }),
          400,
          'VALIDATION_FAILED',
          'body.alarmVolumeOverrideMl',
        ],
        [
          implantBody(model.id, { alarmVolumeOverrideMl: 0 }),
          400,
          'VALIDATION_FAILED',
          'body.alarmVolumeOverrideMl',
        ],
        [
          implantBody(model.id, { catheter: { implantDate: daysAgo(5), tipLevel: 'T10' } }),
          400,
          'VALIDATION_FAILED',
          'body.catheter.implantDate',
        ],
        [
          implantBody(model.id, { catheter: { implantDate: daysAgo(10), tipLevel: 'X99' } }),
          400,
          'VALIDATION_FAILED',
          'body.catheter.tipLevel',
        ],
        [implantBody(randomUUID()), 422, 'INVALID_REFERENCE', 'body.modelId'],
        [implantBody(inactive.id), 422, 'INVALID_REFERENCE', 'body.modelId'],
        [
          implantBody(model.id, { catheter: { catheterId: otherCatheter.id } }),
          422,
          'INVALID_REFERENCE',
          'body.catheter.catheterId',
        ],
      ];
      for (const [body, status, code, path] of cases) {
        expectProblem(await implant(patient.id, body), status, code, path);
      }
      expect(await rowsOf(patient.id)).toEqual(before);
    });

    it('answers 404 for an unknown or deleted patient and 409 for a deceased one', async () => {
      const { model, site, patient } = await newPatient('deceased');
      expectProblem(await implant(randomUUID(), implantBody(model.id)), 404, 'NOT_FOUND');
      const deleted = await createTestPatient(prisma(), { siteId: site.id, deletedAt: new Date() });
      expectProblem(await implant(deleted.id, implantBody(model.id)), 404, 'NOT_FOUND');
      expectProblem(await implant(patient.id, implantBody(model.id)), 409, 'PATIENT_DECEASED');
      expect((await rowsOf(patient.id)).pumps).toEqual([]);
    });

    it('refuses a second implanted pump with 409 PUMP_ALREADY_IMPLANTED and writes nothing', async () => {
      const { patient, model } = await newPatient('active');
      await implanted(patient.id, implantBody(model.id));
      const before = await rowsOf(patient.id);
      expectProblem(await implant(patient.id, implantBody(model.id)), 409, 'PUMP_ALREADY_IMPLANTED');
      expect(await rowsOf(patient.id)).toEqual(before);
    });

    it('never answers 500 when two implants race for the same patient', async () => {
      const { patient, model } = await newPatient('active');
      const responses = await Promise.all([
        implant(patient.id, implantBody(model.id)),
        implant(patient.id, implantBody(model.id)),
      ]);
      expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 409]);
      const refused = responses.find((response) => response.statusCode === 409);
      expect(refused?.json()).toMatchObject({ code: 'PUMP_ALREADY_IMPLANTED' });
      const rows = await rowsOf(patient.id);
      expect(rows.pumps).toHaveLength(1);
      expect(rows.catheters).toHaveLength(1);
    });

    it('refuses a serial number already on record for the model with 409 SERIAL_TAKEN', async () => {
      const first = await newPatient('active');
      const { serialNumber } = await implanted(first.patient.id, implantBody(first.model.id));
      const second = await newPatient('active');
      const before = await rowsOf(second.patient.id);
      expectProblem(
        await implant(second.patient.id, implantBody(first.model.id, { serialNumber })),
        409,
        'SERIAL_TAKEN',
        'body.serialNumber',
      );
      expect(await rowsOf(second.patient.id)).toEqual(before);
      // The same serial number on another model is another pump.
      await implanted(second.patient.id, implantBody(second.model.id, { serialNumber }));
    });
  });

  describe('reading pumps', () => {
    it('lists a patient’s pumps newest first and shows one pump with its last interrogation', async () => {
      const { patient, model } = await newPatient('active');
      const old = await implanted(
        patient.id,
        implantBody(model.id, {
          implantDate: daysAgo(400),
          catheter: { implantDate: daysAgo(400), tipLevel: 'T11' },
        }),
      );
      const explant = await t.app.inject({
        method: 'POST',
        url: `/api/pumps/${old.id}/explant`,
        payload: {
          version: old.version,
          explantDate: daysAgo(300),
          reason: 'infection',
          note: 'Pocket infection',
        },
      });
      expect(explant.statusCode, explant.body).toBe(200);
      const current = await implanted(
        patient.id,
        implantBody(model.id, { implantDate: daysAgo(100), catheter: { catheterId: old.catheter?.id } }),
      );
      expect(current.catheter?.id).toBe(old.catheter?.id);

      const list = await t.app.inject({ method: 'GET', url: `/api/patients/${patient.id}/pumps` });
      expect(list.statusCode).toBe(200);
      const { items } = pumpListSchema.parse(list.json());
      expect(items.map((pump) => [pump.id, pump.status])).toEqual([
        [current.id, 'implanted'],
        [old.id, 'explanted'],
      ]);
      expect(items[1]).toMatchObject({
        explantDate: daysAgo(300),
        explantReason: 'infection',
        explantNote: 'Pocket infection',
        version: 2,
        model: { id: model.id },
        catheter: { id: old.catheter?.id, status: 'in_use' },
      });

      const interrogatedAt = new Date(Date.now() - 3_600_000).toISOString();
      const recorded = await t.app.inject({
        method: 'POST',
        url: `/api/pumps/${current.id}/interrogations`,
        payload: { interrogatedAt, batteryStatus: 'ok', reservoirVolumeMl: 12.5, alarms: ['low_reservoir'] },
      });
      expect(recorded.statusCode, recorded.body).toBe(201);
      const detail = await t.app.inject({ method: 'GET', url: `/api/pumps/${current.id}` });
      expect(detail.statusCode).toBe(200);
      expect(pumpDetailSchema.parse(detail.json())).toMatchObject({
        id: current.id,
        model: { id: model.id },
        catheter: { id: old.catheter?.id },
        lastInterrogation: {
          interrogatedAt,
          batteryStatus: 'ok',
          reservoirVolumeMl: 12.5,
          alarms: ['low_reservoir'],
        },
      });
    });

    it('answers 404 for unknown patients and pumps, 400 for ids that are not uuids', async () => {
      expectProblem(
        await t.app.inject({ method: 'GET', url: `/api/patients/${randomUUID()}/pumps` }),
        404,
        'NOT_FOUND',
      );
      expectProblem(
        await t.app.inject({ method: 'GET', url: `/api/pumps/${randomUUID()}` }),
        404,
        'NOT_FOUND',
      );
      expectProblem(
        await t.app.inject({ method: 'GET', url: `/api/pumps/${randomUUID()}/interrogations` }),
        404,
        'NOT_FOUND',
      );
      expectProblem(
        await t.app.inject({ method: 'GET', url: '/api/pumps/nope' }),
        400,
        'VALIDATION_FAILED',
        'params.pumpId',
      );
    });
  });

  describe('interrogations', () => {
    async function interrogate(pumpId: string, body: Record<string, unknown>) {
      return t.app.inject({ method: 'POST', url: `/api/pumps/${pumpId}/interrogations`, payload: body });
    }

    it('records an interrogation by the acting user and audits it', async () => {
      const { patient, model } = await newPatient('active');
      const pump = await implanted(patient.id, implantBody(model.id));
      const interrogatedAt = new Date(Date.now() - 60_000).toISOString();
      const response = await interrogate(pump.id, {
        interrogatedAt,
        reason: 'post_mri',
        batteryStatus: 'ok',
        notes: 'Motor restarted after MRI',
      });
      expect(response.statusCode, response.body).toBe(201);
      const { interrogation, pump: after } = interrogationRecordedSchema.parse(response.json());
      expect(interrogation).toMatchObject({
        pumpId: pump.id,
        interrogatedAt,
        reason: 'post_mri',
        batteryStatus: 'ok',
        eriReported: false,
        reservoirVolumeMl: null,
        alarms: [],
        notes: 'Motor restarted after MRI',
        performedBy: { id: t.session?.user.id, name: t.session?.user.name },
      });
      expect(after).toMatchObject({ eriReportedDate: null, version: 1 });
      const [event] = await auditEvents('pump.interrogation', pump.id);
      expect(event).toMatchObject({
        actor: { email: t.session?.user.email },
        summary: { patientId: patient.id, interrogationId: interrogation.id },
      });
      expect(JSON.stringify(event?.summary)).not.toContain('MRI');
    });

    it('dates ERI on the first interrogation that shows it, keeps the earliest, and the assessment follows', async () => {
      const { patient, model } = await newPatient('active');
      const pump = await implanted(
        patient.id,
        implantBody(model.id, {
          implantDate: daysAgo(60),
          catheter: { implantDate: daysAgo(60), tipLevel: 'T10' },
        }),
      );
      const noon = (date: CalendarDate) =>
        new Date(startOfDayInZone(date, zone).getTime() + 12 * 3_600_000).toISOString();

      const first = await interrogate(pump.id, { interrogatedAt: noon(daysAgo(5)), batteryStatus: 'eri' });
      expect(first.statusCode, first.body).toBe(201);
      expect(interrogationRecordedSchema.parse(first.json())).toMatchObject({
        interrogation: { eriReported: true },
        pump: { eriReportedDate: daysAgo(5), version: 2 },
      });
      // A later ERI does not move the date; an earlier one entered afterwards moves it back.
      const later = await interrogate(pump.id, { interrogatedAt: noon(daysAgo(1)), batteryStatus: 'eri' });
      expect(later.json()).toMatchObject({ pump: { eriReportedDate: daysAgo(5), version: 2 } });
      const earlier = await interrogate(pump.id, {
        interrogatedAt: noon(daysAgo(8)),
        batteryStatus: 'low',
        alarms: ['elective_replacement'],
      });
      expect(earlier.json()).toMatchObject({
        interrogation: { eriReported: true },
        pump: { eriReportedDate: daysAgo(8), version: 3 },
      });

      const detail = await t.app.inject({ method: 'GET', url: `/api/patients/${patient.id}` });
      expect(detail.statusCode).toBe(200);
      const body = patientDetailSchema.parse(detail.json());
      expect(body.currentPump?.eriReportedDate).toBe(daysAgo(8));
      expect(body.assessment.battery?.status).toBe('eri_reported');
      expect(body.assessment.battery?.endOfService).toBe(addDays(daysAgo(8), 90));
    });

    it('refuses invalid input with the field path and writes nothing', async () => {
      const { patient, model } = await newPatient('active');
      const pump = await implanted(patient.id, implantBody(model.id));
      const before = await rowsOf(patient.id);
      const recent = new Date(Date.now() - 60_000).toISOString();
      const cases: [Record<string, unknown>, string][] = [
        [
          { interrogatedAt: new Date(Date.now() + 3_600_000).toISOString(), batteryStatus: 'ok' },
          'body.interrogatedAt',
        ],
        [
          { interrogatedAt: startOfDayInZone(daysAgo(11), zone).toISOString(), batteryStatus: 'ok' },
          'body.interrogatedAt',
        ],
        [{ interrogatedAt: '2026-01-01T10:00:00', batteryStatus: 'ok' }, 'body.interrogatedAt'],
        [{ interrogatedAt: recent, batteryStatus: 'flat' }, 'body.batteryStatus'],
        [{ interrogatedAt: recent, batteryStatus: 'ok', reservoirVolumeMl: 20.5 }, 'body.reservoirVolumeMl'],
        [{ interrogatedAt: recent, batteryStatus: 'ok', reservoirVolumeMl: -1 }, 'body.reservoirVolumeMl'],
        [
          { interrogatedAt: recent, batteryStatus: 'ok', alarms: ['motor_stall', 'motor_stall'] },
          'body.alarms',
        ],
        [{ interrogatedAt: recent, batteryStatus: 'eri', eriReported: false }, 'body.eriReported'],
        [{ interrogatedAt: recent, batteryStatus: 'ok', reason: 'curiosity' }, 'body.reason'],
      ];
      for (const [body, path] of cases) {
        expectProblem(await interrogate(pump.id, body), 400, 'VALIDATION_FAILED', path);
      }
      expect(await rowsOf(patient.id)).toEqual(before);
      expectProblem(
        await interrogate(randomUUID(), { interrogatedAt: recent, batteryStatus: 'ok' }),
        404,
        'NOT_FOUND',
      );
    });

    it('refuses an interrogation of an explanted pump with 409 PUMP_NOT_IMPLANTED', async () => {
      const { patient, model } = await newPatient('active');
      const pump = await implanted(patient.id, implantBody(model.id));
      const explant = await t.app.inject({
        method: 'POST',
        url: `/api/pumps/${pump.id}/explant`,
        payload: { version: 1, explantDate: today(), reason: 'malfunction' },
      });
      expect(explant.statusCode, explant.body).toBe(200);
      const before = await rowsOf(patient.id);
      expectProblem(
        await interrogate(pump.id, { interrogatedAt: new Date().toISOString(), batteryStatus: 'ok' }),
        409,
        'PUMP_NOT_IMPLANTED',
      );
      expect(await rowsOf(patient.id)).toEqual(before);
    });

    it('lists interrogations newest first, a page at a time', async () => {
      const { patient, model } = await newPatient('active');
      const pump = await implanted(patient.id, implantBody(model.id));
      const times = [5, 4, 3].map((hours) => new Date(Date.now() - hours * 3_600_000).toISOString());
      for (const interrogatedAt of times) {
        expect((await interrogate(pump.id, { interrogatedAt, batteryStatus: 'ok' })).statusCode).toBe(201);
      }
      const first = await t.app.inject({
        method: 'GET',
        url: `/api/pumps/${pump.id}/interrogations?limit=2`,
      });
      expect(first.statusCode).toBe(200);
      const page1 = interrogationPageSchema.parse(first.json());
      expect(page1.items.map((item) => item.interrogatedAt)).toEqual([times[2], times[1]]);
      expect(page1.nextCursor).not.toBeNull();
      const second = await t.app.inject({
        method: 'GET',
        url: `/api/pumps/${pump.id}/interrogations?limit=2&cursor=${page1.nextCursor ?? ''}`,
      });
      const page2 = interrogationPageSchema.parse(second.json());
      expect(page2).toEqual({
        items: [expect.objectContaining({ interrogatedAt: times[0] })],
        nextCursor: null,
      });

      expectProblem(
        await t.app.inject({ method: 'GET', url: `/api/pumps/${pump.id}/interrogations?cursor=bogus` }),
        400,
        'VALIDATION_FAILED',
        'querystring.cursor',
      );
      expectProblem(
        await t.app.inject({ method: 'GET', url: `/api/pumps/${pump.id}/interrogations?limit=0` }),
        400,
        'VALIDATION_FAILED',
        'querystring.limit',
      );
    });
  });

  describe('POST /api/pumps/:pumpId/explant', () => {
    async function explant(pumpId: string, body: Record<string, unknown>) {
      return t.app.inject({ method: 'POST', url: `/api/pumps/${pumpId}/explant`, payload: body });
    }

    it('closes the pump and its catheter; therapy stopped makes the patient explanted', async () => {
      const { patient, model } = await newPatient('active');
      const pump = await implanted(patient.id, implantBody(model.id));
      const response = await explant(pump.id, {
        version: pump.version,
        explantDate: daysAgo(1),
        reason: 'therapy_stopped',
        note: 'Goals not met',
        catheterRemoved: true,
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(pumpSchema.parse(response.json())).toMatchObject({
        status: 'explanted',
        explantDate: daysAgo(1),
        explantReason: 'therapy_stopped',
        explantNote: 'Goals not met',
        version: 2,
        catheter: { status: 'removed', removedDate: daysAgo(1), version: 2 },
      });
      const rows = await rowsOf(patient.id);
      expect(rows.patient.status).toBe('explanted');
      const [event] = await auditEvents('pump.explant', pump.id);
      expect(event).toMatchObject({
        actor: { email: t.session?.user.email },
        summary: { reason: 'therapy_stopped', patientStatus: { from: 'active', to: 'explanted' } },
      });
      expect(JSON.stringify(event?.summary)).not.toContain('Goals');
      // Closed: a second explant is refused.
      expectProblem(
        await explant(pump.id, { version: 2, explantDate: daysAgo(1), reason: 'other' }),
        409,
        'PUMP_NOT_IMPLANTED',
      );
    });

    it('leaves the patient’s status and catheter alone for a reason that expects a new pump', async () => {
      const { patient, model } = await newPatient('active');
      const pump = await implanted(patient.id, implantBody(model.id));
      const response = await explant(pump.id, {
        version: 1,
        explantDate: today(),
        reason: 'battery_end_of_life',
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ catheter: { status: 'in_use' } });
      expect((await rowsOf(patient.id)).patient).toMatchObject({
        status: 'active',
        version: patient.version,
      });
    });

    it('records the death when the pump is explanted because the patient died', async () => {
      const { patient, model } = await newPatient('active');
      const pump = await implanted(patient.id, implantBody(model.id));
      const response = await explant(pump.id, { version: 1, explantDate: today(), reason: 'deceased' });
      expect(response.statusCode, response.body).toBe(200);
      expect((await rowsOf(patient.id)).patient.status).toBe('deceased');
    });

    it('refuses a stale version with 409 and changes nothing', async () => {
      const { patient, model } = await newPatient('active');
      const pump = await implanted(patient.id, implantBody(model.id));
      await prisma().pump.update({ where: { id: pump.id }, data: { version: { increment: 1 } } });
      const before = await rowsOf(patient.id);
      expectProblem(
        await explant(pump.id, {
          version: 1,
          explantDate: today(),
          reason: 'therapy_stopped',
          catheterRemoved: true,
        }),
        409,
        'VERSION_CONFLICT',
      );
      expect(await rowsOf(patient.id)).toEqual(before);
      expect(before.pumps[0]?.status).toBe('implanted');
    });

    it('refuses invalid input with the field path and changes nothing', async () => {
      const { patient, model } = await newPatient('active');
      const pump = await implanted(patient.id, implantBody(model.id));
      const before = await rowsOf(patient.id);
      const cases: [Record<string, unknown>, string][] = [
        [{ version: 1, explantDate: daysAgo(11), reason: 'infection' }, 'body.explantDate'],
        [{ version: 1, explantDate: addDays(today(), 1), reason: 'infection' }, 'body.explantDate'],
        [{ version: 1, explantDate: today(), reason: 'bored' }, 'body.reason'],
        [{ explantDate: today(), reason: 'infection' }, 'body.version'],
        [{ version: 1, explantDate: today(), reason: 'infection', extra: true }, 'body'],
      ];
      for (const [body, path] of cases) {
        expectProblem(await explant(pump.id, body), 400, 'VALIDATION_FAILED', path);
      }
      expect(await rowsOf(patient.id)).toEqual(before);
      expectProblem(
        await explant(randomUUID(), { version: 1, explantDate: today(), reason: 'other' }),
        404,
        'NOT_FOUND',
      );
    });
  });

  describe('POST /api/pumps/:pumpId/replace', () => {
    async function replace(pumpId: string, body: Record<string, unknown>) {
      return t.app.inject({ method: 'POST', url: `/api/pumps/${pumpId}/replace`, payload: body });
    }

    it('explants the old pump and implants the new one on the same catheter, in one step', async () => {
      const {
        patient,
        model,
        pump: old,
      } = await createPatientOnMaintenance(prisma(), {
        refillDaysAgo: 10,
        timeZone: zone,
      });
      const catheter = await prisma().catheter.create({
        data: { patientId: patient.id, implantDate: new Date('2025-06-02'), tipLevel: 'T9' },
      });
      await prisma().pump.update({ where: { id: old.id }, data: { catheterId: catheter.id } });
      const newModel = await createTestPumpModel(prisma(), 40);
      const serialNumber = serial();
      const response = await replace(old.id, {
        version: old.version,
        replacementDate: today(),
        explantReason: 'battery_end_of_life',
        newPump: { modelId: newModel.id, serialNumber, alarmVolumeOverrideMl: 3 },
      });
      expect(response.statusCode, response.body).toBe(201);
      const { explanted, implanted: replacement } = pumpReplacementSchema.parse(response.json());
      expect(explanted).toMatchObject({
        id: old.id,
        status: 'explanted',
        explantDate: today(),
        explantReason: 'battery_end_of_life',
        version: 2,
        model: { id: model.id },
      });
      expect(replacement).toMatchObject({
        status: 'implanted',
        implantDate: today(),
        serialNumber,
        alarmVolumeMl: 3,
        version: 1,
        model: { id: newModel.id, reservoirMl: 40 },
        catheter: { id: catheter.id, status: 'in_use' },
      });
      const [event] = await auditEvents('pump.replace', replacement.id);
      expect(event).toMatchObject({
        actor: { email: t.session?.user.email },
        summary: { explantedPumpId: old.id, implantedPumpId: replacement.id, catheterId: catheter.id },
      });

      // Programs and refills stay with the old pump: the new one is unknown until they are recorded.
      expect(await prisma().doseProgram.count({ where: { pumpId: replacement.id } })).toBe(0);
      const detail = patientDetailSchema.parse(
        (await t.app.inject({ method: 'GET', url: `/api/patients/${patient.id}` })).json(),
      );
      expect(detail.status).toBe('active');
      expect(detail.currentPump?.id).toBe(replacement.id);
      expect(detail.assessment.refill?.status).toBe('unknown');
      expect(detail.assessment.findings.map((finding) => finding.code)).toContain('NO_REFILL_ON_RECORD');
    });

    it('refuses a stale version with 409: the old pump stays implanted and no new pump exists', async () => {
      const { patient, model } = await newPatient('active');
      const old = await implanted(patient.id, implantBody(model.id));
      await prisma().pump.update({ where: { id: old.id }, data: { version: { increment: 1 } } });
      const before = await rowsOf(patient.id);
      expectProblem(
        await replace(old.id, {
          version: 1,
          replacementDate: today(),
          explantReason: 'malfunction',
          newPump: { modelId: model.id, serialNumber: serial() },
        }),
        409,
        'VERSION_CONFLICT',
      );
      expect(await rowsOf(patient.id)).toEqual(before);
      expect(before.pumps.map((pump) => pump.status)).toEqual(['implanted']);
    });

    it('refuses a taken serial number, an unknown model and invalid input, changing nothing', async () => {
      const { patient, model } = await newPatient('active');
      const old = await implanted(patient.id, implantBody(model.id));
      const before = await rowsOf(patient.id);
      const body = (overrides: Record<string, unknown>, newPump: Record<string, unknown> = {}) => ({
        version: 1,
        replacementDate: today(),
        explantReason: 'replacement_elective',
        newPump: { modelId: model.id, serialNumber: serial(), ...newPump },
        ...overrides,
      });
      expectProblem(
        await replace(old.id, body({}, { serialNumber: old.serialNumber })),
        409,
        'SERIAL_TAKEN',
        'body.newPump.serialNumber',
      );
      expectProblem(
        await replace(old.id, body({}, { modelId: randomUUID() })),
        422,
        'INVALID_REFERENCE',
        'body.newPump.modelId',
      );
      const cases: [Record<string, unknown>, string][] = [
        [body({ replacementDate: daysAgo(11) }), 'body.replacementDate'],
        [body({ replacementDate: addDays(today(), 1) }), 'body.replacementDate'],
        [body({ explantReason: 'therapy_stopped' }), 'body.explantReason'],
        [body({}, { alarmVolumeOverrideMl: 25 }), 'body.newPump.alarmVolumeOverrideMl'],
        [body({ newPump: undefined }), 'body.newPump'],
      ];
      for (const [payload, path] of cases) {
        expectProblem(await replace(old.id, payload), 400, 'VALIDATION_FAILED', path);
      }
      expect(await rowsOf(patient.id)).toEqual(before);
    });
  });
});
