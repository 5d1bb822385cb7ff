import { patientDetailSchema, problemSchema, visitListPageSchema, visitSchema } from '@pumpdesk/contracts';
import { addDays } from '@pumpdesk/domain';
import { createTestPatient, createTestSite, createTestUser } from '@pumpdesk/db/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { createPatientOnMaintenance } from './clinical-fixtures.ts';
import {
  auditEventsAbout,
  CLINIC_ZONE as zone,
  createClinic,
  todayInClinic as today,
} from './visit-fixtures.ts';

describe('follow-up visits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const clinic = () => createClinic(t.database.prisma, { clinician: { name: 'Dr Ada Winter' } });

  /** The rows a test could have written for this patient: visits and audit events naming it. */
  async function rowsOf(patientId: string) {
    const prisma = t.database.prisma;
    const [visits, audits] = await Promise.all([
      prisma.followUpVisit.count({ where: { patientId } }),
      auditEventsAbout(prisma, patientId),
    ]);
    return { visits, audits };
  }

  const post = (patientId: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/api/patients/${patientId}/visits`, payload });

  it('records a visit with its scores in the clinicians’ notation, audited', async () => {
    const { patient, clinician } = await clinic();
    const response = await post(patient.id, {
      visitDate: today(),
      type: 'review',
      clinicianId: clinician.id,
      ashworth: '1+',
      pennFrequency: 2,
      pennSeverity: 1,
      notes: 'Tone improved; range of motion full.',
      billingCodes: ['62368', '62368', ' 95990 '],
    });
    expect(response.statusCode, response.body).toBe(201);
    const visit = visitSchema.parse(response.json());
    expect(visit).toMatchObject({
      patientId: patient.id,
      visitDate: today(),
      type: 'review',
      clinician: { id: clinician.id, name: 'Dr Ada Winter' },
      ashworth: '1+',
      pennFrequency: 2,
      pennSeverity: 1,
      billingCodes: ['62368', '95990'],
      version: 1,
    });
    const stored = await t.database.prisma.followUpVisit.findUniqueOrThrow({ where: { id: visit.id } });
    expect(stored.ashworth).toBe('mas_1_plus');
    const audit = await t.database.prisma.auditEvent.findFirstOrThrow({
      where: { entityType: 'follow_up_visit', entityId: visit.id },
    });
    expect(audit.action).toBe('visit.create');
    expect(JSON.stringify(audit.summary)).not.toContain('Tone improved');
  });

  it('makes the current user the clinician when none is named, and frequency 0 needs no severity', async () => {
    const { patient } = await clinic();
    const response = await post(patient.id, { visitDate: today(), type: 'titration', pennFrequency: 0 });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      clinician: { id: t.session?.user.id, name: t.session?.user.name },
      pennFrequency: 0,
      pennSeverity: null,
      ashworth: null,
      billingCodes: [],
    });
  });

  it.each([
    ['an Ashworth score that is not on the scale', { ashworth: '5' }, 'body.ashworth'],
    ['a decimal Ashworth score', { ashworth: 1.5 }, 'body.ashworth'],
    ['a Penn severity with frequency 0', { pennFrequency: 0, pennSeverity: 2 }, 'body.pennSeverity'],
    ['a Penn frequency without severity', { pennFrequency: 3 }, 'body.pennSeverity'],
    ['a Penn severity without frequency', { pennSeverity: 1 }, 'body.pennFrequency'],
    ['a Penn frequency of 5', { pennFrequency: 5, pennSeverity: 1 }, 'body.pennFrequency'],
    ['an unknown visit type', { type: 'checkup' }, 'body.type'],
    ['an impossible date', { visitDate: '2026-02-30' }, 'body.visitDate'],
    ['a malformed billing code', { billingCodes: ['123'] }, 'body.billingCodes.0'],
  ])('refuses %s with a field error and writes nothing', async (_name, change, path) => {
    const { patient } = await clinic();
    const response = await post(patient.id, { visitDate: today(), type: 'review', ...change });
    expect(response.statusCode, response.body).toBe(400);
    const problem = problemSchema.parse(response.json());
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.errors?.map((error) => error.path)).toContain(path);
    expect(await rowsOf(patient.id)).toEqual({ visits: 0, audits: 0 });
  });

  it('refuses a visit date after today in the site’s calendar', async () => {
    const { patient } = await clinic();
    const response = await post(patient.id, { visitDate: addDays(today(), 2), type: 'review' });
    expect(response.statusCode, response.body).toBe(400);
    expect(problemSchema.parse(response.json()).errors).toEqual([
      expect.objectContaining({ path: 'body.visitDate', code: 'in_future' }),
    ]);
    expect(await rowsOf(patient.id)).toEqual({ visits: 0, audits: 0 });
  });

  it('refuses a clinician who does not exist or works at another site (422, field path)', async () => {
    const { patient } = await clinic();
    const elsewhere = await createTestSite(t.database.prisma);
    const stranger = await createTestUser(t.database.prisma, [elsewhere.id]);
    const inactive = await createTestUser(t.database.prisma, [patient.siteId], { active: false });
    for (const clinicianId of [randomUUID(), stranger.id, inactive.id]) {
      const response = await post(patient.id, { visitDate: today(), type: 'review', clinicianId });
      expect(response.statusCode, response.body).toBe(422);
      const problem = problemSchema.parse(response.json());
      expect(problem.code).toBe('INVALID_REFERENCE');
      expect(problem.errors?.[0]?.path).toBe('body.clinicianId');
    }
    expect(await rowsOf(patient.id)).toEqual({ visits: 0, audits: 0 });
  });

  it('answers 404 for an unknown or deleted patient', async () => {
    const site = await createTestSite(t.database.prisma);
    const deleted = await createTestPatient(t.database.prisma, { siteId: site.id, deletedAt: new Date() });
    for (const id of [randomUUID(), deleted.id]) {
      const created = await post(id, { visitDate: today(), type: 'review' });
      expect(created.statusCode).toBe(404);
      const listed = await t.app.inject({ method: 'GET', url: `/api/patients/${id}/visits` });
      expect(listed.statusCode).toBe(404);
    }
    expect(await rowsOf(deleted.id)).toEqual({ visits: 0, audits: 0 });
  });

  it('lists the visits newest first, page by page', async () => {
    const { patient } = await clinic();
    for (const daysAgo of [30, 10, 20]) {
      const response = await post(patient.id, { visitDate: addDays(today(), -daysAgo), type: 'review' });
      expect(response.statusCode).toBe(201);
    }
    const first = await t.app.inject({ method: 'GET', url: `/api/patients/${patient.id}/visits?limit=2` });
    expect(first.statusCode).toBe(200);
    const page1 = visitListPageSchema.parse(first.json());
    expect(page1.items.map((visit) => visit.visitDate)).toEqual([
      addDays(today(), -10),
      addDays(today(), -20),
    ]);
    expect(page1.nextCursor).not.toBeNull();
    const second = await t.app.inject({
      method: 'GET',
      url: `/api/patients/${patient.id}/visits?limit=2&cursor=${String(page1.nextCursor)}`,
    });
    const page2 = visitListPageSchema.parse(second.json());
    expect(page2.items.map((visit) => visit.visitDate)).toEqual([addDays(today(), -30)]);
    expect(page2.nextCursor).toBeNull();
    const bad = await t.app.inject({ method: 'GET', url: `/api/patients/${patient.id}/visits?cursor=nope` });
    expect(bad.statusCode).toBe(400);
    expect(problemSchema.parse(bad.json()).errors?.[0]?.path).toBe('querystring.cursor');
  });

  describe('PATCH /api/visits/:visitId', () => {
    async function visitOf(patientId: string) {
      const response = await post(patientId, {
        visitDate: addDays(today(), -1),
        type: 'review',
        ashworth: '2',
        pennFrequency: 2,
        pennSeverity: 2,
      });
      return visitSchema.parse(response.json());
    }
    const patch = (id: string, payload: Record<string, unknown>) =>
      t.app.inject({ method: 'PATCH', url: `/api/visits/${id}`, payload });

    it('corrects a visit with the version read, audited with the changed field names', async () => {
      const { patient } = await clinic();
      const visit = await visitOf(patient.id);
      const response = await patch(visit.id, {
        version: 1,
        ashworth: '1',
        pennFrequency: 0,
        pennSeverity: null,
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({
        ashworth: '1',
        pennFrequency: 0,
        pennSeverity: null,
        version: 2,
      });
      const audit = await t.database.prisma.auditEvent.findFirstOrThrow({
        where: { entityId: visit.id, action: 'visit.update' },
      });
      expect(audit.summary).toMatchObject({
        changes: ['ashworth', 'pennFrequency', 'pennSeverity'],
        version: 2,
      });
    });

    it('refuses a stale version (409) and changes nothing', async () => {
      const { patient } = await clinic();
      const visit = await visitOf(patient.id);
      expect((await patch(visit.id, { version: 1, notes: 'First correction' })).statusCode).toBe(200);
      const stale = await patch(visit.id, { version: 1, ashworth: '4' });
      expect(stale.statusCode).toBe(409);
      expect(problemSchema.parse(stale.json()).code).toBe('VERSION_CONFLICT');
      const stored = await t.database.prisma.followUpVisit.findUniqueOrThrow({ where: { id: visit.id } });
      expect(stored).toMatchObject({ ashworth: 'mas_2', version: 2 });
      expect(await t.database.prisma.auditEvent.count({ where: { entityId: visit.id } })).toBe(2);
    });

    it('judges a Penn half against the stored other half', async () => {
      const { patient } = await clinic();
      const visit = await visitOf(patient.id);
      const response = await patch(visit.id, { version: 1, pennFrequency: 0 });
      expect(response.statusCode).toBe(400);
      expect(problemSchema.parse(response.json()).errors?.[0]?.path).toBe('body.pennSeverity');
      const future = await patch(visit.id, { version: 1, visitDate: addDays(today(), 3) });
      expect(future.statusCode).toBe(400);
      const empty = await patch(visit.id, { version: 1 });
      expect(empty.statusCode).toBe(400);
      const stored = await t.database.prisma.followUpVisit.findUniqueOrThrow({ where: { id: visit.id } });
      expect(stored).toMatchObject({ pennFrequency: 2, pennSeverity: 2, version: 1 });
    });

    it('answers 404 for an unknown visit', async () => {
      const response = await patch(randomUUID(), { version: 1, notes: 'x' });
      expect(response.statusCode).toBe(404);
    });
  });

  it('a review moves the follow-up assessment in the patient detail', async () => {
    const { patient, physician } = await createPatientOnMaintenance(t.database.prisma, {
      refillDaysAgo: 10,
      timeZone: zone,
    });
    const response = await post(patient.id, {
      visitDate: today(),
      type: 'review',
      clinicianId: physician.id,
    });
    expect(response.statusCode, response.body).toBe(201);
    const detail = patientDetailSchema.parse(
      (await t.app.inject({ method: 'GET', url: `/api/patients/${patient.id}` })).json(),
    );
    expect(detail.assessment.followUp?.lastReview).toBe(today());
  });
});
