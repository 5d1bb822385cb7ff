import {
  appointmentPageSchema,
  appointmentSchema,
  calendarFeedTokenSchema,
  caseloadReportSchema,
  clinicSettingsResponseSchema,
  problemSchema,
  refillWorklistPageSchema,
  refillsPerClinicianReportSchema,
  siteAppointmentListSchema,
  siteListSchema,
  visitSchema,
} from '@pumpdesk/contracts';
import { createTestSite, createTestUser } from '@pumpdesk/db/testing';
import { type LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { createPatientOnMaintenance } from './clinical-fixtures.ts';
import { parseCsv } from './csv.ts';
import { type TestSession } from './test-sessions.ts';
import { slot, todayInClinic } from './visit-fixtures.ts';

// Roles and sites in the scheduling part of the API (visits, trials, appointments, calendar feeds,
// worklists, reports, settings): a user sees and changes the records of their own sites only, and
// their role decides what they may do. Another site's record answers exactly like a missing one.

describe('access to scheduling data by role and site', () => {
  let t: TestApp;
  /** Two clinics, each with a patient on maintenance (overdue soon: on the refill worklist). */
  let a: Awaited<ReturnType<typeof createPatientOnMaintenance>>;
  let b: Awaited<ReturnType<typeof createPatientOnMaintenance>>;
  /** A nurse who works at site A only. */
  let nurseA: TestSession;
  /** A nurse of both sites: the clinician of one appointment at each. */
  let clinicianOfBoth: { id: string };
  let appointmentA: string;
  let appointmentB: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const prisma = t.database.prisma;
    a = await createPatientOnMaintenance(prisma, { refillDaysAgo: 27 });
    b = await createPatientOnMaintenance(prisma, { refillDaysAgo: 27 });
    nurseA = await t.signIn({ role: 'nurse', siteIds: [a.site.id] });
    clinicianOfBoth = await createTestUser(prisma, [a.site.id, b.site.id], { role: 'nurse' });
    // The default user (a physician at every site) records what site B's patient has on file.
    for (const [patient, hours] of [
      [a.patient, 9],
      [b.patient, 11],
    ] as const) {
      const visit = await t.app.inject({
        method: 'POST',
        url: `/api/patients/${patient.id}/visits`,
        payload: { visitDate: todayInClinic(), type: 'review', notes: 'Private note' },
      });
      expect(visit.statusCode, visit.body).toBe(201);
      const booked = await t.app.inject({
        method: 'POST',
        url: `/api/patients/${patient.id}/appointments`,
        payload: { kind: 'refill', startsAt: slot(2, hours), clinicianId: clinicianOfBoth.id },
      });
      expect(booked.statusCode, booked.body).toBe(201);
      const { id } = appointmentSchema.parse(booked.json());
      if (patient.id === a.patient.id) appointmentA = id;
      else appointmentB = id;
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const as = (
    session: TestSession | null,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    payload?: object,
  ) => t.injectAs(session, { method, url, ...(payload ? { payload } : {}) });

  /** A 404 problem that says nothing about the patient behind it. */
  function expectNotFoundWithoutPatientData(response: LightMyRequestResponse, what: string): void {
    expect(response.statusCode, `${what}: ${response.body}`).toBe(404);
    expect(problemSchema.parse(response.json()).code).toBe('NOT_FOUND');
    for (const value of [b.patient.mrn, b.patient.givenName, b.patient.familyName, 'Private note']) {
      expect(response.body, what).not.toContain(value);
    }
  }

  it('answers 404 to a nurse of site A for site B’s patient’s visits, trials, appointments and day list', async () => {
    const prisma = t.database.prisma;
    const before = {
      visits: await prisma.followUpVisit.count({ where: { patientId: b.patient.id } }),
      appointments: await prisma.appointment.count({ where: { patientId: b.patient.id } }),
    };
    const patient = `/api/patients/${b.patient.id}`;
    for (const [method, url, payload] of [
      ['GET', `${patient}/visits`],
      ['GET', `${patient}/trials`],
      ['GET', `${patient}/appointments`],
      ['GET', `/api/sites/${b.site.id}/appointments`],
      ['POST', `${patient}/visits`, { visitDate: todayInClinic(), type: 'review' }],
      ['POST', `${patient}/appointments`, { kind: 'follow_up', startsAt: slot(3, 10) }],
      ['POST', `/api/appointments/${appointmentB}/cancel`, { version: 1 }],
      ['PATCH', `/api/appointments/${appointmentB}`, { version: 1, durationMinutes: 45 }],
    ] as const) {
      expectNotFoundWithoutPatientData(await as(nurseA, method, url, payload), `${method} ${url}`);
    }
    expect({
      visits: await prisma.followUpVisit.count({ where: { patientId: b.patient.id } }),
      appointments: await prisma.appointment.count({ where: { patientId: b.patient.id } }),
    }).toEqual(before);
    const stillBooked = await prisma.appointment.findUniqueOrThrow({ where: { id: appointmentB } });
    expect(stillBooked).toMatchObject({ status: 'booked', version: 1, durationMinutes: 30 });

    // Their own site's records answer as usual.
    expect((await as(nurseA, 'GET', `/api/patients/${a.patient.id}/visits`)).statusCode).toBe(200);
    expect((await as(nurseA, 'GET', `/api/sites/${a.site.id}/appointments`)).statusCode).toBe(200);
  });

  it('refuses to book a site A patient at site B (422 on body.siteId), and audits writes with the patient’s site', async () => {
    const refused = await as(nurseA, 'POST', `/api/patients/${a.patient.id}/appointments`, {
      kind: 'follow_up',
      startsAt: slot(4, 10),
      siteId: b.site.id,
    });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(problemSchema.parse(refused.json()).errors?.[0]?.path).toBe('body.siteId');

    const recorded = await as(nurseA, 'POST', `/api/patients/${a.patient.id}/visits`, {
      visitDate: todayInClinic(),
      type: 'titration',
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const visit = visitSchema.parse(recorded.json());
    expect(visit.clinician.id).toBe(nurseA.user.id);
    const event = await t.database.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'visit.create', entityId: visit.id },
    });
    expect(event).toMatchObject({ actorUserId: nurseA.user.id, siteId: a.site.id, outcome: 'success' });
  });

  /** Books a follow-up of the patient held at `siteId`, as the default user (a physician of every site). */
  async function bookedAt(patientId: string, siteId: string, startsAt: string) {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/patients/${patientId}/appointments`,
      payload: { kind: 'follow_up', startsAt, siteId },
    });
    expect(response.statusCode, response.body).toBe(201);
    return appointmentSchema.parse(response.json());
  }

  describe('an appointment held at another site than its patient’s', () => {
    it('cannot be changed by a nurse of the patient’s site only: 404, the row unchanged, one refusal audited each time', async () => {
      const prisma = t.database.prisma;
      const heldAtB = await bookedAt(a.patient.id, b.site.id, slot(10, 10));
      const before = await prisma.appointment.findUniqueOrThrow({ where: { id: heldAtB.id } });
      const refusals = () =>
        prisma.auditEvent.findMany({
          where: { action: 'access.refused', entityId: heldAtB.id },
          orderBy: { id: 'asc' },
        });
      const url = `/api/appointments/${heldAtB.id}`;
      for (const [method, path, payload] of [
        ['POST', `${url}/cancel`, { version: 1, reason: 'Unwell' }],
        ['POST', `${url}/complete`, { version: 1 }],
        ['POST', `${url}/no-show`, { version: 1 }],
        ['PATCH', url, { version: 1, startsAt: slot(11, 10) }],
        ['PATCH', url, { version: 1, siteId: a.site.id }],
        // A stale version is not a conflict either: that would say the appointment exists.
        ['POST', `${url}/cancel`, { version: 9 }],
      ] as const) {
        const seen = (await refusals()).length;
        const response = await as(nurseA, method, path, payload);
        expect(response.statusCode, `${method} ${path}: ${response.body}`).toBe(404);
        expect(problemSchema.parse(response.json()).code).toBe('NOT_FOUND');
        const events = await refusals();
        expect(events, `${method} ${path}`).toHaveLength(seen + 1);
        expect(events.at(-1)).toMatchObject({
          actorUserId: nurseA.user.id,
          entityType: 'appointment',
          outcome: 'refused',
          siteId: b.site.id,
          summary: { code: 'OUT_OF_SCOPE' },
        });
      }
      expect(await prisma.appointment.findUniqueOrThrow({ where: { id: heldAtB.id } })).toEqual(before);
      expect(
        await prisma.auditEvent.count({
          where: { entityId: heldAtB.id, outcome: 'success', action: { not: 'appointment.create' } },
        }),
      ).toBe(0);
    });

    it('cannot be moved to site B by a nurse of site A only (422 on body.siteId), nothing changes', async () => {
      const prisma = t.database.prisma;
      const atA = await bookedAt(a.patient.id, a.site.id, slot(12, 10));
      const before = await prisma.appointment.findUniqueOrThrow({ where: { id: atA.id } });
      const moved = await as(nurseA, 'PATCH', `/api/appointments/${atA.id}`, {
        version: 1,
        siteId: b.site.id,
      });
      expect(moved.statusCode, moved.body).toBe(422);
      expect(problemSchema.parse(moved.json()).errors?.[0]?.path).toBe('body.siteId');
      expect(await prisma.appointment.findUniqueOrThrow({ where: { id: atA.id } })).toEqual(before);
    });

    it('can be moved between the sites and closed by a user of both', async () => {
      const both = await t.signIn({ role: 'nurse', siteIds: [a.site.id, b.site.id] });
      const atA = await bookedAt(a.patient.id, a.site.id, slot(13, 10));
      const url = `/api/appointments/${atA.id}`;
      const toB = await as(both, 'PATCH', url, { version: 1, siteId: b.site.id });
      expect(toB.statusCode, toB.body).toBe(200);
      expect(appointmentSchema.parse(toB.json())).toMatchObject({ site: { id: b.site.id }, version: 2 });
      const later = await as(both, 'PATCH', url, { version: 2, startsAt: slot(13, 14) });
      expect(later.statusCode, later.body).toBe(200);
      const back = await as(both, 'PATCH', url, { version: 3, siteId: a.site.id });
      expect(back.statusCode, back.body).toBe(200);
      expect(appointmentSchema.parse(back.json()).site.id).toBe(a.site.id);

      for (const [action, status, hour] of [
        ['cancel', 'cancelled', 9],
        ['complete', 'done', 11],
        ['no-show', 'no_show', 13],
      ] as const) {
        const heldAtB = await bookedAt(a.patient.id, b.site.id, slot(14, hour));
        const closed = await as(both, 'POST', `/api/appointments/${heldAtB.id}/${action}`, { version: 1 });
        expect(closed.statusCode, `${action}: ${closed.body}`).toBe(200);
        expect(appointmentSchema.parse(closed.json()).status).toBe(status);
      }
    });

    it('shows in site B’s day list and the patient’s list; a nurse of site B only reads it but cannot change it', async () => {
      const nurseB = await t.signIn({ role: 'nurse', siteIds: [b.site.id] });
      const startsAt = slot(15, 10);
      const heldAtB = await bookedAt(a.patient.id, b.site.id, startsAt);

      const day = await as(
        nurseB,
        'GET',
        `/api/sites/${b.site.id}/appointments?date=${startsAt.slice(0, 10)}`,
      );
      expect(day.statusCode, day.body).toBe(200);
      const listed = siteAppointmentListSchema.parse(day.json()).items.find((x) => x.id === heldAtB.id);
      expect(listed?.patient.mrn).toBe(a.patient.mrn);
      const ofPatient = await as(nurseA, 'GET', `/api/patients/${a.patient.id}/appointments?limit=100`);
      expect(ofPatient.statusCode, ofPatient.body).toBe(200);
      expect(appointmentPageSchema.parse(ofPatient.json()).items.map((x) => x.id)).toContain(heldAtB.id);

      // The patient is site A's: their record, and so their appointments, are not nurse B's to change.
      const cancel = await as(nurseB, 'POST', `/api/appointments/${heldAtB.id}/cancel`, { version: 1 });
      expect(cancel.statusCode, cancel.body).toBe(404);
      const stored = await t.database.prisma.appointment.findUniqueOrThrow({ where: { id: heldAtB.id } });
      expect(stored).toMatchObject({ status: 'booked', version: 1 });
    });
  });

  it('shows a user of site A no site B rows in the worklists (JSON and CSV) and the reports', async () => {
    const worklist = await as(nurseA, 'GET', '/api/worklists/refills?horizonDays=60&limit=200');
    expect(worklist.statusCode, worklist.body).toBe(200);
    const page = refillWorklistPageSchema.parse(worklist.json());
    const mrns = page.items.map((entry) => entry.patient.mrn);
    expect(mrns).toContain(a.patient.mrn);
    expect(mrns).not.toContain(b.patient.mrn);
    expect(page.items.every((entry) => entry.site.id === a.site.id)).toBe(true);

    const csv = await as(nurseA, 'GET', '/api/worklists/refills.csv?horizonDays=60');
    expect(csv.statusCode).toBe(200);
    const csvMrns = parseCsv(csv.body)
      .slice(1)
      .map((row) => row[0]);
    expect(csvMrns).toContain(a.patient.mrn);
    expect(csvMrns).not.toContain(b.patient.mrn);

    for (const list of ['refills', 'batteries', 'follow-ups']) {
      expectNotFoundWithoutPatientData(
        await as(nurseA, 'GET', `/api/worklists/${list}?siteId=${b.site.id}`),
        `worklist ${list} at site B`,
      );
    }

    const manager = await t.signIn({ role: 'manager', siteIds: [a.site.id] });
    const caseload = await as(manager, 'GET', '/api/reports/caseload');
    expect(caseload.statusCode, caseload.body).toBe(200);
    const report = caseloadReportSchema.parse(caseload.json());
    expect(report.bySite.map((row) => row.siteId)).toEqual([a.site.id]);
    expect(report.totals.patients).toBe(1);
    const perClinician = await as(manager, 'GET', '/api/reports/refills-per-clinician');
    const rows = refillsPerClinicianReportSchema.parse(perClinician.json()).rows;
    expect(rows.map((row) => row.userId)).toEqual([a.nurse.id]);
    expect((await as(manager, 'GET', `/api/reports/caseload?siteId=${b.site.id}`)).statusCode).toBe(404);
    expect((await as(manager, 'GET', `/api/reports/caseload.csv?siteId=${b.site.id}`)).statusCode).toBe(404);

    const sites = siteListSchema.parse((await as(nurseA, 'GET', '/api/sites')).json());
    expect(sites.items.map((site) => site.id)).toEqual([a.site.id]);
    const admin = await t.signIn({ role: 'admin', siteIds: [] });
    const everySite = siteListSchema.parse((await as(admin, 'GET', '/api/sites')).json());
    expect(everySite.items.map((site) => site.id)).toEqual(expect.arrayContaining([a.site.id, b.site.id]));
  });

  it('leaves exactly one audit event per worklist or report read, the CSV download too', async () => {
    const events = (action: string) =>
      t.database.prisma.auditEvent.findMany({
        where: { action, actorUserId: nurseA.user.id },
        orderBy: { id: 'asc' },
      });
    const before = (await events('worklist.read')).length;
    expect((await as(nurseA, 'GET', '/api/worklists/refills?limit=1')).statusCode).toBe(200);
    expect((await as(nurseA, 'GET', '/api/worklists/follow-ups.csv')).statusCode).toBe(200);
    const after = await events('worklist.read');
    expect(after).toHaveLength(before + 2);
    expect(after.slice(-2)).toMatchObject([
      { entityType: 'worklist', entityId: 'refills', outcome: 'success', summary: { format: 'json' } },
      { entityType: 'worklist', entityId: 'follow-ups', outcome: 'success', summary: { format: 'csv' } },
    ]);

    const manager = await t.signIn({ role: 'manager', siteIds: [a.site.id] });
    expect((await as(manager, 'GET', '/api/reports/overdue-over-time.csv')).statusCode).toBe(200);
    const reads = await t.database.prisma.auditEvent.findMany({
      where: { action: 'report.read', actorUserId: manager.user.id },
    });
    expect(reads).toMatchObject([{ entityId: 'overdue-over-time', summary: { format: 'csv' } }]);
  });

  it('lets each role do only what it may: 403 and nothing written otherwise', async () => {
    const prisma = t.database.prisma;
    const trials = await prisma.trial.count({ where: { patientId: a.patient.id } });
    const trial = await as(nurseA, 'POST', `/api/patients/${a.patient.id}/trials`, {
      trialDate: todayInClinic(),
      bolusMcg: 50,
      outcome: 'responder',
    });
    expect(trial.statusCode, trial.body).toBe(403);
    expect(problemSchema.parse(trial.json()).code).toBe('FORBIDDEN');
    expect(await prisma.trial.count({ where: { patientId: a.patient.id } })).toBe(trials);

    const manager = await t.signIn({ role: 'manager', siteIds: [a.site.id] });
    const appointments = await prisma.appointment.count({ where: { patientId: a.patient.id } });
    const booking = await as(manager, 'POST', `/api/patients/${a.patient.id}/appointments`, {
      kind: 'follow_up',
      startsAt: slot(6, 10),
    });
    expect(booking.statusCode, booking.body).toBe(403);
    expect(await prisma.appointment.count({ where: { patientId: a.patient.id } })).toBe(appointments);
    // A manager reads patients' lists but does not book.
    expect((await as(manager, 'GET', `/api/patients/${a.patient.id}/appointments`)).statusCode).toBe(200);

    const admin = await t.signIn({ role: 'admin' });
    for (const url of [
      '/api/worklists/refills',
      '/api/worklists/batteries.csv',
      `/api/patients/${a.patient.id}/visits`,
    ]) {
      const response = await as(admin, 'GET', url);
      expect(response.statusCode, url).toBe(403);
      expect(response.body).not.toContain(a.patient.mrn);
    }
    const nurseReport = await as(nurseA, 'GET', '/api/reports/caseload');
    expect(nurseReport.statusCode).toBe(403);

    const settings = clinicSettingsResponseSchema.parse((await as(nurseA, 'GET', '/api/settings')).json());
    const put = await as(nurseA, 'PUT', '/api/settings', {
      version: settings.version,
      settings: { refill: { safetyMarginDays: 5 } },
    });
    expect(put.statusCode, put.body).toBe(403);
    const unchanged = clinicSettingsResponseSchema.parse((await as(nurseA, 'GET', '/api/settings')).json());
    expect(unchanged).toEqual(settings);
  });

  it('serves calendar feeds only with a token, limited to the token owner’s sites', async () => {
    const siteFeed = `/api/sites/${a.site.id}/calendar.ics`;
    for (const url of [siteFeed, `${siteFeed}?token=not-a-token`]) {
      const response = await as(null, 'GET', url);
      expect(response.statusCode, url).toBe(401);
      expect(problemSchema.parse(response.json()).code).toBe('UNAUTHENTICATED');
    }

    const issued = await as(nurseA, 'POST', '/api/auth/calendar-feed-token');
    expect(issued.statusCode, issued.body).toBe(200);
    const { token, clinicianFeedPath } = calendarFeedTokenSchema.parse(issued.json());
    expect(clinicianFeedPath).toBe(
      `/api/clinicians/${nurseA.user.id}/calendar.ics?token=${encodeURIComponent(token)}`,
    );
    const stored = await t.database.prisma.user.findUniqueOrThrow({ where: { id: nurseA.user.id } });
    expect(stored.calendarFeedTokenHash).not.toBeNull();
    expect(stored.calendarFeedTokenHash).not.toBe(token);
    const withToken = (url: string) => as(null, 'GET', `${url}?token=${encodeURIComponent(token)}`);

    const own = await withToken(siteFeed);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.body).toContain(`${appointmentA}@pumpdesk`);
    expect(own.body).not.toContain(`${appointmentB}@pumpdesk`);
    expect(own.body).not.toContain(b.patient.mrn);
    expectNotFoundWithoutPatientData(await withToken(`/api/sites/${b.site.id}/calendar.ics`), 'site B feed');

    const colleague = await withToken(`/api/clinicians/${clinicianOfBoth.id}/calendar.ics`);
    expect(colleague.statusCode).toBe(200);
    expect(colleague.body).toContain(`${appointmentA}@pumpdesk`);
    expect(colleague.body).not.toContain(`${appointmentB}@pumpdesk`);

    const feedReads = await t.database.prisma.auditEvent.count({
      where: { action: 'calendar_feed.read', actorUserId: nurseA.user.id },
    });
    expect(feedReads).toBe(2);

    // A new token replaces the old one; a disabled user's token opens nothing.
    const second = calendarFeedTokenSchema.parse(
      (await as(nurseA, 'POST', '/api/auth/calendar-feed-token')).json(),
    );
    expect((await withToken(siteFeed)).statusCode).toBe(401);
    await t.database.prisma.user.update({ where: { id: nurseA.user.id }, data: { active: false } });
    const disabled = await as(null, 'GET', `${siteFeed}?token=${encodeURIComponent(second.token)}`);
    expect(disabled.statusCode).toBe(401);
    await t.database.prisma.user.update({ where: { id: nurseA.user.id }, data: { active: true } });
    expect(
      await t.database.prisma.auditEvent.count({
        where: { action: 'calendar_feed.token_issued', actorUserId: nurseA.user.id },
      }),
    ).toBe(2);
  });

  it('lists the new site to a user of every site only, not to a nurse of site A', async () => {
    const site = await createTestSite(t.database.prisma);
    const mine = siteListSchema.parse((await as(nurseA, 'GET', '/api/sites')).json());
    expect(mine.items.map((s) => s.id)).not.toContain(site.id);
    const everyone = siteListSchema.parse((await t.app.inject({ method: 'GET', url: '/api/sites' })).json());
    expect(everyone.items.map((s) => s.id)).toContain(site.id);
  });
});
