import { type Database } from '@pumpdesk/db';
import { createTestPatient, createTestPump, createTestPumpModel } from '@pumpdesk/db/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { createPatientOnMaintenance } from './clinical-fixtures.ts';
import { simpleProgram } from './dose-program-fixtures.ts';
import { refillBody } from './refill-fixtures.ts';
import { type TestSession } from './test-sessions.ts';

// Roles and sites on the patient, pump, dose-program and refill routes, enforced by the data layer:
// a nurse does not program, a manager writes nothing, an admin reads no patient, and a record at
// another site answers 404 like a missing one, names no patient, and is audited once as refused.

type Prisma = Database['prisma'];

/** A patient of the site with a pump that has no program and no refill yet. */
async function barePump(prisma: Prisma, siteId: string) {
  const model = await createTestPumpModel(prisma, 20);
  const patient = await createTestPatient(prisma, { siteId });
  const pump = await createTestPump(prisma, { patientId: patient.id, modelId: model.id });
  return { patient, pump, model };
}

describe('access to clinical records', () => {
  let t: TestApp;
  let siteA: Awaited<ReturnType<typeof createPatientOnMaintenance>>;
  let siteB: Awaited<ReturnType<typeof createPatientOnMaintenance>>;
  let nurse: TestSession;
  let manager: TestSession;
  let admin: TestSession;

  beforeAll(async () => {
    t = await buildTestApp();
    siteA = await createPatientOnMaintenance(t.database.prisma, { refillDaysAgo: 25 });
    siteB = await createPatientOnMaintenance(t.database.prisma, { refillDaysAgo: 25 });
    // Values no other test patient has, so a body that names site B's patient is caught.
    siteB.patient = await t.database.prisma.patient.update({
      where: { id: siteB.patient.id },
      data: { givenName: 'Zephyrine', dateOfBirth: new Date('1961-07-23T00:00:00Z') },
    });
    const atA = { siteIds: [siteA.site.id], allSites: false };
    nurse = await t.signIn({ role: 'nurse', ...atA });
    manager = await t.signIn({ role: 'manager', ...atA });
    admin = await t.signIn({ role: 'admin', ...atA });
  });
  afterAll(async () => {
    await t.close();
  });

  const refusalsOf = (session: TestSession) =>
    t.database.prisma.auditEvent.findMany({
      where: { actorUserId: session.user.id, action: 'access.refused' },
      orderBy: { id: 'asc' },
    });

  describe('roles', () => {
    it('refuses a nurse a dose program (403), saving none', async () => {
      const { pump } = await barePump(t.database.prisma, siteA.site.id);
      const response = await t.injectAs(nurse, {
        method: 'POST',
        url: `/api/pumps/${pump.id}/dose-programs`,
        payload: simpleProgram(300),
      });
      expect(response.statusCode, response.body).toBe(403);
      expect(response.json<{ code: string }>().code).toBe('FORBIDDEN');
      expect(await t.database.prisma.doseProgram.count({ where: { pumpId: pump.id } })).toBe(0);
    });

    it('refuses a nurse a refill that carries a new program (403), saving neither', async () => {
      const { pump } = await barePump(t.database.prisma, siteA.site.id);
      const response = await t.injectAs(nurse, {
        method: 'POST',
        url: `/api/pumps/${pump.id}/refills`,
        payload: refillBody({ newProgram: simpleProgram(300) }),
      });
      expect(response.statusCode, response.body).toBe(403);
      expect(await t.database.prisma.refill.count({ where: { pumpId: pump.id } })).toBe(0);
      expect(await t.database.prisma.doseProgram.count({ where: { pumpId: pump.id } })).toBe(0);
    });

    it('lets a nurse record a refill without a program, as the author', async () => {
      const { pump, site } = await createPatientOnMaintenance(t.database.prisma, { refillDaysAgo: 25 });
      const nurseThere = await t.signIn({ role: 'nurse', siteIds: [site.id], allSites: false });
      const response = await t.injectAs(nurseThere, {
        method: 'POST',
        url: `/api/pumps/${pump.id}/refills`,
        payload: refillBody(),
      });
      expect(response.statusCode, response.body).toBe(201);
      const { refill } = response.json<{ refill: { id: string; performedBy: { id: string } } }>();
      expect(refill.performedBy.id).toBe(nurseThere.user.id);
      const event = await t.database.prisma.auditEvent.findFirstOrThrow({
        where: { action: 'refill.create', entityId: refill.id },
      });
      expect(event).toMatchObject({ actorUserId: nurseThere.user.id, siteId: site.id });
    });

    it('refuses a manager every clinical write (403), changing nothing', async () => {
      const prisma = t.database.prisma;
      const { patient, pump } = siteA;
      const fresh = await barePump(prisma, siteA.site.id);
      const refill = await prisma.refill.findFirstOrThrow({ where: { pumpId: pump.id } });
      const writes = [
        {
          method: 'POST' as const,
          url: '/api/patients',
          payload: {
            mrn: `AC${randomUUID().slice(0, 8)}`,
            givenName: 'Ola',
            familyName: 'Managerwrite',
            dateOfBirth: '1980-01-01',
            sex: 'female',
            diagnosis: 'multiple_sclerosis',
            ageGroup: 'adult',
            siteId: siteA.site.id,
          },
        },
        {
          method: 'PATCH' as const,
          url: `/api/patients/${patient.id}`,
          payload: { version: 1, givenName: 'X' },
        },
        { method: 'DELETE' as const, url: `/api/patients/${fresh.patient.id}?version=1` },
        {
          method: 'POST' as const,
          url: `/api/patients/${fresh.patient.id}/pumps`,
          payload: {
            modelId: fresh.model.id,
            serialNumber: `SN-AC-${randomUUID().slice(0, 8)}`,
            implantDate: '2025-01-10',
            catheter: { implantDate: '2025-01-10', tipLevel: 'T10' },
          },
        },
        {
          method: 'POST' as const,
          url: `/api/pumps/${pump.id}/interrogations`,
          payload: { interrogatedAt: new Date(Date.now() - 60_000).toISOString(), batteryStatus: 'ok' },
        },
        {
          method: 'POST' as const,
          url: `/api/pumps/${pump.id}/explant`,
          payload: { version: 1, explantDate: '2025-07-01', reason: 'malfunction' },
        },
        {
          method: 'POST' as const,
          url: `/api/pumps/${pump.id}/replace`,
          payload: {
            version: 1,
            replacementDate: '2025-07-01',
            explantReason: 'battery_end_of_life',
            newPump: { modelId: siteA.model.id, serialNumber: `SN-AC-${randomUUID().slice(0, 8)}` },
          },
        },
        { method: 'POST' as const, url: `/api/pumps/${pump.id}/dose-programs`, payload: simpleProgram(310) },
        {
          method: 'POST' as const,
          url: `/api/pumps/${pump.id}/dose-programs/preview`,
          payload: simpleProgram(310),
        },
        { method: 'POST' as const, url: `/api/pumps/${pump.id}/refills`, payload: refillBody() },
        { method: 'POST' as const, url: `/api/pumps/${pump.id}/refills/preview`, payload: refillBody() },
        {
          method: 'PATCH' as const,
          url: `/api/refills/${refill.id}`,
          payload: { version: refill.version, drugLot: 'LOT-X', amendmentReason: 'Typo in the lot' },
        },
      ];
      const counts = () =>
        Promise.all([
          prisma.patient.count(),
          prisma.pump.count(),
          prisma.pumpInterrogation.count(),
          prisma.doseProgram.count(),
          prisma.refill.count(),
          prisma.patient.findUniqueOrThrow({ where: { id: patient.id }, select: { version: true } }),
          prisma.refill.findUniqueOrThrow({ where: { id: refill.id }, select: { version: true } }),
        ]);
      const before = await counts();
      const refusedBefore = (await refusalsOf(manager)).length;
      for (const write of writes) {
        const response = await t.injectAs(manager, write);
        expect(response.statusCode, `${write.method} ${write.url}: ${response.body}`).toBe(403);
      }
      expect(await counts()).toEqual(before);
      expect((await refusalsOf(manager)).length - refusedBefore).toBe(writes.length);
    });

    it('refuses an admin any patient read (403)', async () => {
      const { patient, pump } = siteA;
      for (const url of [
        `/api/patients/${patient.id}`,
        '/api/patients',
        `/api/patients/${patient.id}/pumps`,
        `/api/pumps/${pump.id}`,
        `/api/pumps/${pump.id}/interrogations`,
        `/api/pumps/${pump.id}/dose-programs`,
        `/api/pumps/${pump.id}/refills`,
      ]) {
        const response = await t.injectAs(admin, { method: 'GET', url });
        expect(response.statusCode, `${url}: ${response.body}`).toBe(403);
        expect(response.body).not.toContain(patient.familyName);
      }
    });

    it('lets every signed-in role read the pump-model catalogue', async () => {
      for (const session of [nurse, manager, admin]) {
        const response = await t.injectAs(session, { method: 'GET', url: '/api/pump-models' });
        expect(response.statusCode, response.body).toBe(200);
      }
    });
  });

  describe('sites', () => {
    const patientValues = () => {
      const { patient } = siteB;
      return [
        patient.mrn,
        patient.givenName,
        patient.familyName,
        patient.dateOfBirth.toISOString().slice(0, 10),
      ];
    };

    it('answers a nurse of site A 404 for site B’s patient and pump, naming no patient', async () => {
      const { patient, pump } = siteB;
      const refill = await t.database.prisma.refill.findFirstOrThrow({ where: { pumpId: pump.id } });
      const requests = [
        { method: 'GET' as const, url: `/api/patients/${patient.id}` },
        { method: 'GET' as const, url: `/api/patients/${patient.id}/pumps` },
        { method: 'GET' as const, url: `/api/pumps/${pump.id}` },
        { method: 'GET' as const, url: `/api/pumps/${pump.id}/interrogations` },
        { method: 'GET' as const, url: `/api/pumps/${pump.id}/dose-programs` },
        { method: 'GET' as const, url: `/api/pumps/${pump.id}/refills` },
        {
          method: 'PATCH' as const,
          url: `/api/patients/${patient.id}`,
          payload: { version: 1, givenName: 'Y' },
        },
        { method: 'POST' as const, url: `/api/pumps/${pump.id}/refills`, payload: refillBody() },
        { method: 'POST' as const, url: `/api/pumps/${pump.id}/refills/preview`, payload: refillBody() },
        {
          method: 'POST' as const,
          url: `/api/pumps/${pump.id}/interrogations`,
          payload: { interrogatedAt: new Date(Date.now() - 60_000).toISOString(), batteryStatus: 'ok' },
        },
        {
          method: 'PATCH' as const,
          url: `/api/refills/${refill.id}`,
          payload: { version: refill.version, drugLot: 'LOT-Y', amendmentReason: 'Typo in the lot' },
        },
      ];
      const refills = await t.database.prisma.refill.count({ where: { pumpId: pump.id } });
      for (const request of requests) {
        const response = await t.injectAs(nurse, request);
        expect(response.statusCode, `${request.method} ${request.url}: ${response.body}`).toBe(404);
        expect(response.json<{ code: string }>().code).toBe('NOT_FOUND');
        for (const value of patientValues()) expect(response.body).not.toContain(value);
      }
      expect(await t.database.prisma.refill.count({ where: { pumpId: pump.id } })).toBe(refills);
      const stored = await t.database.prisma.patient.findUniqueOrThrow({ where: { id: patient.id } });
      expect(stored.givenName).toBe(patient.givenName);
    });

    it('audits the refusal exactly once, as access.refused with the record’s site', async () => {
      const before = await refusalsOf(nurse);
      const response = await t.injectAs(nurse, { method: 'GET', url: `/api/patients/${siteB.patient.id}` });
      expect(response.statusCode).toBe(404);
      const after = await refusalsOf(nurse);
      expect(after).toHaveLength(before.length + 1);
      expect(after.at(-1)).toMatchObject({
        outcome: 'refused',
        entityType: 'patient',
        entityId: siteB.patient.id,
        siteId: siteB.site.id,
      });
      const reads = await t.database.prisma.auditEvent.count({
        where: { actorUserId: nurse.user.id, action: 'patient.read', entityId: siteB.patient.id },
      });
      expect(reads).toBe(0);
    });

    it('lists to a nurse of site A only site A’s patients, and nothing for a siteId filter of B', async () => {
      const all = await t.injectAs(nurse, { method: 'GET', url: '/api/patients?limit=100' });
      expect(all.statusCode, all.body).toBe(200);
      const items = all.json<{ items: { id: string; site: { id: string } }[] }>().items;
      expect(items.map((item) => item.id)).toContain(siteA.patient.id);
      expect(items.every((item) => item.site.id === siteA.site.id)).toBe(true);
      for (const value of patientValues()) expect(all.body).not.toContain(value);

      const filtered = await t.injectAs(nurse, {
        method: 'GET',
        url: `/api/patients?siteId=${siteB.site.id}`,
      });
      expect(filtered.statusCode, filtered.body).toBe(200);
      expect(filtered.json<{ items: unknown[] }>().items).toEqual([]);
    });

    it('refuses a nurse to register or move a patient to a site they do not work at (422 on siteId)', async () => {
      const mrn = `AC${randomUUID().slice(0, 8).toUpperCase()}`;
      const created = await t.injectAs(nurse, {
        method: 'POST',
        url: '/api/patients',
        payload: {
          mrn,
          givenName: 'Ola',
          familyName: 'Elsewhere',
          dateOfBirth: '1980-01-01',
          sex: 'female',
          diagnosis: 'multiple_sclerosis',
          ageGroup: 'adult',
          siteId: siteB.site.id,
        },
      });
      expect(created.statusCode, created.body).toBe(422);
      expect(created.json<{ errors: { path: string }[] }>().errors.map((error) => error.path)).toEqual([
        'body.siteId',
      ]);
      expect(await t.database.prisma.patient.count({ where: { mrn } })).toBe(0);

      const { patient } = await barePump(t.database.prisma, siteA.site.id);
      const moved = await t.injectAs(nurse, {
        method: 'PATCH',
        url: `/api/patients/${patient.id}`,
        payload: { version: 1, siteId: siteB.site.id },
      });
      expect(moved.statusCode, moved.body).toBe(422);
      const stored = await t.database.prisma.patient.findUniqueOrThrow({ where: { id: patient.id } });
      expect(stored).toMatchObject({ siteId: siteA.site.id, version: 1 });
    });
  });

  describe('the audit of reads', () => {
    it('adds exactly one patient.read event per read of a patient’s detail', async () => {
      const { patient, site } = siteA;
      const where = { action: 'patient.read', entityId: patient.id, actorUserId: nurse.user.id };
      const before = await t.database.prisma.auditEvent.count({ where });
      const response = await t.injectAs(nurse, { method: 'GET', url: `/api/patients/${patient.id}` });
      expect(response.statusCode, response.body).toBe(200);
      const events = await t.database.prisma.auditEvent.findMany({ where, orderBy: { id: 'asc' } });
      expect(events).toHaveLength(before + 1);
      expect(events.at(-1)).toMatchObject({ outcome: 'success', entityType: 'patient', siteId: site.id });
      expect(JSON.stringify(events.at(-1)?.summary)).not.toContain(patient.familyName);
    });

    it('audits a list once with its count, and each pump read with the patient’s site', async () => {
      const { pump, site } = siteA;
      const count = (action: string) =>
        t.database.prisma.auditEvent.count({ where: { action, actorUserId: nurse.user.id } });
      const before = await Promise.all(['patient.list', 'refill.list', 'pump.read'].map(count));
      await t.injectAs(nurse, { method: 'GET', url: '/api/patients?limit=5' });
      await t.injectAs(nurse, { method: 'GET', url: `/api/pumps/${pump.id}/refills` });
      await t.injectAs(nurse, { method: 'GET', url: `/api/pumps/${pump.id}` });
      const after = await Promise.all(['patient.list', 'refill.list', 'pump.read'].map(count));
      expect(after.map((value, index) => value - (before[index] ?? 0))).toEqual([1, 1, 1]);
      const list = await t.database.prisma.auditEvent.findFirstOrThrow({
        where: { action: 'refill.list', actorUserId: nurse.user.id },
        orderBy: { id: 'desc' },
      });
      expect(list).toMatchObject({
        entityType: 'pump',
        entityId: pump.id,
        siteId: site.id,
        summary: { count: 1 },
      });
    });
  });
});
