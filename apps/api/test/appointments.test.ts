import {
  appointmentPageSchema,
  appointmentSchema,
  patientDetailSchema,
  problemSchema,
  siteAppointmentListSchema,
} from '@pumpdesk/contracts';
import { createTestPatient, createTestSite, createTestUser } from '@pumpdesk/db/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { createPatientOnMaintenance } from './clinical-fixtures.ts';
import { auditEventsAbout, CLINIC_ZONE as zone, createClinic, slot as slotAt } from './visit-fixtures.ts';

const HOUR_MS = 3_600_000;

const slot = (days: number, hour = 10) => slotAt(days, hour);

describe('appointments', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function clinic() {
    const { site, clinician, patient } = await createClinic(t.database.prisma, {
      clinician: { role: 'nurse', name: 'Nurse Kit Moss' },
      patient: { givenName: 'Oriel', familyName: 'Quennell' },
    });
    return { site, nurse: clinician, patient };
  }

  async function rowsOf(patientId: string) {
    const prisma = t.database.prisma;
    const [appointments, audits] = await Promise.all([
      prisma.appointment.count({ where: { patientId } }),
      auditEventsAbout(prisma, patientId),
    ]);
    return { appointments, audits };
  }

  const book = (patientId: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/api/patients/${patientId}/appointments`, payload });
  const booked = async (patientId: string, payload: Record<string, unknown>) => {
    const response = await book(patientId, payload);
    expect(response.statusCode, response.body).toBe(201);
    return appointmentSchema.parse(response.json());
  };
  const act = (id: string, action: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/api/appointments/${id}/${action}`, payload });

  it('books an appointment at the patient’s site for 30 minutes by default, audited', async () => {
    const { site, nurse, patient } = await clinic();
    const startsAt = slot(5);
    const appointment = await booked(patient.id, { kind: 'refill', startsAt, clinicianId: nurse.id });
    expect(appointment).toMatchObject({
      kind: 'refill',
      status: 'booked',
      startsAt,
      endsAt: new Date(Date.parse(startsAt) + 30 * 60_000).toISOString(),
      durationMinutes: 30,
      site: { id: site.id, timeZone: zone },
      clinician: { id: nurse.id, name: 'Nurse Kit Moss' },
      patient: { id: patient.id, mrn: patient.mrn },
      atHome: false,
      version: 1,
    });
    const audit = await t.database.prisma.auditEvent.findFirstOrThrow({
      where: { entityId: appointment.id },
    });
    expect(audit.action).toBe('appointment.create');
  });

  it('accepts a start up to an hour ago (a walk-in), but not before', async () => {
    const { patient } = await clinic();
    const recent = new Date(Date.now() - 30 * 60_000).toISOString();
    expect((await book(patient.id, { kind: 'follow_up', startsAt: recent })).statusCode).toBe(201);
    const old = new Date(Date.now() - 2 * HOUR_MS).toISOString();
    const response = await book(patient.id, { kind: 'follow_up', startsAt: old });
    expect(response.statusCode).toBe(400);
    expect(problemSchema.parse(response.json()).errors?.[0]).toMatchObject({
      path: 'body.startsAt',
      code: 'in_past',
    });
    expect(await rowsOf(patient.id)).toEqual({ appointments: 1, audits: 1 });
  });

  it.each([
    ['a duration under 5 minutes', { durationMinutes: 4 }, 'body.durationMinutes'],
    ['a duration over 8 hours', { durationMinutes: 481 }, 'body.durationMinutes'],
    ['an unknown kind', { kind: 'massage' }, 'body.kind'],
    ['a start without an offset', { startsAt: '2030-01-01T10:00:00' }, 'body.startsAt'],
  ])('refuses %s (400, field path) and writes nothing', async (_name, change, path) => {
    const { patient } = await clinic();
    const response = await book(patient.id, { kind: 'refill', startsAt: slot(3), ...change });
    expect(response.statusCode, response.body).toBe(400);
    expect(problemSchema.parse(response.json()).errors?.map((e) => e.path)).toContain(path);
    expect(await rowsOf(patient.id)).toEqual({ appointments: 0, audits: 0 });
  });

  it('refuses an unknown clinician, a clinician of another site and an unknown site (422)', async () => {
    const { patient } = await clinic();
    const other = await createTestSite(t.database.prisma);
    const stranger = await createTestUser(t.database.prisma, [other.id]);
    for (const [change, path] of [
      [{ clinicianId: randomUUID() }, 'body.clinicianId'],
      [{ clinicianId: stranger.id }, 'body.clinicianId'],
      [{ siteId: randomUUID() }, 'body.siteId'],
    ] as const) {
      const response = await book(patient.id, { kind: 'refill', startsAt: slot(3), ...change });
      expect(response.statusCode, response.body).toBe(422);
      expect(problemSchema.parse(response.json()).errors?.[0]?.path).toBe(path);
    }
    // Booked at the other site, the clinician who works there is fine.
    expect(
      (
        await book(patient.id, {
          kind: 'refill',
          startsAt: slot(3),
          siteId: other.id,
          clinicianId: stranger.id,
        })
      ).statusCode,
    ).toBe(201);
    expect(await rowsOf(patient.id)).toEqual({ appointments: 1, audits: 1 });
  });

  it('answers 404 for an unknown patient', async () => {
    expect((await book(randomUUID(), { kind: 'refill', startsAt: slot(3) })).statusCode).toBe(404);
    const listed = await t.app.inject({ method: 'GET', url: `/api/patients/${randomUUID()}/appointments` });
    expect(listed.statusCode).toBe(404);
  });

  it('refuses to double-book the patient (409 OVERLAPPING_APPOINTMENT); back-to-back and after a cancel are fine', async () => {
    const { patient } = await clinic();
    const first = await booked(patient.id, { kind: 'refill', startsAt: slot(4, 10) });
    const overlapping = await book(patient.id, {
      kind: 'follow_up',
      startsAt: new Date(Date.parse(first.startsAt) + 15 * 60_000).toISOString(),
    });
    expect(overlapping.statusCode).toBe(409);
    expect(problemSchema.parse(overlapping.json()).code).toBe('OVERLAPPING_APPOINTMENT');
    expect(await rowsOf(patient.id)).toEqual({ appointments: 1, audits: 1 });
    expect((await book(patient.id, { kind: 'follow_up', startsAt: first.endsAt })).statusCode).toBe(201);
    expect((await act(first.id, 'cancel', { version: 1 })).statusCode).toBe(200);
    expect((await book(patient.id, { kind: 'refill', startsAt: first.startsAt })).statusCode).toBe(201);
  });

  describe('rescheduling', () => {
    const patch = (id: string, payload: Record<string, unknown>) =>
      t.app.inject({ method: 'PATCH', url: `/api/appointments/${id}`, payload });

    it('moves a booked appointment with the version read, audited with the field names', async () => {
      const { patient, nurse } = await clinic();
      const appointment = await booked(patient.id, { kind: 'refill', startsAt: slot(6) });
      const response = await patch(appointment.id, {
        version: 1,
        startsAt: slot(7, 14),
        durationMinutes: 45,
        clinicianId: nurse.id,
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({
        startsAt: slot(7, 14),
        durationMinutes: 45,
        clinician: { id: nurse.id },
        version: 2,
      });
      const audit = await t.database.prisma.auditEvent.findFirstOrThrow({
        where: { entityId: appointment.id, action: 'appointment.update' },
      });
      expect(audit.summary).toMatchObject({ changes: ['clinicianId', 'durationMinutes', 'startsAt'] });
    });

    it('refuses a stale version, a move into the past, a duration out of range and an overlap; nothing changes', async () => {
      const { patient } = await clinic();
      const appointment = await booked(patient.id, { kind: 'refill', startsAt: slot(6) });
      const other = await booked(patient.id, { kind: 'follow_up', startsAt: slot(8) });
      expect((await patch(appointment.id, { version: 2, startsAt: slot(9) })).statusCode).toBe(409);
      expect((await patch(appointment.id, { version: 1, startsAt: slot(-1) })).statusCode).toBe(400);
      expect((await patch(appointment.id, { version: 1, durationMinutes: 600 })).statusCode).toBe(400);
      const overlap = await patch(appointment.id, { version: 1, startsAt: other.startsAt });
      expect(overlap.statusCode).toBe(409);
      expect(problemSchema.parse(overlap.json()).code).toBe('OVERLAPPING_APPOINTMENT');
      const stored = await t.database.prisma.appointment.findUniqueOrThrow({ where: { id: appointment.id } });
      expect(stored.startsAt.toISOString()).toBe(appointment.startsAt);
      expect(stored.version).toBe(1);
      expect(await rowsOf(patient.id)).toEqual({ appointments: 2, audits: 2 });
    });

    it('refuses to move a closed appointment (409 APPOINTMENT_CLOSED); 404 for an unknown one', async () => {
      const { patient } = await clinic();
      const appointment = await booked(patient.id, { kind: 'refill', startsAt: slot(6) });
      expect((await act(appointment.id, 'complete', { version: 1 })).statusCode).toBe(200);
      const response = await patch(appointment.id, { version: 2, startsAt: slot(9) });
      expect(response.statusCode).toBe(409);
      expect(problemSchema.parse(response.json()).code).toBe('APPOINTMENT_CLOSED');
      expect((await patch(randomUUID(), { version: 1, notes: 'x' })).statusCode).toBe(404);
    });
  });

  describe('closing', () => {
    it.each([
      ['cancel', 'cancelled', 'appointment.cancel', 'Cancelled'],
      ['complete', 'done', 'appointment.complete', 'Completed'],
      ['no-show', 'no_show', 'appointment.no_show', 'No-show'],
    ])(
      '%s: booked → %s once, the reason kept in the notes, not in the audit',
      async (action, status, audit, label) => {
        const { patient } = await clinic();
        const appointment = await booked(patient.id, {
          kind: 'refill',
          startsAt: slot(2),
          notes: 'Bring the kit',
        });
        const response = await act(appointment.id, action, { version: 1, reason: 'Patient unwell' });
        expect(response.statusCode, response.body).toBe(200);
        expect(response.json()).toMatchObject({
          status,
          version: 2,
          notes: `Bring the kit\n${label}: Patient unwell`,
        });
        const event = await t.database.prisma.auditEvent.findFirstOrThrow({
          where: { entityId: appointment.id, action: audit },
        });
        expect(event.summary).toMatchObject({ status: { from: 'booked', to: status }, reasonGiven: true });
        expect(JSON.stringify(event.summary)).not.toContain('unwell');
        for (const again of ['cancel', 'complete', 'no-show']) {
          const refused = await act(appointment.id, again, { version: 2 });
          expect(refused.statusCode).toBe(409);
          expect(problemSchema.parse(refused.json()).code).toBe('APPOINTMENT_CLOSED');
        }
        expect(await rowsOf(patient.id)).toEqual({ appointments: 1, audits: 2 });
      },
    );

    it('refuses a stale version (409 VERSION_CONFLICT) and an unknown appointment (404)', async () => {
      const { patient } = await clinic();
      const appointment = await booked(patient.id, { kind: 'refill', startsAt: slot(2) });
      const stale = await act(appointment.id, 'cancel', { version: 7 });
      expect(stale.statusCode).toBe(409);
      expect(problemSchema.parse(stale.json()).code).toBe('VERSION_CONFLICT');
      expect(
        (await t.database.prisma.appointment.findUniqueOrThrow({ where: { id: appointment.id } })).status,
      ).toBe('booked');
      expect((await act(randomUUID(), 'cancel', { version: 1 })).statusCode).toBe(404);
      expect((await act(appointment.id, 'cancel', {})).statusCode).toBe(400);
    });
  });

  it('lists a patient’s appointments by start, filtered by status and window', async () => {
    const { patient } = await clinic();
    const late = await booked(patient.id, { kind: 'refill', startsAt: slot(20) });
    const early = await booked(patient.id, { kind: 'follow_up', startsAt: slot(10) });
    const cancelled = await booked(patient.id, { kind: 'surgery', startsAt: slot(15) });
    await act(cancelled.id, 'cancel', { version: 1 });
    const get = async (query: string) => {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/patients/${patient.id}/appointments${query}`,
      });
      expect(response.statusCode, response.body).toBe(200);
      return appointmentPageSchema.parse(response.json());
    };
    expect((await get('')).items.map((a) => a.id)).toEqual([early.id, cancelled.id, late.id]);
    expect((await get('?status=booked')).items.map((a) => a.id)).toEqual([early.id, late.id]);
    expect((await get(`?from=${slot(12)}&to=${slot(25)}`)).items.map((a) => a.id)).toEqual([
      cancelled.id,
      late.id,
    ]);
    const page1 = await get('?limit=2');
    expect(page1.items).toHaveLength(2);
    const page2 = await get(`?limit=2&cursor=${String(page1.nextCursor)}`);
    expect(page2.items.map((a) => a.id)).toEqual([late.id]);
    const bad = await t.app.inject({
      method: 'GET',
      url: `/api/patients/${patient.id}/appointments?status=gone`,
    });
    expect(bad.statusCode).toBe(400);
  });

  describe('the site’s day list', () => {
    it('uses the site’s zone: 23:30 UTC in a London summer is the next day', async () => {
      const { site, nurse, patient } = await clinic();
      const year = new Date().getUTCFullYear() + 1;
      const lateEvening = await booked(patient.id, {
        kind: 'refill',
        startsAt: `${String(year)}-07-15T23:30:00.000Z`,
        clinicianId: nurse.id,
      });
      const morning = await booked(patient.id, {
        kind: 'follow_up',
        startsAt: `${String(year)}-07-16T08:00:00.000Z`,
      });
      const other = await createTestPatient(t.database.prisma, { siteId: site.id });
      const first = await booked(other.id, {
        kind: 'refill',
        startsAt: `${String(year)}-07-15T23:00:00.000Z`,
      });
      const dayList = async (query: string) => {
        const response = await t.app.inject({
          method: 'GET',
          url: `/api/sites/${site.id}/appointments?${query}`,
        });
        expect(response.statusCode, response.body).toBe(200);
        return siteAppointmentListSchema.parse(response.json());
      };
      const the16th = await dayList(`date=${String(year)}-07-16`);
      expect(the16th.items.map((a) => a.id)).toEqual([first.id, lateEvening.id, morning.id]);
      expect(the16th.items[1]).toMatchObject({
        patient: { givenName: 'Oriel', familyName: 'Quennell', mrn: patient.mrn },
        kind: 'refill',
        clinician: { name: 'Nurse Kit Moss' },
      });
      expect((await dayList(`date=${String(year)}-07-15`)).items).toEqual([]);
      const range = await dayList(`from=${String(year)}-07-01&to=${String(year)}-07-31`);
      expect(range.items).toHaveLength(3);
      expect(range).toMatchObject({ from: `${String(year)}-07-01`, to: `${String(year)}-07-31` });
    });

    it('refuses more than 31 days, a lone from, date with a range; 404 for an unknown site', async () => {
      const { site } = await clinic();
      for (const query of [
        'from=2027-01-01&to=2027-02-01',
        'from=2027-01-01',
        'date=2027-01-01&from=2027-01-01&to=2027-01-02',
        'date=2027-02-30',
      ]) {
        const response = await t.app.inject({
          method: 'GET',
          url: `/api/sites/${site.id}/appointments?${query}`,
        });
        expect(response.statusCode, query).toBe(400);
        expect(problemSchema.parse(response.json()).errors?.[0]?.path).toMatch(/^querystring\./);
      }
      const today = await t.app.inject({ method: 'GET', url: `/api/sites/${site.id}/appointments` });
      expect(today.statusCode).toBe(200);
      const missing = await t.app.inject({ method: 'GET', url: `/api/sites/${randomUUID()}/appointments` });
      expect(missing.statusCode).toBe(404);
    });
  });

  it('a refill booked before the due date clears NO_APPOINTMENT_BY_DUE_DATE in the patient detail', async () => {
    const { patient } = await createPatientOnMaintenance(t.database.prisma, {
      refillDaysAgo: 10,
      timeZone: zone,
    });
    const codes = async () => {
      const response = await t.app.inject({ method: 'GET', url: `/api/patients/${patient.id}` });
      return patientDetailSchema.parse(response.json()).assessment.findings.map((finding) => finding.code);
    };
    expect(await codes()).toContain('NO_APPOINTMENT_BY_DUE_DATE');
    // Due about 16 days from now (the alarm 30 days after the refill, 4 days' margin).
    const late = await booked(patient.id, { kind: 'refill', startsAt: slot(25) });
    expect(await codes()).toContain('NO_APPOINTMENT_BY_DUE_DATE');
    await booked(patient.id, { kind: 'refill', startsAt: slot(8) });
    expect(await codes()).not.toContain('NO_APPOINTMENT_BY_DUE_DATE');
    expect(late.status).toBe('booked');
  });
});
