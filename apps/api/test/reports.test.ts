import {
  batteryReplacementsReportSchema,
  caseloadReportSchema,
  followUpComplianceReportSchema,
  overdueOverTimeReportSchema,
  problemSchema,
  refillsPerClinicianReportSchema,
  refillsPerMonthReportSchema,
} from '@pumpdesk/contracts';
import { refreshPumpSchedules } from '@pumpdesk/db';
import {
  createTestPatient,
  createTestPump,
  createTestPumpModel,
  createTestRefill,
  createTestSimpleProgram,
  createTestSite,
  createTestUser,
} from '@pumpdesk/db/testing';
import { addDays, addMonths, calendarDateInZone, type CalendarDate, daysBetween } from '@pumpdesk/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type z } from 'zod';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { csvText, parseCsv } from './csv.ts';

// Every report over a site of this file's own, always filtered by it: a small clinic placed relative
// to today (the routes read the real clock), so each expected number is known exactly.
//
// Site S (Europe/London), pumps of a 20 mL model (battery life 5–7 years, so with the default 6-month
// lead the recommended replacement is implant + 78 months), each on 300 mcg/day at 500 mcg/mL:
//   A  active, MS: implanted T − 70 months (replacement in month M + 8); refills T − 10, 10th of M − 3,
//      10th of M − 24, 10th of M − 25; reviewed T − 30.
//   B  active, spinal cord injury: implanted T − 96 months (replacement overdue); refills T − 40 and
//      10th of M − 3; reviewed T − 800.
//   C  active, cerebral palsy: implanted T − 5 months, no program, no refill, ERI reported T − 3; never
//      reviewed.
//   G  explanted, stroke: pump implanted T − 30 months, explanted 10th of M − 6; a refill 10th of M − 8.
//   H  candidate, other diagnosis: no pump.
//   D  deleted (soft): a pump and a refill T − 5, counted nowhere.
// And a second site with a patient refilled T − 3 by the same nurse, outside the filter.
// Refills store due_date_snapshot = refill day + 26 (what the engine gives this pump and dose).

const ZONE = 'Europe/London';
const CYCLE_DAYS = 26;

const month = (date: string) => date.slice(0, 7);
const noon = (date: string) => new Date(`${date}T12:00:00.000Z`);

describe('GET /api/reports/*', () => {
  let t: TestApp;
  let siteId: string;
  let today: CalendarDate;
  /** The first day of the month `offset` months from today's. */
  let monthStart: (offset: number) => CalendarDate;
  let tenth: (offset: number) => CalendarDate;
  const names = { nurse1: '', nurse2: '' };
  const ids = { nurse1: '', nurse2: '' };
  /** Per pump: implant, explant, refills (day and stored due date). */
  const history: { implant: string; explant: string | null; refills: { day: string; due: string }[] }[] = [];
  let schedule: Map<string, { refillDue: string | null; recommended: string }>;
  let pumpIds: { a: string; b: string; c: string };
  let lastFill: { a: string; b: string };

  const get = (url: string) => t.app.inject({ method: 'GET', url });
  async function json<T>(path: string, schema: z.ZodType<T>): Promise<T> {
    const response = await get(`/api/reports/${path}?siteId=${siteId}`);
    expect(response.statusCode, response.body).toBe(200);
    return schema.parse(response.json());
  }
  async function csv(path: string): Promise<string[][]> {
    const response = await get(`/api/reports/${path}.csv?siteId=${siteId}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${path}.csv"`);
    return parseCsv(response.body);
  }

  beforeAll(async () => {
    // Reports are a manager's (reports:read), here one working at every site.
    t = await buildTestApp({ as: { role: 'manager' } });
    const prisma = t.database.prisma;
    today = calendarDateInZone(new Date(), ZONE);
    monthStart = (offset) => addMonths(`${month(today)}-01` as CalendarDate, offset);
    tenth = (offset) => addDays(monthStart(offset), 9);

    const site = await createTestSite(prisma, { timeZone: ZONE });
    const other = await createTestSite(prisma, { timeZone: ZONE });
    siteId = site.id;
    const physician = await createTestUser(prisma, [site.id]);
    const nurse1 = await createTestUser(prisma, [site.id, other.id], { role: 'nurse' });
    // A name a CSV must quote: a comma and a double quote.
    const nurse2 = await createTestUser(prisma, [site.id], {
      role: 'nurse',
      name: `Nurse "Bo", ${nurse1.name}`,
    });
    Object.assign(names, { nurse1: nurse1.name, nurse2: nurse2.name });
    Object.assign(ids, { nurse1: nurse1.id, nurse2: nurse2.id });
    const model = await createTestPumpModel(prisma, 20);

    async function patientWithPump(input: {
      status: 'active' | 'explanted';
      diagnosis: 'multiple_sclerosis' | 'spinal_cord_injury' | 'cerebral_palsy' | 'stroke';
      implant: string;
      site?: string;
      deleted?: boolean;
      program?: boolean;
      refills?: { day: string; by: string }[];
    }) {
      const patient = await createTestPatient(prisma, {
        siteId: input.site ?? site.id,
        status: input.status,
        diagnosis: input.diagnosis,
        deletedAt: input.deleted ? new Date() : null,
      });
      const pump = await createTestPump(prisma, {
        patientId: patient.id,
        modelId: model.id,
        implantDate: input.implant,
      });
      if (input.program ?? true) {
        await createTestSimpleProgram(prisma, {
          pumpId: pump.id,
          programmedById: physician.id,
          effectiveFrom: noon(input.implant),
          doseMcgPerDay: 300,
          concentrationMcgPerMl: 500,
        });
      }
      const refills = [];
      for (const refill of input.refills ?? []) {
        const row = await createTestRefill(prisma, {
          pumpId: pump.id,
          performedById: refill.by,
          performedAt: noon(refill.day),
          volumeAfterMl: 20,
          concentrationMcgPerMl: 500,
        });
        const due = addDays(refill.day as CalendarDate, CYCLE_DAYS);
        await prisma.refill.update({ where: { id: row.id }, data: { dueDateSnapshot: noon(due) } });
        refills.push({ day: refill.day, due });
      }
      return { patient, pump, refills };
    }

    const a = await patientWithPump({
      status: 'active',
      diagnosis: 'multiple_sclerosis',
      implant: addMonths(today, -70),
      refills: [
        { day: tenth(-25), by: nurse1.id },
        { day: tenth(-24), by: nurse1.id },
        { day: tenth(-3), by: nurse1.id },
        { day: addDays(today, -10), by: nurse1.id },
      ],
    });
    const b = await patientWithPump({
      status: 'active',
      diagnosis: 'spinal_cord_injury',
      implant: addMonths(today, -96),
      refills: [
        { day: tenth(-3), by: nurse1.id },
        { day: addDays(today, -40), by: nurse2.id },
      ],
    });
    const c = await patientWithPump({
      status: 'active',
      diagnosis: 'cerebral_palsy',
      implant: addMonths(today, -5),
      program: false,
    });
    await prisma.pump.update({
      where: { id: c.pump.id },
      data: { eriReportedDate: noon(addDays(today, -3)) },
    });
    const g = await patientWithPump({
      status: 'explanted',
      diagnosis: 'stroke',
      implant: addMonths(today, -30),
      refills: [{ day: tenth(-8), by: nurse2.id }],
    });
    await prisma.pump.update({
      where: { id: g.pump.id },
      data: { status: 'explanted', explantDate: noon(tenth(-6)), explantReason: 'therapy_stopped' },
    });
    await createTestPatient(prisma, { siteId: site.id, status: 'candidate', diagnosis: 'other' });
    const d = await patientWithPump({
      status: 'active',
      diagnosis: 'multiple_sclerosis',
      implant: addMonths(today, -12),
      deleted: true,
      refills: [{ day: addDays(today, -5), by: nurse1.id }],
    });
    const e = await patientWithPump({
      status: 'active',
      diagnosis: 'multiple_sclerosis',
      implant: addMonths(today, -12),
      site: other.id,
      refills: [{ day: addDays(today, -3), by: nurse1.id }],
    });
    for (const [patientId, visitDate] of [
      [a.patient.id, addDays(today, -30)],
      [b.patient.id, addDays(today, -800)],
    ] as const) {
      await prisma.followUpVisit.create({
        data: { patientId, visitDate: noon(visitDate), type: 'review', clinicianId: physician.id },
      });
    }
    await refreshPumpSchedules(
      prisma,
      [a, b, c, g, d, e].map((x) => x.patient.id),
    );

    history.push(
      { implant: addMonths(today, -70), explant: null, refills: a.refills },
      { implant: addMonths(today, -96), explant: null, refills: b.refills },
      { implant: addMonths(today, -5), explant: null, refills: [] },
      { implant: addMonths(today, -30), explant: tenth(-6), refills: g.refills },
    );
    pumpIds = { a: a.pump.id, b: b.pump.id, c: c.pump.id };
    lastFill = { a: addDays(today, -10), b: addDays(today, -40) };
    const rows = await prisma.pumpSchedule.findMany({ where: { siteId: site.id } });
    schedule = new Map(
      rows.map((row) => [
        row.pumpId,
        {
          refillDue: row.refillDueDate?.toISOString().slice(0, 10) ?? null,
          recommended: row.batteryRecommended.toISOString().slice(0, 10),
        },
      ]),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it('has a worklist row for each implanted pump of a patient in care, with the engine dates the test expects', () => {
    expect([...schedule.keys()].sort()).toEqual([pumpIds.a, pumpIds.b, pumpIds.c].sort());
    // The worked example: alarm 30 days after the fill, due 4 days before it.
    expect(schedule.get(pumpIds.a)?.refillDue).toBe(addDays(lastFill.a as CalendarDate, CYCLE_DAYS));
    expect(schedule.get(pumpIds.b)?.refillDue).toBe(addDays(lastFill.b as CalendarDate, CYCLE_DAYS));
    expect(schedule.get(pumpIds.c)?.refillDue).toBeNull();
    expect(month(schedule.get(pumpIds.a)?.recommended ?? '')).toBe(month(monthStart(8)));
    expect(schedule.get(pumpIds.c)?.recommended).toBe(addDays(today, -3));
  });

  it('caseload: patients by status, diagnosis and site, with implanted pumps; the CSV holds the same', async () => {
    const report = await json('caseload', caseloadReportSchema);
    expect(report.parameters).toEqual({ siteId });
    expect(report.referenceDate).toBe(today);
    expect(Date.now() - Date.parse(report.generatedAt)).toBeLessThan(60_000);
    expect(report.totals).toEqual({ patients: 5, implantedPumps: 3 });
    const byStatus = Object.fromEntries(
      report.byStatus.map((row) => [row.status, [row.patients, row.implantedPumps]]),
    );
    expect(byStatus).toEqual({
      candidate: [1, 0],
      trial: [0, 0],
      active: [3, 3],
      inactive: [0, 0],
      explanted: [1, 0],
      deceased: [0, 0],
      transferred: [0, 0],
    });
    const byDiagnosis = Object.fromEntries(
      report.byDiagnosis.map((row) => [row.diagnosis, [row.patients, row.implantedPumps]]),
    );
    expect(byDiagnosis).toEqual({
      multiple_sclerosis: [1, 1],
      spinal_cord_injury: [1, 1],
      cerebral_palsy: [1, 1],
      stroke: [1, 0],
      brain_injury: [0, 0],
      other: [1, 0],
    });
    expect(report.bySite).toEqual([
      { siteId, siteName: expect.any(String) as string, patients: 5, implantedPumps: 3 },
    ]);

    const [header, ...rows] = await csv('caseload');
    expect(header).toEqual(['Group', 'Key', 'Label', 'Patients', 'Implanted pumps']);
    expect(rows).toEqual([
      ...report.byStatus.map((row) => [
        'status',
        row.status,
        row.label,
        `${row.patients}`,
        `${row.implantedPumps}`,
      ]),
      ...report.byDiagnosis.map((row) => [
        'diagnosis',
        row.diagnosis,
        row.label,
        `${row.patients}`,
        `${row.implantedPumps}`,
      ]),
      ['site', siteId, report.bySite[0]?.siteName, '5', '3'],
      ['total', 'total', 'All patients', '5', '3'],
    ]);
  });

  it('caseload without a filter lists every site, this one with the same numbers', async () => {
    const response = await get('/api/reports/caseload');
    expect(response.statusCode).toBe(200);
    const report = caseloadReportSchema.parse(response.json());
    expect(report.parameters).toEqual({ siteId: null });
    expect(report.bySite.find((row) => row.siteId === siteId)).toMatchObject({
      patients: 5,
      implantedPumps: 3,
    });
    expect(report.totals.patients).toBeGreaterThanOrEqual(6);
  });

  it('refills per month: recorded over 24 full months and this one, forecast from the due dates', async () => {
    const report = await json('refills-per-month', refillsPerMonthReportSchema);
    const months = Array.from({ length: 36 }, (_, index) => month(monthStart(index - 24)));
    expect(report.months.map((row) => row.month)).toEqual(months);

    const recorded = new Map<string, number>();
    const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
    // A's refill of M − 25 is before the window; D (deleted) and the other site's refill never count.
    for (const day of [
      tenth(-24),
      tenth(-3),
      tenth(-3),
      addDays(today, -10),
      addDays(today, -40),
      tenth(-8),
    ]) {
      count(recorded, month(day));
    }
    // Forecast: A due in 16 days then every 26 days; B overdue (today), then every 26 days; C has no due date.
    const forecast = new Map<string, number>();
    const end = monthStart(12);
    for (const first of [addDays(today, 16), today]) {
      for (let day = first; day < end; day = addDays(day, CYCLE_DAYS)) count(forecast, month(day));
    }
    expect(report.months).toEqual(
      months.map((m, index) => ({
        month: m,
        recorded: index <= 24 ? (recorded.get(m) ?? 0) : null,
        forecast: index >= 24 ? (forecast.get(m) ?? 0) : null,
      })),
    );
    // Spot checks that do not lean on the loops above.
    expect(report.months[0]).toEqual({ month: month(monthStart(-24)), recorded: 1, forecast: null });
    expect(report.months.find((row) => row.month === month(monthStart(-3)))?.recorded).toBe(2);
    expect(report.months[24]?.forecast).toBeGreaterThanOrEqual(1);
    const totalForecast = report.months.reduce((sum, row) => sum + (row.forecast ?? 0), 0);
    expect(totalForecast).toBe(
      Math.floor((daysBetween(addDays(today, 16), end) - 1) / CYCLE_DAYS) +
        1 +
        Math.floor((daysBetween(today, end) - 1) / CYCLE_DAYS) +
        1,
    );

    const [header, ...rows] = await csv('refills-per-month');
    expect(header).toEqual(['Month', 'Recorded refills', 'Forecast refills']);
    expect(rows).toEqual(
      report.months.map((row) => [row.month, csvText(row.recorded), csvText(row.forecast)]),
    );
  });

  it('battery replacements: 24 months from this one, overdue ones (ERI, recommended date passed) now', async () => {
    const report = await json('battery-replacements', batteryReplacementsReportSchema);
    expect(report.overdueNow).toBe(2);
    expect(report.months).toHaveLength(24);
    expect(report.months.map((row) => row.month)).toEqual(
      Array.from({ length: 24 }, (_, index) => month(monthStart(index))),
    );
    const expected = report.months.map((row) => {
      if (row.month === month(today)) return { ...row, replacements: 2, overdue: 2 };
      if (row.month === month(monthStart(8))) return { ...row, replacements: 1, overdue: 0 };
      return { ...row, replacements: 0, overdue: 0 };
    });
    expect(report.months).toEqual(expected);

    const [header, ...rows] = await csv('battery-replacements');
    expect(header).toEqual(['Month', 'Replacements', 'Of which overdue now']);
    expect(rows).toEqual(report.months.map((row) => [row.month, `${row.replacements}`, `${row.overdue}`]));
  });

  it('follow-up compliance: reviewed within the interval, never reviewed counted apart', async () => {
    const report = await json('follow-up-compliance', followUpComplianceReportSchema);
    const counts = { patients: 3, compliant: 1, notCompliant: 2, neverReviewed: 1, compliantShare: 0.3333 };
    expect(report.overall).toEqual(counts);
    expect(report.bySite).toEqual([{ siteId, siteName: expect.any(String) as string, ...counts }]);
    expect(report.reviewIntervalDays).toBeGreaterThanOrEqual(30);

    const [header, ...rows] = await csv('follow-up-compliance');
    expect(header).toEqual([
      'Site id',
      'Site',
      'Review interval (days)',
      'Patients with a pump',
      'Compliant',
      'Not compliant',
      'Never reviewed',
      'Compliant share',
    ]);
    const interval = `${report.reviewIntervalDays}`;
    expect(rows).toEqual([
      ['', 'All sites', interval, '3', '1', '2', '1', '0.3333'],
      [siteId, report.bySite[0]?.siteName, interval, '3', '1', '2', '1', '0.3333'],
    ]);
  });

  it('overdue over time: the past 12 month-ends and today, from the due dates stored at each refill', async () => {
    const report = await json('overdue-over-time', overdueOverTimeReportSchema);
    const days = [...Array.from({ length: 12 }, (_, index) => addDays(monthStart(index - 11), -1)), today];
    expect(report.points.map((point) => [point.date, point.kind])).toEqual(
      days.map((day, index) => [day, index < 12 ? 'month_end' : 'today']),
    );
    const expected = days.map((day) => {
      let implantedPumps = 0;
      let overdue = 0;
      let noRefillRecorded = 0;
      for (const pump of history) {
        if (pump.implant > day || (pump.explant !== null && pump.explant <= day)) continue;
        implantedPumps += 1;
        const latest = pump.refills.filter((refill) => refill.day <= day).at(-1);
        if (!latest) noRefillRecorded += 1;
        else if (latest.due < day) overdue += 1;
      }
      return { implantedPumps, overdue, noRefillRecorded };
    });
    expect(
      report.points.map(({ implantedPumps, overdue, noRefillRecorded }) => ({
        implantedPumps,
        overdue,
        noRefillRecorded,
      })),
    ).toEqual(expected);
    // Today: A is within its cycle, B is 14 days overdue, C has never been refilled, G is explanted.
    expect(report.points.at(-1)).toEqual({
      date: today,
      kind: 'today',
      implantedPumps: 3,
      overdue: 1,
      noRefillRecorded: 1,
    });
    // The end of M − 7: A past the due date of its refill of M − 24, G past the one of its refill on the
    // 10th of M − 8, B not refilled yet, C not implanted yet.
    expect(report.points[5]).toEqual({
      date: addDays(monthStart(-6), -1),
      kind: 'month_end',
      implantedPumps: 3,
      overdue: 2,
      noRefillRecorded: 1,
    });

    const [header, ...rows] = await csv('overdue-over-time');
    expect(header).toEqual(['Date', 'Point', 'Implanted pumps', 'Overdue', 'No refill recorded']);
    expect(rows).toEqual(
      report.points.map((point) => [
        point.date,
        point.kind,
        `${point.implantedPumps}`,
        `${point.overdue}`,
        `${point.noRefillRecorded}`,
      ]),
    );
  });

  it('refills per clinician: per user and month over 12 full months and this one; names quoted in the CSV', async () => {
    const report = await json('refills-per-clinician', refillsPerClinicianReportSchema);
    expect(report.months).toEqual(Array.from({ length: 13 }, (_, index) => month(monthStart(index - 12))));
    const perUser = (userId: string, days: string[]) => {
      const counts = new Map<string, number>();
      for (const day of days) counts.set(month(day), (counts.get(month(day)) ?? 0) + 1);
      return [...counts].sort().map(([m, refills]) => ({ userId, month: m, refills }));
    };
    const expected = [
      ...perUser(ids.nurse1, [tenth(-3), tenth(-3), addDays(today, -10)]).map((row) => ({
        ...row,
        name: names.nurse1,
        role: 'nurse',
      })),
      ...perUser(ids.nurse2, [addDays(today, -40), tenth(-8)]).map((row) => ({
        ...row,
        name: names.nurse2,
        role: 'nurse',
      })),
    ].sort((x, y) => (x.name === y.name ? x.month.localeCompare(y.month) : x.name < y.name ? -1 : 1));
    expect(
      [...report.rows].sort((x, y) =>
        x.name === y.name ? x.month.localeCompare(y.month) : x.name < y.name ? -1 : 1,
      ),
    ).toEqual(expected);
    expect(report.rows.reduce((sum, row) => sum + row.refills, 0)).toBe(5);

    const [header, ...rows] = await csv('refills-per-clinician');
    expect(header).toEqual(['User id', 'Name', 'Role', 'Month', 'Refills']);
    expect(rows).toEqual(
      report.rows.map((row) => [row.userId, row.name, row.role, row.month, `${row.refills}`]),
    );
    expect(rows.some((row) => row[1] === names.nurse2)).toBe(true);
  });

  it('refuses a malformed siteId or an unknown parameter with a 400 problem naming the field', async () => {
    for (const path of ['caseload', 'refills-per-month.csv', 'overdue-over-time']) {
      for (const [query, field] of [
        ['siteId=not-a-uuid', 'siteId'],
        [`siteId=${siteId}&month=2026-01`, 'querystring'],
      ] as const) {
        const response = await get(`/api/reports/${path}?${query}`);
        expect(response.statusCode, `${path}?${query}`).toBe(400);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        const problem = problemSchema.parse(response.json());
        expect(problem.errors?.map((error) => error.path).join(' ')).toContain(field);
      }
    }
  });

  it('answers 404 for a site that does not exist, JSON and CSV', async () => {
    for (const path of ['battery-replacements', 'follow-up-compliance.csv']) {
      const response = await get(`/api/reports/${path}?siteId=0190a8e4-0000-7000-8000-000000000000`);
      expect(response.statusCode, path).toBe(404);
      expect(problemSchema.parse(response.json()).code).toBe('NOT_FOUND');
    }
  });
});
