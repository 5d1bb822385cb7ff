import {
  assessPatient,
  compareWorklistPriority,
  parseCalendarDate,
  parseClinicSettings,
  type PatientAssessment,
  type WorklistKey,
} from '@pumpdesk/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutOfScopeError, type Principal } from '../access/principal.ts';
import { toPatientAssessmentInput } from '../assessment/engine-inputs.ts';
import { type Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { latestInterrogationEngineSelect } from '../repositories/engine-selects.ts';
import { rebuildPumpSchedules, refreshPumpSchedules } from '../schedule/refresh-pump-schedules.ts';
import { seedDemoClinic } from '../seed/demo-clinic.ts';
import { demoNow } from '../seed/site-clock.ts';
import { createTestUser } from '../testing/clinic-factories.ts';
import { createIsolatedTestDatabase } from '../testing/isolated-database.ts';
import { batteryWorklist, batteryWorklistArguments } from './battery-worklist.ts';
import { followUpWorklist, followUpWorklistArguments } from './follow-up-worklist.ts';
import { refillWorklist, refillWorklistArguments } from './refill-worklist.ts';
import { runWorklistWith } from './run-worklist.ts';

// The worklists read statuses off the stored schedule with SQL; the patient page runs the engine on
// the records. Over the demo clinic on several days, both must say the same for every patient, and
// each list must come in the engine's priority order.

const today = parseCalendarDate('2026-11-25');
const DAY_MS = 86_400_000;
/** Long enough that every entry of the demo (due dates, battery dates, reviews) is listed. */
const HORIZON = 730;

let own: Awaited<ReturnType<typeof createIsolatedTestDatabase>>;
let prisma: PrismaClient;
/** A nurse at every site: the lists below are the whole clinic's. */
let reader: Principal;

function principalOf(user: { id: string; name: string }, siteIds: string[] | null): Principal {
  return {
    userId: user.id,
    name: user.name,
    role: 'nurse',
    allSites: siteIds === null,
    siteIds: siteIds ?? [],
    requestId: null,
    clientAddress: null,
  };
}

beforeAll(async () => {
  own = await createIsolatedTestDatabase();
  prisma = own.db.prisma;
  await seedDemoClinic(prisma, { patients: 120, today });
  reader = principalOf(await createTestUser(prisma, [], { role: 'nurse', allSites: true }), null);
}, 120_000);
afterAll(async () => {
  await own.close();
});

async function engineByPatient(now: Date): Promise<Map<string, PatientAssessment>> {
  const organisation = await prisma.organisation.findUniqueOrThrow({ where: { id: 1 } });
  const settings = parseClinicSettings(organisation.settings);
  const patients = await prisma.patient.findMany({
    where: { deletedAt: null, status: { notIn: ['deceased', 'transferred'] } },
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
          interrogations: latestInterrogationEngineSelect,
        },
      },
    },
  });
  const result = new Map<string, PatientAssessment>();
  for (const { pumps, followUpVisits, appointments, site, ...patient } of patients) {
    const pump = pumps[0];
    if (!pump) continue;
    result.set(
      patient.id,
      assessPatient(
        toPatientAssessmentInput(
          { patient, pump, followUpVisits, appointments },
          { now, timeZone: site.timeZone, settings },
        ),
      ),
    );
  }
  return result;
}

async function everyPage<T extends { patient: { id: string } }>(
  read: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return all;
}

const base = { limit: 37, horizonDays: HORIZON } as const;

describe.each([0, 20, 75, 400])('the worklists %i days after the demo day', (days) => {
  it('agree with the engine for every patient, in the engine’s priority order', async () => {
    // The demo's sites share one "now" at the demo minute; a later day moves every site.
    await expectWorklistsToMatchEngine(new Date(demoNow(today, 'Europe/London').getTime() + days * DAY_MS));
  }, 60_000);
});

describe('the worklists on the days a status changes', () => {
  it('agree with the engine on and after each threshold of a few pumps', async () => {
    // One pump's thresholds, each as a day on which to compare: the status flips between the day
    // itself and the next, where an off-by-one in the SQL would show. Only days from the demo's today
    // on: before it, records written "later" (visits, refills) would already count.
    const todayDate = today as string;
    const rows = await prisma.$queryRaw<{ day: Date; time_zone: string }[]>`
      SELECT d.day, si.time_zone FROM (
        (SELECT site_id, refill_due_date AS day FROM pump_schedules WHERE refill_due_date >= ${todayDate}::date ORDER BY pump_id LIMIT 2)
        UNION ALL (SELECT site_id, due_soon_from FROM pump_schedules WHERE due_soon_from >= ${todayDate}::date ORDER BY pump_id DESC LIMIT 1)
        UNION ALL (SELECT site_id, upcoming_from FROM pump_schedules WHERE upcoming_from >= ${todayDate}::date ORDER BY patient_id LIMIT 1)
        UNION ALL (SELECT site_id, battery_recommended FROM pump_schedules WHERE battery_recommended >= ${todayDate}::date ORDER BY battery_recommended LIMIT 1)
        UNION ALL (SELECT site_id, battery_window_start FROM pump_schedules WHERE battery_window_start >= ${todayDate}::date ORDER BY battery_window_start LIMIT 1)
        UNION ALL (SELECT site_id, battery_approaching_from FROM pump_schedules WHERE battery_approaching_from >= ${todayDate}::date ORDER BY pump_id LIMIT 1)
        UNION ALL (SELECT site_id, next_review_due FROM pump_schedules WHERE next_review_due >= ${todayDate}::date ORDER BY pump_id LIMIT 1)
        UNION ALL (SELECT site_id, review_due_soon_from FROM pump_schedules WHERE review_due_soon_from >= ${todayDate}::date ORDER BY patient_id LIMIT 1)
      ) d JOIN sites si ON si.id = d.site_id`;
    expect(rows.length).toBe(9);
    for (const { day, time_zone } of rows) {
      const date = parseCalendarDate(day.toISOString().slice(0, 10));
      for (const offset of [0, 1]) {
        await expectWorklistsToMatchEngine(new Date(demoNow(date, time_zone).getTime() + offset * DAY_MS));
      }
    }
  }, 120_000);
});

async function expectWorklistsToMatchEngine(now: Date): Promise<void> {
  {
    const engine = await engineByPatient(now);
    expect(engine.size).toBeGreaterThan(50);

    const refills = await everyPage((cursor) => refillWorklist(prisma, reader, { ...base, cursor }, now));
    const batteries = await everyPage((cursor) => batteryWorklist(prisma, reader, { ...base, cursor }, now));
    const followUps = await everyPage((cursor) => followUpWorklist(prisma, reader, { ...base, cursor }, now));

    const listed = <T extends { patient: { id: string } }>(entries: T[]) =>
      new Map(entries.map((e) => [e.patient.id, e]));
    const refillById = listed(refills);
    const batteryById = listed(batteries);
    const followUpById = listed(followUps);
    expect(refillById.size).toBe(refills.length);

    for (const [patientId, assessment] of engine) {
      const refill = refillById.get(patientId);
      if (refill) {
        expect(refill.status, patientId).toBe(assessment.refill?.status);
        expect(refill.dueDate).toBe(assessment.refill?.due?.dueDate ?? null);
        expect(refill.noAppointmentByDueDate).toBe(
          assessment.findings.some((finding) => finding.code === 'NO_APPOINTMENT_BY_DUE_DATE'),
        );
      } else {
        expect(assessment.refill?.status, patientId).toBe('ok');
      }
      const battery = batteryById.get(patientId);
      if (battery) {
        expect(battery.status, patientId).toBe(assessment.battery?.status);
        expect(battery.pastEstimatedEnd).toBe(assessment.battery?.pastEstimatedEnd);
        expect(battery.recommendedReplacement).toBe(assessment.battery?.recommendedReplacement);
      } else {
        expect(assessment.battery?.status, patientId).toBe('ok');
      }
      const followUp = followUpById.get(patientId);
      if (followUp) {
        expect(followUp.status, patientId).toBe(assessment.followUp?.status);
        expect(followUp.nextReviewDue).toBe(assessment.followUp?.nextReviewDue);
      } else {
        expect(['ok', undefined]).toContain(assessment.followUp?.status);
      }
    }

    // Sorted by the engine's comparison (urgency, high-risk first, date, then patient id).
    const key = (entry: {
      urgency: (typeof refills)[number]['urgency'];
      highRisk: boolean;
      patient: { id: string };
      date: string | null;
    }): WorklistKey => ({
      urgency: entry.urgency,
      highRisk: entry.highRisk,
      date: entry.date === null ? null : parseCalendarDate(entry.date),
      tiebreak: entry.patient.id,
    });
    const isSorted = (keys: WorklistKey[]) =>
      keys.every((k, i) => i === 0 || compareWorklistPriority(keys[i - 1] as WorklistKey, k) <= 0);
    expect(isSorted(refills.map((e) => key({ ...e, date: e.criticalSince ?? e.dueDate })))).toBe(true);
    expect(
      isSorted(batteries.map((e) => key({ ...e, date: e.endOfService ?? e.recommendedReplacement }))),
    ).toBe(true);
    expect(isSorted(followUps.map((e) => key({ ...e, date: e.nextReviewDue })))).toBe(true);
  }
}

describe('the worklist filters', () => {
  const now = demoNow(today, 'Europe/London');

  it('lists only what needs attention without a horizon, and each status filter narrows it', async () => {
    const all = await everyPage((cursor) => refillWorklist(prisma, reader, { limit: 200, cursor }, now));
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((entry) => entry.status !== 'ok')).toBe(true);
    const overdue = await everyPage((cursor) =>
      refillWorklist(prisma, reader, { limit: 200, cursor, status: ['overdue'] }, now),
    );
    expect(overdue.map((e) => e.patient.id)).toEqual(
      all.filter((e) => e.status === 'overdue').map((e) => e.patient.id),
    );
    const unbooked = await everyPage((cursor) =>
      refillWorklist(prisma, reader, { limit: 200, cursor, noAppointment: true }, now),
    );
    expect(unbooked.map((e) => e.patient.id)).toEqual(
      all.filter((e) => e.noAppointmentByDueDate).map((e) => e.patient.id),
    );
  });

  it('filters by site and by physician', async () => {
    const all = await everyPage((cursor) => refillWorklist(prisma, reader, { limit: 200, cursor }, now));
    const first = all[0];
    if (!first) throw new Error('the demo has refills to do');
    const atSite = await everyPage((cursor) =>
      refillWorklist(prisma, reader, { limit: 200, cursor, siteId: first.site.id }, now),
    );
    expect(atSite.length).toBeGreaterThan(0);
    expect(atSite.map((e) => e.patient.id)).toEqual(
      all.filter((e) => e.site.id === first.site.id).map((e) => e.patient.id),
    );
    // A nurse of that site alone sees the same rows without a filter, and no other site's.
    const local = principalOf(await createTestUser(prisma, [first.site.id], { role: 'nurse' }), [
      first.site.id,
    ]);
    const theirSite = await everyPage((cursor) => refillWorklist(prisma, local, { limit: 200, cursor }, now));
    expect(theirSite.map((e) => e.patient.id)).toEqual(atSite.map((e) => e.patient.id));
    const other = all.find((e) => e.site.id !== first.site.id);
    if (other) {
      await expect(
        refillWorklist(prisma, local, { limit: 10, siteId: other.site.id }, now),
      ).rejects.toBeInstanceOf(OutOfScopeError);
    }
    const physician = all.find((e) => e.responsiblePhysician)?.responsiblePhysician;
    if (!physician) throw new Error('the demo assigns physicians');
    const theirs = await everyPage((cursor) =>
      refillWorklist(prisma, reader, { limit: 200, cursor, physicianId: physician.id }, now),
    );
    expect(theirs.map((e) => e.patient.id)).toEqual(
      all.filter((e) => e.responsiblePhysician?.id === physician.id).map((e) => e.patient.id),
    );
  });

  it('reads the same pages through the urgent shortcut as through the whole list', async () => {
    const execute = (sql: Prisma.Sql) => prisma.$queryRaw<{ rank: number; patient_id: string }[]>(sql);
    const lists = [
      (query: { limit: number; horizonDays?: number }) => refillWorklistArguments(query, now),
      (query: { limit: number; horizonDays?: number }) => batteryWorklistArguments(query, now),
      (query: { limit: number; horizonDays?: number }) => followUpWorklistArguments(query, now),
    ];
    let shortcutsTaken = 0;
    for (const argumentsOf of lists) {
      for (const query of [
        { limit: 1 },
        { limit: 3 },
        { limit: 12 },
        { limit: 200 },
        { limit: 5, horizonDays: 60 },
      ]) {
        const [spec, filters, page] = argumentsOf(query);
        const withShortcut = await runWorklistWith(execute, spec, filters, page);
        const whole = await runWorklistWith(execute, { ...spec, urgent: undefined }, filters, page);
        expect(withShortcut.map((row) => row.patient_id)).toEqual(whole.map((row) => row.patient_id));
        const last = withShortcut[query.limit];
        if (last && spec.urgent && last.rank <= spec.urgent.maxRank) shortcutsTaken++;
      }
    }
    // Both paths were exercised: some pages filled by urgent entries, some not.
    expect(shortcutsTaken).toBeGreaterThan(0);
    expect(shortcutsTaken).toBeLessThan(15);
  });

  it('rebuilding the table from scratch gives the same lists', async () => {
    const before = await everyPage((cursor) => refillWorklist(prisma, reader, { ...base, cursor }, now));
    const written = await prisma.$transaction((tx) => rebuildPumpSchedules(tx, { batchSize: 17 }), {
      timeout: 60_000,
    });
    expect(written).toBeGreaterThan(50);
    const after = await everyPage((cursor) => refillWorklist(prisma, reader, { ...base, cursor }, now));
    expect(after).toEqual(before);
  });
});

describe('the worklists with pump alarms at the latest interrogation', () => {
  it('list a motor stall, a critical error on a pump without a refill, and end of service as the engine does', async () => {
    // Runs last: it adds records to the demo clinic. Three implanted pumps of different patients.
    const now = demoNow(today, 'Europe/London');
    const pumps = await prisma.pump.findMany({
      where: {
        status: 'implanted',
        patient: { deletedAt: null, status: { notIn: ['deceased', 'transferred'] } },
      },
      orderBy: { id: 'asc' },
      take: 3,
      select: { id: true, patientId: true },
    });
    const [stalled, unprojected, ended] = pumps;
    if (!stalled || !unprojected || !ended) throw new Error('the demo has implanted pumps');
    const performedById = (await prisma.user.findFirstOrThrow({ select: { id: true } })).id;
    const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3_600_000);
    await prisma.pumpInterrogation.createMany({
      data: [
        {
          pumpId: stalled.id,
          interrogatedAt: at(30),
          performedById,
          batteryStatus: 'ok',
          alarms: ['motor_stall'],
        },
        {
          pumpId: unprojected.id,
          interrogatedAt: at(5),
          performedById,
          batteryStatus: 'ok',
          alarms: ['critical_error'],
        },
        {
          pumpId: ended.id,
          interrogatedAt: at(50),
          performedById,
          batteryStatus: 'end_of_service',
          alarms: [],
        },
      ],
    });
    // A pump with no refill on record: its refills are moved to nothing by deleting them.
    await prisma.refill.deleteMany({ where: { pumpId: unprojected.id } });
    await prisma.$transaction((tx) =>
      refreshPumpSchedules(
        tx,
        pumps.map((pump) => pump.patientId),
      ),
    );

    await expectWorklistsToMatchEngine(now);
    const refills = await everyPage((cursor) => refillWorklist(prisma, reader, { ...base, cursor }, now));
    const entry = (patientId: string) => refills.find((e) => e.patient.id === patientId);
    expect(entry(stalled.patientId)).toMatchObject({ status: 'critical' });
    expect(entry(stalled.patientId)?.message).toContain('showed motor stall');
    expect(entry(unprojected.patientId)).toMatchObject({ status: 'critical', dueDate: null });
    expect(entry(unprojected.patientId)?.message).toContain('showed critical error');
    expect(entry(unprojected.patientId)?.message).toContain('No refill is on record');
    expect(entry(ended.patientId)?.message).toContain('showed end of service');
    const batteries = await everyPage((cursor) => batteryWorklist(prisma, reader, { ...base, cursor }, now));
    const battery = batteries.find((e) => e.patient.id === ended.patientId);
    expect(battery).toMatchObject({ status: 'eri_reported' });
    expect(battery?.endOfService).toBe(battery?.eriReportedDate);

    // A later interrogation without them clears the motor stall.
    await prisma.pumpInterrogation.create({
      data: { pumpId: stalled.id, interrogatedAt: at(1), performedById, batteryStatus: 'ok', alarms: [] },
    });
    await prisma.$transaction((tx) => refreshPumpSchedules(tx, [stalled.patientId]));
    await expectWorklistsToMatchEngine(now);
    const after = await everyPage((cursor) => refillWorklist(prisma, reader, { ...base, cursor }, now));
    expect(after.find((e) => e.patient.id === stalled.patientId)?.message ?? '').not.toContain('motor stall');
  }, 120_000);
});
