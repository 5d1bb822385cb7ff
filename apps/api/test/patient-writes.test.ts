import { type PatientCreateInput, type PatientRecord, patientRecordSchema } from '@pumpdesk/contracts';
import {
  createTestPatient,
  createTestPump,
  createTestPumpModel,
  createTestSite,
  createTestUser,
} from '@pumpdesk/db/testing';
import { addDays, calendarDateInZone } from '@pumpdesk/domain';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';

// Every test creates its own site (and physician), and counts only that site's patients.

interface Problem {
  code: string;
  errors?: { path: string; code: string }[];
}

describe('patient writes', () => {
  let t: TestApp;
  let actingUserId: string;
  beforeAll(async () => {
    t = await buildTestApp();
    actingUserId = t.session?.user.id ?? '';
  });
  afterAll(async () => {
    await t.close();
  });

  const mrn = () => `PW${randomUUID().slice(0, 8).toUpperCase()}`;

  async function clinic(timeZone = 'Europe/London') {
    const prisma = t.database.prisma;
    const site = await createTestSite(prisma, { timeZone });
    const physician = await createTestUser(prisma, [site.id], { name: 'Dr Ines Varga' });
    const count = () => prisma.patient.count({ where: { siteId: site.id } });
    const body = (overrides: Partial<PatientCreateInput> = {}): PatientCreateInput => ({
      mrn: mrn(),
      givenName: 'Mira',
      familyName: 'Holloway',
      dateOfBirth: '1984-03-09',
      sex: 'female',
      diagnosis: 'multiple_sclerosis',
      spasticityOrigin: 'spinal',
      ageGroup: 'adult',
      siteId: site.id,
      responsiblePhysicianId: physician.id,
      ...overrides,
    });
    return { site, physician, count, body };
  }

  const post = (payload: unknown) =>
    t.app.inject({ method: 'POST', url: '/api/patients', payload: payload as object });
  const patch = (id: string, payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'PATCH', url: `/api/patients/${id}`, payload: payload as object, headers });

  async function created(payload: PatientCreateInput): Promise<PatientRecord> {
    const response = await post(payload);
    expect(response.statusCode, response.body).toBe(201);
    return patientRecordSchema.parse(response.json());
  }

  function expectProblem(
    response: { statusCode: number; body: string; json: () => unknown },
    status: number,
    code: string,
    path?: string,
  ) {
    expect(response.statusCode, response.body).toBe(status);
    const problem = response.json() as Problem;
    expect(problem.code).toBe(code);
    if (path) expect(problem.errors?.map((e) => e.path)).toContain(path);
  }

  async function auditOf(entityId: string) {
    return t.database.prisma.auditEvent.findMany({ where: { entityId }, orderBy: { id: 'asc' } });
  }

  describe('POST /api/patients', () => {
    it('creates a candidate with the physician, an ETag, a Location and an audit event without the name', async () => {
      const { body, physician, site, count } = await clinic();
      const payload = body({ mrn: ` ${mrn().toLowerCase()} ` });
      const response = await post(payload);
      expect(response.statusCode, response.body).toBe(201);
      const record = patientRecordSchema.parse(response.json());
      expect(record).toMatchObject({
        mrn: payload.mrn.trim().toUpperCase(),
        givenName: 'Mira',
        familyName: 'Holloway',
        dateOfBirth: '1984-03-09',
        status: 'candidate',
        highRisk: false,
        highRiskReason: null,
        injuryLevel: null,
        injuryAtOrAboveT6: false,
        cannotCommunicate: false,
        version: 1,
        site: { id: site.id, name: site.name, timeZone: 'Europe/London' },
        responsiblePhysician: { id: physician.id, name: 'Dr Ines Varga' },
      });
      expect(response.headers.etag).toBe('"1"');
      expect(response.headers.location).toBe(`/api/patients/${record.id}`);
      expect(await count()).toBe(1);

      const detail = await t.app.inject({ method: 'GET', url: `/api/patients/${record.id}` });
      expect(detail.statusCode).toBe(200);
      expect(detail.headers.etag).toBe('"1"');

      // The create, then the read of the detail above (every read of a patient is audited).
      const events = await auditOf(record.id);
      expect(events.map((event) => event.action)).toEqual(['patient.create', 'patient.read']);
      expect(events[0]).toMatchObject({
        action: 'patient.create',
        entityType: 'patient',
        actorUserId: actingUserId,
        outcome: 'success',
        siteId: site.id,
      });
      const summary = JSON.stringify(events[0]?.summary);
      for (const secret of ['Mira', 'Holloway', record.mrn]) expect(summary).not.toContain(secret);
    });

    it('derives the T6 flag from a spinal cord injury level', async () => {
      const { body } = await clinic();
      const high = await created(body({ diagnosis: 'spinal_cord_injury', injuryLevel: 't4' }));
      expect(high).toMatchObject({ injuryLevel: 'T4', injuryAtOrAboveT6: true });
      const low = await created(body({ diagnosis: 'spinal_cord_injury', injuryLevel: 'L2' }));
      expect(low.injuryAtOrAboveT6).toBe(false);
      // No documented level yet: the clinician may set the flag by hand.
      const byHand = await created(body({ diagnosis: 'spinal_cord_injury', injuryAtOrAboveT6: true }));
      expect(byHand).toMatchObject({ injuryLevel: null, injuryAtOrAboveT6: true });
      // The origin of the spasticity follows the diagnosis when it implies one.
      const { spasticityOrigin: _origin, ...withoutOrigin } = body({ diagnosis: 'cerebral_palsy' });
      expect((await created(withoutOrigin)).spasticityOrigin).toBe('cerebral');
      const other = await created(body({ diagnosis: 'other', spasticityOrigin: 'cerebral' }));
      expect(other.spasticityOrigin).toBe('cerebral');
      const flagged = await created(body({ highRisk: true, highRiskReason: 'Withdrawal in 2024' }));
      expect(flagged).toMatchObject({ highRisk: true, highRiskReason: 'Withdrawal in 2024' });
    });

    it.each<[string, (ctx: Awaited<ReturnType<typeof clinic>>) => unknown, number, string, string]>([
      [
        'a missing family name',
        ({ body }) => ({ ...body(), familyName: undefined }),
        400,
        'VALIDATION_FAILED',
        'body.familyName',
      ],
      [
        'an injury level that is no level',
        ({ body }) => body({ diagnosis: 'spinal_cord_injury', injuryLevel: 'T13' }),
        400,
        'VALIDATION_FAILED',
        'body.injuryLevel',
      ],
      [
        'an injury level without a spinal cord injury',
        ({ body }) => body({ injuryLevel: 'C5' }),
        400,
        'VALIDATION_FAILED',
        'body.injuryLevel',
      ],
      [
        'a T6 flag without a spinal cord injury',
        ({ body }) => body({ injuryAtOrAboveT6: true }),
        400,
        'VALIDATION_FAILED',
        'body.injuryAtOrAboveT6',
      ],
      [
        'a T6 flag contradicting the level',
        ({ body }) => body({ diagnosis: 'spinal_cord_injury', injuryLevel: 'L1', injuryAtOrAboveT6: true }),
        400,
        'VALIDATION_FAILED',
        'body.injuryAtOrAboveT6',
      ],
      [
        'an origin contradicting the diagnosis',
        ({ body }) => body({ diagnosis: 'stroke', spasticityOrigin: 'spinal' }),
        400,
        'VALIDATION_FAILED',
        'body.spasticityOrigin',
      ],
      [
        'no origin for diagnosis other',
        ({ body }) => ({ ...body({ diagnosis: 'other' }), spasticityOrigin: undefined }),
        400,
        'VALIDATION_FAILED',
        'body.spasticityOrigin',
      ],
      [
        'high risk without a reason',
        ({ body }) => body({ highRisk: true }),
        400,
        'VALIDATION_FAILED',
        'body.highRiskReason',
      ],
      [
        'a reason without high risk',
        ({ body }) => body({ highRiskReason: 'Because' }),
        400,
        'VALIDATION_FAILED',
        'body.highRiskReason',
      ],
      [
        'an impossible date of birth',
        ({ body }) => body({ dateOfBirth: '1990-02-30' }),
        400,
        'VALIDATION_FAILED',
        'body.dateOfBirth',
      ],
      [
        'a date of birth before 1900',
        ({ body }) => body({ dateOfBirth: '1899-12-31' }),
        400,
        'VALIDATION_FAILED',
        'body.dateOfBirth',
      ],
      [
        'a date of birth tomorrow in the site’s zone',
        ({ body }) => body({ dateOfBirth: addDays(calendarDateInZone(new Date(), 'Pacific/Kiritimati'), 1) }),
        400,
        'VALIDATION_FAILED',
        'body.dateOfBirth',
      ],
      [
        'an MRN with spaces inside',
        ({ body }) => body({ mrn: 'AB 12' }),
        400,
        'VALIDATION_FAILED',
        'body.mrn',
      ],
      ['an unknown field', ({ body }) => ({ ...body(), nickname: 'Mimi' }), 400, 'VALIDATION_FAILED', 'body'],
      [
        'an unknown status',
        ({ body }) => ({ ...body(), status: 'asleep' }),
        400,
        'VALIDATION_FAILED',
        'body.status',
      ],
      [
        'an unknown site',
        ({ body }) => ({ ...body(), siteId: randomUUID() }),
        422,
        'INVALID_REFERENCE',
        'body.siteId',
      ],
      [
        'an unknown physician',
        ({ body }) => body({ responsiblePhysicianId: randomUUID() }),
        422,
        'INVALID_REFERENCE',
        'body.responsiblePhysicianId',
      ],
    ])('refuses %s (nothing written)', async (_label, payloadOf, status, code, path) => {
      const ctx = await clinic('Pacific/Kiritimati');
      const response = await post(payloadOf(ctx));
      expectProblem(response, status, code, path);
      expect(await ctx.count()).toBe(0);
    });

    it('accepts a date of birth that is today in the site’s zone', async () => {
      const { body } = await clinic('Pacific/Kiritimati');
      const today = calendarDateInZone(new Date(), 'Pacific/Kiritimati');
      expect((await created(body({ dateOfBirth: today }))).dateOfBirth).toBe(today);
    });

    it('refuses a physician who is a nurse, inactive, or of another site (422, nothing written)', async () => {
      const prisma = t.database.prisma;
      const { body, site, count } = await clinic();
      const other = await createTestSite(prisma);
      const nurse = await createTestUser(prisma, [site.id], { role: 'nurse' });
      const retired = await createTestUser(prisma, [site.id], { active: false });
      const elsewhere = await createTestUser(prisma, [other.id]);
      for (const user of [nurse, retired, elsewhere]) {
        const response = await post(body({ responsiblePhysicianId: user.id }));
        expectProblem(response, 422, 'INVALID_REFERENCE', 'body.responsiblePhysicianId');
      }
      expect(await count()).toBe(0);
    });

    it('refuses a closed site (422)', async () => {
      const { body, site, count } = await clinic();
      await t.database.prisma.site.update({ where: { id: site.id }, data: { active: false } });
      expectProblem(
        await post(body({ responsiblePhysicianId: null })),
        422,
        'INVALID_REFERENCE',
        'body.siteId',
      );
      expect(await count()).toBe(0);
    });

    it('refuses a duplicate MRN, whatever its case, even of a deleted patient (409, nothing written)', async () => {
      const { body, site, count } = await clinic();
      const first = await created(body());
      expectProblem(await post(body({ mrn: first.mrn.toLowerCase() })), 409, 'MRN_TAKEN', 'body.mrn');
      const deleted = await createTestPatient(t.database.prisma, { siteId: site.id, deletedAt: new Date() });
      expectProblem(await post(body({ mrn: deleted.mrn })), 409, 'MRN_TAKEN', 'body.mrn');
      expect(await count()).toBe(2);
    });
  });

  describe('PATCH /api/patients/:id', () => {
    it('changes the fields sent, bumps the version and audits the changed field names only', async () => {
      const { body } = await clinic();
      const record = await created(body());
      const response = await patch(record.id, {
        version: 1,
        familyName: 'Holloway-Berg',
        status: 'trial',
        highRisk: true,
        highRiskReason: 'Lives alone',
        cannotCommunicate: false, // unchanged: not listed as a change
      });
      expect(response.statusCode, response.body).toBe(200);
      const updated = patientRecordSchema.parse(response.json());
      expect(updated).toMatchObject({
        familyName: 'Holloway-Berg',
        givenName: 'Mira',
        status: 'trial',
        highRisk: true,
        highRiskReason: 'Lives alone',
        version: 2,
      });
      expect(response.headers.etag).toBe('"2"');
      const events = await auditOf(record.id);
      expect(events.map((e) => e.action)).toEqual(['patient.create', 'patient.update']);
      expect(events[1]?.actorUserId).toBe(actingUserId);
      const summary = events[1]?.summary as { version: number; changes: string[] };
      expect(summary.version).toBe(2);
      expect([...summary.changes].sort()).toEqual(['familyName', 'highRisk', 'highRiskReason', 'status']);
      const text = JSON.stringify(summary);
      for (const secret of ['Holloway', 'Lives alone', record.mrn]) expect(text).not.toContain(secret);
    });

    it('takes the version from If-Match, re-derives the T6 flag and clears the reason with the flag', async () => {
      const { body } = await clinic();
      const record = await created(
        body({
          diagnosis: 'spinal_cord_injury',
          injuryLevel: 'C6',
          highRisk: true,
          highRiskReason: 'History',
        }),
      );
      expect(record.injuryAtOrAboveT6).toBe(true);
      const response = await patch(record.id, { injuryLevel: 'T10', highRisk: false }, { 'if-match': '"1"' });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({
        injuryLevel: 'T10',
        injuryAtOrAboveT6: false,
        highRisk: false,
        highRiskReason: null,
        version: 2,
      });
    });

    it('moves the origin of the spasticity with the diagnosis', async () => {
      const { body } = await clinic();
      const record = await created(body());
      const response = await patch(record.id, { version: 1, diagnosis: 'brain_injury' });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ diagnosis: 'brain_injury', spasticityOrigin: 'cerebral' });
      const events = await auditOf(record.id);
      expect((events[1]?.summary as { changes: string[] }).changes.sort()).toEqual([
        'diagnosis',
        'spasticityOrigin',
      ]);
    });

    it('refuses leaving a spinal cord injury without clearing its level and T6 flag', async () => {
      const { body } = await clinic();
      const record = await created(body({ diagnosis: 'spinal_cord_injury', injuryLevel: 'C4' }));
      const refused = await patch(record.id, { version: 1, diagnosis: 'multiple_sclerosis' });
      expectProblem(refused, 400, 'VALIDATION_FAILED', 'body.injuryLevel');
      const halfway = await patch(record.id, {
        version: 1,
        diagnosis: 'multiple_sclerosis',
        injuryLevel: null,
      });
      expectProblem(halfway, 400, 'VALIDATION_FAILED', 'body.injuryAtOrAboveT6');
      const cleared = await patch(record.id, {
        version: 1,
        diagnosis: 'multiple_sclerosis',
        injuryLevel: null,
        injuryAtOrAboveT6: false,
      });
      expect(cleared.statusCode, cleared.body).toBe(200);
      expect(cleared.json()).toMatchObject({ injuryLevel: null, injuryAtOrAboveT6: false, version: 2 });
    });

    it('writes nothing when nothing changes', async () => {
      const { body } = await clinic();
      const record = await created(body());
      const response = await patch(record.id, { version: 1, givenName: 'Mira' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ version: 1 });
      expect(await auditOf(record.id)).toHaveLength(1);
    });

    it('refuses a stale version (409) and writes nothing', async () => {
      const { body } = await clinic();
      const record = await created(body());
      expect((await patch(record.id, { version: 1, status: 'trial' })).statusCode).toBe(200);
      expectProblem(await patch(record.id, { version: 1, status: 'active' }), 409, 'VERSION_CONFLICT');
      expectProblem(
        await patch(record.id, { status: 'active' }, { 'if-match': '"1"' }),
        409,
        'VERSION_CONFLICT',
      );
      const row = await t.database.prisma.patient.findUniqueOrThrow({ where: { id: record.id } });
      expect(row).toMatchObject({ status: 'trial', version: 2 });
      expect(await auditOf(record.id)).toHaveLength(2);
    });

    it.each<[string, Record<string, unknown>, Record<string, string>, number, string, string]>([
      ['no version at all', { status: 'trial' }, {}, 400, 'VALIDATION_FAILED', 'body.version'],
      [
        'a malformed If-Match',
        { status: 'trial' },
        { 'if-match': 'v1' },
        400,
        'VALIDATION_FAILED',
        'headers.if-match',
      ],
      [
        'If-Match disagreeing with the body',
        { version: 1, status: 'trial' },
        { 'if-match': '"2"' },
        400,
        'VALIDATION_FAILED',
        'headers.if-match',
      ],
      [
        'an injury level on multiple sclerosis',
        { version: 1, injuryLevel: 'C4' },
        {},
        400,
        'VALIDATION_FAILED',
        'body.injuryLevel',
      ],
      [
        'high risk without a reason',
        { version: 1, highRisk: true },
        {},
        400,
        'VALIDATION_FAILED',
        'body.highRiskReason',
      ],
      ['an unknown field', { version: 1, nickname: 'Mimi' }, {}, 400, 'VALIDATION_FAILED', 'body'],
      [
        'a move to an unknown site',
        { version: 1, siteId: randomUUID() },
        {},
        422,
        'INVALID_REFERENCE',
        'body.siteId',
      ],
      [
        'an unknown physician',
        { version: 1, responsiblePhysicianId: randomUUID() },
        {},
        422,
        'INVALID_REFERENCE',
        'body.responsiblePhysicianId',
      ],
    ])('refuses %s and writes nothing', async (_label, payload, headers, status, code, path) => {
      const { body } = await clinic();
      const record = await created(body());
      expectProblem(await patch(record.id, payload, headers), status, code, path);
      const row = await t.database.prisma.patient.findUniqueOrThrow({ where: { id: record.id } });
      expect(row.version).toBe(1);
      expect(row.siteId).toBe(record.site.id);
      expect(await auditOf(record.id)).toHaveLength(1);
    });

    it('refuses a move to another site while the physician does not work there', async () => {
      const { body } = await clinic();
      const other = await createTestSite(t.database.prisma);
      const record = await created(body());
      const response = await patch(record.id, { version: 1, siteId: other.id });
      expectProblem(response, 422, 'INVALID_REFERENCE', 'body.responsiblePhysicianId');
      const moved = await patch(record.id, { version: 1, siteId: other.id, responsiblePhysicianId: null });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json()).toMatchObject({ site: { id: other.id }, responsiblePhysician: null });
    });

    it('refuses an MRN another patient has (409) and accepts its own MRN in another case', async () => {
      const { body } = await clinic();
      const a = await created(body());
      const b = await created(body());
      expectProblem(await patch(b.id, { version: 1, mrn: a.mrn }), 409, 'MRN_TAKEN', 'body.mrn');
      const same = await patch(b.id, { version: 1, mrn: b.mrn.toLowerCase() });
      expect(same.statusCode).toBe(200);
      expect(same.json()).toMatchObject({ mrn: b.mrn, version: 1 });
    });

    it('answers 404 for an unknown or deleted patient', async () => {
      const { site } = await clinic();
      const deleted = await createTestPatient(t.database.prisma, { siteId: site.id, deletedAt: new Date() });
      expectProblem(await patch(randomUUID(), { version: 1, status: 'trial' }), 404, 'NOT_FOUND');
      expectProblem(await patch(deleted.id, { version: 1, status: 'trial' }), 404, 'NOT_FOUND');
    });
  });

  describe('DELETE /api/patients/:id', () => {
    it('hides the patient from the list and the detail, keeps the row and audits', async () => {
      const { body, site, count } = await clinic();
      const record = await created(body());
      const response = await t.app.inject({ method: 'DELETE', url: `/api/patients/${record.id}?version=1` });
      expect(response.statusCode, response.body).toBe(204);
      expect(response.body).toBe('');
      const list = await t.app.inject({ method: 'GET', url: `/api/patients?siteId=${site.id}` });
      expect(list.json<{ items: unknown[] }>().items).toEqual([]);
      const detail = await t.app.inject({ method: 'GET', url: `/api/patients/${record.id}` });
      expect(detail.statusCode).toBe(404);
      expect(await count()).toBe(1);
      const row = await t.database.prisma.patient.findUniqueOrThrow({ where: { id: record.id } });
      expect(row.deletedAt).not.toBeNull();
      expect(row.version).toBe(2);
      const events = await auditOf(record.id);
      expect(events.map((e) => e.action)).toEqual(['patient.create', 'patient.delete']);
      expect(events[1]?.actorUserId).toBe(actingUserId);
      // A second delete finds nothing.
      const again = await t.app.inject({ method: 'DELETE', url: `/api/patients/${record.id}?version=2` });
      expectProblem(again, 404, 'NOT_FOUND');
    });

    it('takes the version from If-Match', async () => {
      const { body } = await clinic();
      const record = await created(body());
      const response = await t.app.inject({
        method: 'DELETE',
        url: `/api/patients/${record.id}`,
        headers: { 'if-match': '"1"' },
      });
      expect(response.statusCode, response.body).toBe(204);
    });

    it('refuses a stale or missing version, and a patient with an implanted pump, deleting nothing', async () => {
      const prisma = t.database.prisma;
      const { body } = await clinic();
      const record = await created(body());
      const stale = await t.app.inject({ method: 'DELETE', url: `/api/patients/${record.id}?version=7` });
      expectProblem(stale, 409, 'VERSION_CONFLICT');
      const none = await t.app.inject({ method: 'DELETE', url: `/api/patients/${record.id}` });
      expectProblem(none, 400, 'VALIDATION_FAILED', 'querystring.version');
      const model = await createTestPumpModel(prisma);
      await createTestPump(prisma, { patientId: record.id, modelId: model.id });
      const withPump = await t.app.inject({ method: 'DELETE', url: `/api/patients/${record.id}?version=1` });
      expectProblem(withPump, 409, 'PATIENT_HAS_IMPLANTED_PUMP');
      const row = await prisma.patient.findUniqueOrThrow({ where: { id: record.id } });
      expect(row).toMatchObject({ deletedAt: null, version: 1 });
      expect(await auditOf(record.id)).toHaveLength(1);
    });

    it('answers 404 for an unknown patient and 400 for a bad id', async () => {
      expectProblem(
        await t.app.inject({ method: 'DELETE', url: `/api/patients/${randomUUID()}?version=1` }),
        404,
        'NOT_FOUND',
      );
      expectProblem(
        await t.app.inject({ method: 'DELETE', url: `/api/patients/nope?version=1` }),
        400,
        'VALIDATION_FAILED',
        'params.id',
      );
    });
  });
});
