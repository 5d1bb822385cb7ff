import {
  batteryWorklistPageSchema,
  followUpWorklistPageSchema,
  problemSchema,
  refillWorklistPageSchema,
} from '@pumpdesk/contracts';
import { refreshPumpSchedules } from '@pumpdesk/db';
import { createTestPatient, createTestPump, createTestPumpModel } from '@pumpdesk/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { createPatientOnMaintenance, DAY_MS } from './clinical-fixtures.ts';
import { parseCsvRecords } from './csv.ts';

// The worklists through HTTP. Every request filters by the test's own site, so rows other test files
// write never count. The worked example (20 mL, 300 mcg/day at 500 mcg/mL, refilled to 20 mL) has its
// alarm 30 days after the refill and its due date 26 days after (4-day margin; 7 days if high-risk).

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

/** One site with patients refilled n days ago, each with the worked example's pump. */
async function clinic(refills: { refillDaysAgo: number; highRisk?: boolean }[]) {
  const first = await createPatientOnMaintenance(t.database.prisma, refills[0] ?? { refillDaysAgo: 0 });
  const patients = [first.patient];
  for (const options of refills.slice(1)) {
    // Same site: move the new patient there (the fixture makes a site per patient).
    const next = await createPatientOnMaintenance(t.database.prisma, options);
    await t.database.prisma.patient.update({
      where: { id: next.patient.id },
      data: { siteId: first.site.id },
    });
    await refreshPumpSchedules(t.database.prisma, [next.patient.id]);
    patients.push(next.patient);
  }
  return { site: first.site, physician: first.physician, patients };
}

const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('GET /api/worklists/refills', () => {
  it('lists who needs a refill, most urgent first, high-risk first within a status, with explanations', async () => {
    const { site, patients } = await clinic([
      { refillDaysAgo: 5 }, // due in 21 days: upcoming
      { refillDaysAgo: 28 }, // due 2 days ago: overdue
      { refillDaysAgo: 31 }, // alarm a day ago: critical
      { refillDaysAgo: 24, highRisk: true }, // 7-day margin: due 1 day ago → overdue, high-risk first
      { refillDaysAgo: 22 }, // due in 4 days: due soon
    ]);
    const response = await get(`/api/worklists/refills?siteId=${site.id}`);
    expect(response.statusCode, response.body).toBe(200);
    const { items, nextCursor } = refillWorklistPageSchema.parse(response.json());
    expect(nextCursor).toBeNull();
    expect(items.map((item) => item.patient.id)).toEqual([
      patients[2]?.id,
      patients[3]?.id,
      patients[1]?.id,
      patients[4]?.id,
      patients[0]?.id,
    ]);
    expect(items.map((item) => item.status)).toEqual([
      'critical',
      'overdue',
      'overdue',
      'due_soon',
      'upcoming',
    ]);
    const [critical, highRisk, overdue] = items;
    expect(critical?.message).toMatch(/^Low-reservoir alarm reached on /);
    expect(highRisk?.highRisk).toBe(true);
    expect(overdue?.daysUntilDue).toBe(-2);
    expect(overdue?.message).toMatch(/^Overdue by 2 days: due .* No refill booked\.$/);
    expect(items.every((item) => item.noAppointmentByDueDate)).toBe(true);
  });

  it('filters by status, horizon, high risk and missing appointment', async () => {
    const { site, patients } = await clinic([
      { refillDaysAgo: 28 },
      { refillDaysAgo: 1 }, // due in 25 days: upcoming
      { refillDaysAgo: 24, highRisk: true },
    ]);
    const ids = async (query: string) => {
      const response = await get(`/api/worklists/refills?siteId=${site.id}&${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return refillWorklistPageSchema.parse(response.json()).items.map((item) => item.patient.id);
    };
    expect(await ids('status=overdue')).toEqual([patients[2]?.id, patients[0]?.id]);
    expect(await ids('status=upcoming&status=overdue')).toHaveLength(3);
    expect(await ids('highRisk=true')).toEqual([patients[2]?.id]);
    // A 10-day horizon keeps what is overdue and drops the refill due in 25 days.
    expect(await ids('horizonDays=10')).toEqual([patients[2]?.id, patients[0]?.id]);
    // Booking a refill before the due date takes the patient off the "no appointment" list.
    const booked = patients[1];
    if (!booked) throw new Error('three patients');
    await t.database.prisma.appointment.create({
      data: {
        patientId: booked.id,
        siteId: site.id,
        kind: 'refill',
        startsAt: new Date(Date.now() + 20 * DAY_MS),
      },
    });
    await refreshPumpSchedules(t.database.prisma, [booked.id]);
    expect(await ids('noAppointment=true')).toEqual([patients[2]?.id, patients[0]?.id]);
    expect(await ids('noAppointment=false')).toEqual([booked.id]);
  });

  it('pages with a cursor through every entry exactly once', async () => {
    const { site } = await clinic([
      { refillDaysAgo: 10 },
      { refillDaysAgo: 12 },
      { refillDaysAgo: 14 },
      { refillDaysAgo: 16 },
      { refillDaysAgo: 18 },
    ]);
    const all = refillWorklistPageSchema.parse(
      (await get(`/api/worklists/refills?siteId=${site.id}`)).json(),
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const response = await get(`/api/worklists/refills?siteId=${site.id}&limit=2${query}`);
      expect(response.statusCode, response.body).toBe(200);
      const page = refillWorklistPageSchema.parse(response.json());
      seen.push(...page.items.map((item) => item.patient.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(all.items.map((item) => item.patient.id));
  });

  it('downloads the same entries as CSV, parsed back equal to the JSON', async () => {
    const { site } = await clinic([{ refillDaysAgo: 28 }, { refillDaysAgo: 31 }, { refillDaysAgo: 22 }]);
    const json = refillWorklistPageSchema.parse(
      (await get(`/api/worklists/refills?siteId=${site.id}`)).json(),
    );
    const response = await get(`/api/worklists/refills.csv?siteId=${site.id}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="refill-worklist.csv"');
    const records = parseCsvRecords(response.body);
    expect(records.map((r) => r['MRN'])).toEqual(json.items.map((item) => item.patient.mrn));
    expect(records.map((r) => r['Status'])).toEqual(json.items.map((item) => item.status));
    expect(records.map((r) => r['Due date'])).toEqual(json.items.map((item) => item.dueDate ?? ''));
    expect(records.map((r) => r['Explanation'])).toEqual(json.items.map((item) => item.message));
    expect(records.map((r) => Number(r['Days until due']))).toEqual(
      json.items.map((item) => item.daysUntilDue),
    );
  });

  it('refuses invalid filters and cursors with a problem naming the field', async () => {
    const cases: [string, string][] = [
      ['status=bogus', 'querystring.status'],
      ['siteId=not-a-uuid', 'querystring.siteId'],
      ['limit=0', 'querystring.limit'],
      ['limit=201', 'querystring.limit'],
      ['horizonDays=-1', 'querystring.horizonDays'],
      ['highRisk=maybe', 'querystring.highRisk'],
      ['cursor=garbage', 'querystring.cursor'],
    ];
    for (const [query, path] of cases) {
      const response = await get(`/api/worklists/refills?${query}`);
      expect(response.statusCode, query).toBe(400);
      const problem = problemSchema.parse(response.json());
      expect(
        problem.errors?.map((error) => error.path),
        query,
      ).toContain(path);
    }
    const unknown = await get('/api/worklists/refills?sort=name');
    expect(unknown.statusCode).toBe(400);
  });
});

describe('GET /api/worklists/batteries and /follow-ups', () => {
  it('lists batteries in and past their window and reviews never done, with CSV downloads', async () => {
    const { site, physician } = await clinic([{ refillDaysAgo: 5 }]);
    const model = await createTestPumpModel(t.database.prisma, 20);
    const implanted = (years: number) => new Date(Date.now() - years * 365.25 * DAY_MS);
    const day = (date: Date) => date.toISOString().slice(0, 10);
    const patients = [];
    for (const years of [7.5, 6, 4.8]) {
      const patient = await createTestPatient(t.database.prisma, {
        siteId: site.id,
        responsiblePhysicianId: physician.id,
      });
      await createTestPump(t.database.prisma, {
        patientId: patient.id,
        modelId: model.id,
        implantDate: day(implanted(years)),
      });
      await refreshPumpSchedules(t.database.prisma, [patient.id]);
      patients.push(patient);
    }
    const batteries = batteryWorklistPageSchema.parse(
      (await get(`/api/worklists/batteries?siteId=${site.id}`)).json(),
    );
    // 7.5 years: past the 7-year end of life (critical); 6: in the window; 4.8: approaching (lead 6 months).
    expect(batteries.items.map((item) => [item.patient.id, item.status, item.urgency])).toEqual([
      [patients[0]?.id, 'replacement_overdue', 'critical'],
      [patients[1]?.id, 'in_window', 'due_soon'],
      [patients[2]?.id, 'approaching', 'upcoming'],
    ]);
    expect(batteries.items[0]?.message).toMatch(/^Past the estimated end of life/);

    const followUps = followUpWorklistPageSchema.parse(
      (await get(`/api/worklists/follow-ups?siteId=${site.id}&status=never_reviewed`)).json(),
    );
    // Every pump here was implanted long ago and nobody was ever reviewed.
    expect(followUps.items).toHaveLength(4);
    expect(new Set(followUps.items.map((item) => item.status))).toEqual(new Set(['never_reviewed']));

    for (const [path, count] of [
      ['batteries', 3],
      ['follow-ups', 4],
    ] as const) {
      const csv = await get(`/api/worklists/${path}.csv?siteId=${site.id}`);
      expect(csv.statusCode, csv.body).toBe(200);
      expect(parseCsvRecords(csv.body)).toHaveLength(count);
    }
  });
});
