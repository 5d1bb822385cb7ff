import {
  assessPatient,
  calendarDateToUtcDate,
  parseCalendarDate,
  parseClinicSettings,
  toCalendarDate,
} from '@pumpdesk/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPatientAssessmentInput } from '../assessment/engine-inputs.ts';
import { type Database } from '../database-factory.ts';
import { createIsolatedTestDatabase } from '../testing/isolated-database.ts';
import { clearClinicData } from './clear-clinic-data.ts';
import { databaseHasData, seedDemoClinic } from './demo-clinic.ts';
import { pumpCatalogue, seedPumpModels } from './pump-catalogue.ts';
import { demoNow } from './site-clock.ts';
import { type DemoSummary } from './summary.ts';
import { TODAY_STATES, type TodayState, todayStatesOf } from './today-states.ts';

// The demo writes fixed site names, e-mails and the organisation row, so it needs a database of its
// own (never the run's shared one).
const openOwnDatabase = createIsolatedTestDatabase;

const today = parseCalendarDate('2026-11-25');

async function count(db: Database, table: string): Promise<number> {
  const rows = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
  return rows[0]?.n ?? -1;
}

describe('seedDemoClinic into a database', () => {
  let own: Awaited<ReturnType<typeof openOwnDatabase>>;
  let summary: DemoSummary;

  beforeAll(async () => {
    own = await openOwnDatabase();
    expect(await databaseHasData(own.db.prisma)).toBe(false);
    summary = await seedDemoClinic(own.db.prisma, { patients: 60, today });
  });
  afterAll(async () => {
    await own.close();
  });

  it('writes what the summary says', async () => {
    const { db } = own;
    expect(await databaseHasData(db.prisma)).toBe(true);
    expect(await count(db, 'patients')).toBe(60);
    expect(await count(db, 'sites')).toBe(summary.sites);
    expect(await count(db, 'users')).toBe(summary.users);
    expect(await count(db, 'pumps')).toBe(summary.pumps);
    expect(await count(db, 'dose_programs')).toBe(summary.dosePrograms);
    expect(await count(db, 'refills')).toBe(summary.refills);
    expect(await count(db, 'pump_interrogations')).toBe(summary.interrogations);
    expect(await count(db, 'follow_up_visits')).toBe(summary.followUpVisits);
    expect(await count(db, 'trials')).toBe(summary.trials);
    expect(await count(db, 'appointments')).toBe(summary.appointments);
    const organisation = await db.prisma.organisation.findUniqueOrThrow({ where: { id: 1 } });
    expect(organisation.settings).toEqual({});
  });

  it('stores the states the dashboard will query: overdue refills, battery windows, soft deletes', async () => {
    const { db } = own;
    const overdue = await db.prisma.pumpSchedule.count({
      where: {
        refillDueDate: { lt: new Date(`${today}T00:00:00Z`) },
        patient: { status: 'active', deletedAt: null },
      },
    });
    expect(overdue).toBe(
      summary.states.refillOverdue + summary.states.refillPastAlarm + summary.states.refillEmpty,
    );
    expect(
      await db.prisma.pump.count({ where: { eriReportedDate: { not: null }, status: 'implanted' } }),
    ).toBeGreaterThan(0);
    expect(await db.prisma.patient.count({ where: { deletedAt: { not: null } } })).toBe(
      summary.softDeletedPatients,
    );
    const pump = await db.prisma.pump.findFirstOrThrow({
      where: { status: 'implanted', schedule: { refillDueDate: { not: null } } },
    });
    expect(() => toCalendarDate(pump.implantDate)).not.toThrow();
  });

  it('gives the same engine assessment when read back from the database (Prisma rows, Decimals)', async () => {
    const { prisma } = own.db;
    const organisation = await prisma.organisation.findUniqueOrThrow({ where: { id: 1 } });
    const settings = parseClinicSettings(organisation.settings);
    // What the API will read for a worklist: the implanted pump with its model, programs and refills.
    const patients = await prisma.patient.findMany({
      where: { status: 'active', deletedAt: null },
      include: {
        site: { select: { timeZone: true } },
        followUpVisits: true,
        appointments: true,
        pumps: {
          where: { status: 'implanted' },
          include: {
            model: true,
            dosePrograms: { include: { steps: true, boluses: true } },
            refills: { orderBy: { performedAt: 'desc' }, take: 1 },
            schedule: true,
          },
        },
      },
    });
    const counts = Object.fromEntries(TODAY_STATES.map((state) => [state, 0])) as Record<TodayState, number>;
    let pumpsChecked = 0;
    for (const { pumps, followUpVisits, appointments, site, ...patient } of patients) {
      const pump = pumps[0];
      if (!pump) continue;
      const assessment = assessPatient(
        toPatientAssessmentInput(
          { patient, pump, followUpVisits, appointments },
          { now: demoNow(today, site.timeZone), timeZone: site.timeZone, settings },
        ),
      );
      for (const state of todayStatesOf(assessment)) counts[state]++;
      // The worklist row holds the engine's dates, to the millisecond.
      const projection = assessment.refill?.projection;
      expect(projection?.kind).toBe('projected');
      if (projection?.kind !== 'projected' || !assessment.refill?.due || !assessment.battery) continue;
      expect(pump.schedule?.alarmAt).toEqual(projection.alarmAt);
      expect(pump.schedule?.emptyAt).toEqual(projection.emptyAt);
      expect(pump.schedule?.refillDueDate).toEqual(calendarDateToUtcDate(assessment.refill.due.dueDate));
      expect(pump.schedule?.batteryRecommended).toEqual(
        calendarDateToUtcDate(assessment.battery.recommendedReplacement),
      );
      pumpsChecked++;
    }
    expect(pumpsChecked).toBe(summary.patientsByStatus.active);
    expect(counts).toEqual(summary.states);
  });

  it('keeps the pump catalogue idempotent', async () => {
    await seedPumpModels(own.db.prisma);
    await seedPumpModels(own.db.prisma);
    expect(await count(own.db, 'pump_models')).toBe(pumpCatalogue.length);
  });

  it('--force path: clears clinic data, keeps the catalogue and the append-only guard, seeds again', async () => {
    const { db } = own;
    await clearClinicData(db.sql);
    expect(await databaseHasData(db.prisma)).toBe(false);
    expect(await count(db, 'dose_programs')).toBe(0);
    expect(await count(db, 'pump_models')).toBe(pumpCatalogue.length);
    const again = await seedDemoClinic(db.prisma, { patients: 60, today });
    expect(again).toEqual(summary);
    await expect(db.sql.query('DELETE FROM "dose_programs"')).rejects.toThrow(/append-only/);
  });
});
