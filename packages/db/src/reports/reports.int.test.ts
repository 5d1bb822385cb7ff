import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Principal } from '../access/principal.ts';
import { type Database } from '../database-factory.ts';
import { refreshPumpSchedules } from '../schedule/refresh-pump-schedules.ts';
import {
  createTestPatient,
  createTestPump,
  createTestPumpModel,
  createTestRefill,
  createTestSimpleProgram,
  createTestSite,
  createTestUser,
} from '../testing/clinic-factories.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { overdueOverTimeReport } from './overdue-over-time-report.ts';
import { refillsPerClinicianReport } from './refills-per-clinician-report.ts';
import { refillsPerMonthReport } from './refills-per-month-report.ts';
import { RecordNotFoundError } from '../repositories/errors.ts';

// Months and days in the site's zone, with a fixed clock. The site is in Auckland (UTC+13 in
// summer): at 12:00 UTC on 30 November it is already 1 December there, so the current month is
// December, and refills recorded late in a UTC day fall on the next local day (and month).

const NOW = new Date('2026-11-30T12:00:00.000Z');
const day = (date: string) => new Date(`${date}T00:00:00.000Z`);

let db: Database;
let siteId: string;
let nurseId: string;
/** A manager at the Auckland site: reports count only the reader's sites. */
let manager: Principal;

beforeAll(async () => {
  db = await createTestDatabase();
  const prisma = db.prisma;
  const site = await createTestSite(prisma, { timeZone: 'Pacific/Auckland' });
  siteId = site.id;
  const physician = await createTestUser(prisma, [site.id]);
  const nurse = await createTestUser(prisma, [site.id], { role: 'nurse', name: 'Nurse Auckland' });
  nurseId = nurse.id;
  const managerUser = await createTestUser(prisma, [site.id], { role: 'manager' });
  manager = {
    userId: managerUser.id,
    name: managerUser.name,
    role: 'manager',
    allSites: false,
    siteIds: [site.id],
    requestId: null,
    clientAddress: null,
  };
  const model = await createTestPumpModel(prisma, 20);
  const patient = await createTestPatient(prisma, { siteId: site.id });
  const pump = await createTestPump(prisma, {
    patientId: patient.id,
    modelId: model.id,
    implantDate: '2020-01-15',
  });
  await createTestSimpleProgram(prisma, {
    pumpId: pump.id,
    programmedById: physician.id,
    effectiveFrom: new Date('2020-01-15T00:00:00.000Z'),
    doseMcgPerDay: 300,
    concentrationMcgPerMl: 500,
  });
  // [instant, stored due date]: local days 30 Nov 2024 (23:59), 1 Dec 2024 (00:00), 1 Nov 2026 (00:30),
  // 30 Nov 2026 (23:00).
  for (const [performedAt, due] of [
    ['2024-11-30T10:59:00.000Z', '2024-12-26'],
    ['2024-11-30T11:00:00.000Z', '2024-12-27'],
    ['2026-10-31T11:30:00.000Z', '2026-11-27'],
    ['2026-11-30T10:00:00.000Z', '2026-12-26'],
  ] as const) {
    const refill = await createTestRefill(prisma, {
      pumpId: pump.id,
      performedById: nurse.id,
      performedAt: new Date(performedAt),
      volumeAfterMl: 20,
      concentrationMcgPerMl: 500,
    });
    await prisma.refill.update({ where: { id: refill.id }, data: { dueDateSnapshot: day(due) } });
  }
  await refreshPumpSchedules(prisma, [patient.id]);
});
afterAll(async () => {
  await db.close();
});

describe('reports in the site calendar', () => {
  it('counts recorded refills in local months and forecasts every 26 days from the due date', async () => {
    const schedule = await db.prisma.pumpSchedule.findFirstOrThrow({ where: { siteId } });
    // Alarm 30 days after the fill of 30 Nov (local), due 4 days before it.
    expect(schedule.refillDueDate).toEqual(day('2026-12-26'));

    const report = await refillsPerMonthReport(db.prisma, {
      now: NOW,
      siteId,
      principal: manager,
      format: 'json',
    });
    expect(report.referenceDate).toBe('2026-12-01');
    expect(report.generatedAt).toBe(NOW.toISOString());
    expect(report.months[0]?.month).toBe('2024-12');
    expect(report.months.at(-1)?.month).toBe('2027-11');
    const nonZero = report.months.filter((row) => row.recorded || row.forecast);
    expect(nonZero).toEqual([
      // 23:59 on 30 Nov 2024 is before the window; midnight on 1 Dec 2024 is its first minute.
      { month: '2024-12', recorded: 1, forecast: null },
      // Both fills of (local) November 2026; nothing in October although one was 31 October in UTC.
      { month: '2026-11', recorded: 2, forecast: null },
      // 26 Dec 2026, then every 26 days: 21 Jan, 16 Feb, 14 Mar, 9 Apr, 5 and 31 May, 26 Jun, 22 Jul,
      // 17 Aug, 12 Sep, 8 Oct, 3 and 29 Nov 2027.
      { month: '2026-12', recorded: 0, forecast: 1 },
      ...['01', '02', '03', '04'].map((m) => ({ month: `2027-${m}`, recorded: null, forecast: 1 })),
      { month: '2027-05', recorded: null, forecast: 2 },
      ...['06', '07', '08', '09', '10'].map((m) => ({ month: `2027-${m}`, recorded: null, forecast: 1 })),
      { month: '2027-11', recorded: null, forecast: 2 },
    ]);
  });

  it('judges each past day by the latest refill of that local day or before', async () => {
    const report = await overdueOverTimeReport(db.prisma, {
      now: NOW,
      siteId,
      principal: manager,
      format: 'json',
    });
    expect(report.points.map((point) => [point.date, point.overdue])).toEqual([
      ['2025-12-31', 1],
      ['2026-01-31', 1],
      ['2026-02-28', 1],
      ['2026-03-31', 1],
      ['2026-04-30', 1],
      ['2026-05-31', 1],
      ['2026-06-30', 1],
      ['2026-07-31', 1],
      ['2026-08-31', 1],
      ['2026-09-30', 1],
      // The fill at 00:30 on 1 November (local) is not yet on record on 31 October.
      ['2026-10-31', 1],
      // The fill at 23:00 on 30 November counts that day: due 26 December.
      ['2026-11-30', 0],
      ['2026-12-01', 0],
    ]);
    expect(new Set(report.points.map((point) => point.implantedPumps))).toEqual(new Set([1]));
  });

  it('counts refills per clinician in local months over 12 full months and this one', async () => {
    const report = await refillsPerClinicianReport(db.prisma, {
      now: NOW,
      siteId,
      principal: manager,
      format: 'json',
    });
    expect(report.months[0]).toBe('2025-12');
    expect(report.months.at(-1)).toBe('2026-12');
    expect(report.rows).toEqual([
      { userId: nurseId, name: 'Nurse Auckland', role: 'nurse', month: '2026-11', refills: 2 },
    ]);
  });

  it('refuses a site that does not exist', async () => {
    await expect(
      refillsPerMonthReport(db.prisma, {
        now: NOW,
        siteId: '0190a8e4-0000-7000-8000-000000000000',
        principal: { ...manager, allSites: true },
        format: 'json',
      }),
    ).rejects.toBeInstanceOf(RecordNotFoundError);
  });
});
