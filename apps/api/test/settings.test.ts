import {
  clinicSettingsResponseSchema,
  patientDetailSchema,
  problemSchema,
  refillWorklistPageSchema,
} from '@pumpdesk/contracts';
import { createIsolatedTestDatabase } from '@pumpdesk/db/testing';
import { DEFAULT_CLINIC_SETTINGS } from '@pumpdesk/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { createPatientOnMaintenance, DAY_MS } from './clinical-fixtures.ts';
import { type TestSession } from './test-sessions.ts';

// The settings are one row for the whole organisation: this file works in a database of its own, so
// changing the margin here never moves a due date another test file is checking. Every signed-in role
// reads them (the default user, a physician, reads patients and worklists here); only an admin changes them.

describe('GET/PUT /api/settings', () => {
  let t: TestApp;
  let closeDatabase: () => Promise<void>;
  let admin: TestSession;
  beforeAll(async () => {
    const isolated = await createIsolatedTestDatabase();
    closeDatabase = isolated.close;
    t = await buildTestApp({ database: isolated.db });
    admin = await t.signIn({ role: 'admin' });
  });
  afterAll(async () => {
    await t.app.close();
    await closeDatabase();
  });

  async function read() {
    const response = await t.app.inject({ method: 'GET', url: '/api/settings' });
    expect(response.statusCode, response.body).toBe(200);
    return clinicSettingsResponseSchema.parse(response.json());
  }

  const put = (payload: Record<string, unknown>, as: TestSession | null = admin) =>
    t.injectAs(as, { method: 'PUT', url: '/api/settings', payload });

  async function auditEvents() {
    return t.database.prisma.auditEvent.findMany({
      where: { action: 'settings.update' },
      include: { actor: { select: { email: true } } },
      orderBy: { id: 'asc' },
    });
  }

  /** A patient refilled to 20 mL 10 days ago at 300 mcg/day, 500 mcg/mL: alarm in 20 days. */
  async function dueDateOfNewPatient(): Promise<string | null> {
    const { patient } = await createPatientOnMaintenance(t.database.prisma, { refillDaysAgo: 10 });
    const response = await t.app.inject({ method: 'GET', url: `/api/patients/${patient.id}` });
    return patientDetailSchema.parse(response.json()).assessment.refill?.dueDate ?? null;
  }

  it('reads the domain doc defaults on a fresh database', async () => {
    const body = await read();
    expect(body.settings).toEqual(DEFAULT_CLINIC_SETTINGS);
    expect(body.version).toBeGreaterThanOrEqual(1);
  });

  it('updates in one transaction with its audit event, and every computed date follows', async () => {
    const before = await read();
    const dueBefore = await dueDateOfNewPatient();
    const response = await put({ version: before.version, settings: { refill: { safetyMarginDays: 3 } } });
    expect(response.statusCode, response.body).toBe(200);
    const after = clinicSettingsResponseSchema.parse(response.json());
    expect(after.version).toBe(before.version + 1);
    expect(after.settings.refill.safetyMarginDays).toBe(3);
    expect(after.settings.refill.drugStabilityDays).toBe(180);
    expect((await read()).settings.refill.safetyMarginDays).toBe(3);

    const events = await auditEvents();
    expect(events.at(-1)).toMatchObject({
      entityType: 'organisation',
      outcome: 'success',
      actor: { email: admin.user.email },
      summary: { changes: { 'refill.safetyMarginDays': { from: 4, to: 3 } } },
    });

    // A 3-day margin puts the due date of the same situation one day later than the 4-day one.
    const dueAfter = await dueDateOfNewPatient();
    expect(dueBefore).not.toBeNull();
    expect(
      new Date(`${dueAfter ?? ''}T00:00:00Z`).getTime() - new Date(`${dueBefore ?? ''}T00:00:00Z`).getTime(),
    ).toBe(DAY_MS);
  });

  it('moves the worklists: a wider "due soon" window and a larger margin change status and due date', async () => {
    // Refilled 12 days ago: alarm on day 30, due on day 30 − margin.
    const { patient, site } = await createPatientOnMaintenance(t.database.prisma, { refillDaysAgo: 12 });
    const entry = async () => {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/worklists/refills?siteId=${site.id}&horizonDays=60`,
      });
      expect(response.statusCode, response.body).toBe(200);
      const [item] = refillWorklistPageSchema.parse(response.json()).items;
      expect(item?.patient.id).toBe(patient.id);
      return item;
    };
    const current = await read();
    const margin = current.settings.refill.safetyMarginDays;
    const before = await entry();
    const response = await put({
      version: current.version,
      settings: {
        ...current.settings,
        refill: { ...current.settings.refill, safetyMarginDays: margin + 4, dueSoonDays: 14 },
      },
    });
    expect(response.statusCode, response.body).toBe(200);
    const after = await entry();
    expect(after?.daysUntilDue).toBe((before?.daysUntilDue ?? 0) - 4);
    // Due in 18 − margin − 4 days: beyond the old 7-day "due soon", within the new 14.
    expect(before?.status).toBe('upcoming');
    expect(after?.status).toBe('due_soon');
  });

  it('lets every signed-in role read them, and only an admin change them (403, nothing written)', async () => {
    for (const role of ['nurse', 'physician', 'manager', 'admin'] as const) {
      const response = await t.injectAs(await t.signIn({ role }), { method: 'GET', url: '/api/settings' });
      expect(response.statusCode, role).toBe(200);
    }
    const current = await read();
    const eventsBefore = (await auditEvents()).length;
    for (const role of ['nurse', 'physician', 'manager'] as const) {
      const response = await put(
        { version: current.version, settings: { refill: { safetyMarginDays: 6 } } },
        await t.signIn({ role }),
      );
      expect(response.statusCode, role).toBe(403);
      expect(problemSchema.parse(response.json()).code).toBe('FORBIDDEN');
    }
    expect(await read()).toEqual(current);
    expect(await auditEvents()).toHaveLength(eventsBefore);
    const signedOut = await put({ version: current.version, settings: {} }, null);
    expect(signedOut.statusCode).toBe(401);
  });

  it('refuses a stale version with 409 and writes nothing', async () => {
    const current = await read();
    const eventsBefore = (await auditEvents()).length;
    const response = await put({
      version: current.version - 1,
      settings: { refill: { safetyMarginDays: 5 } },
    });
    expect(response.statusCode).toBe(409);
    expect(problemSchema.parse(response.json()).code).toBe('VERSION_CONFLICT');
    expect(await read()).toEqual(current);
    expect(await auditEvents()).toHaveLength(eventsBefore);
  });

  it('refuses invalid thresholds and unknown keys naming the field, and writes nothing', async () => {
    const current = await read();
    for (const [settings, path] of [
      [{ refill: { safetyMarginDays: 31 } }, 'body.settings.refill.safetyMarginDays'],
      [{ refill: { safetyMarginDay: 5 } }, 'body.settings.refill'],
      [{ battery: { leadTimeMonths: 2 } }, 'body.settings.battery.leadTimeMonths'],
    ] as const) {
      const response = await put({ version: current.version, settings });
      expect(response.statusCode, JSON.stringify(settings)).toBe(400);
      const problem = problemSchema.parse(response.json());
      expect(problem.code).toBe('VALIDATION_FAILED');
      expect(problem.errors?.map((error) => error.path)).toContain(path);
    }
    expect(await read()).toEqual(current);
  });
});
