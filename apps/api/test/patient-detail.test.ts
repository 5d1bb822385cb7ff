import { patientDetailSchema, type PatientDetail, problemSchema } from '@pumpdesk/contracts';
import { createTestPatient, createTestSite } from '@pumpdesk/db/testing';
import {
  addDays,
  calendarDateInZone,
  calendarDateToUtcDate,
  daysBetween,
  fromDayNumber,
  minCalendarDate,
  parseCalendarDate,
  zoneOffsetMs,
} from '@pumpdesk/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { createPatientOnMaintenance, DAY_MS } from './clinical-fixtures.ts';

// The handler reads the real clock, so every date here is placed relative to now and the expected
// values follow from the domain doc's second worked example (20 mL, 500 mcg/mL, 300 mcg/day: the
// 2 mL alarm 30 days after the fill, due 4 days before).
const zone = 'Europe/London';

describe('GET /api/patients/:id', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  /** The worked example (clinical-fixtures.ts) with a review 30 days ago. */
  async function patientWithPump(options: { refillDaysAgo: number; highRisk?: boolean }) {
    const prisma = t.database.prisma;
    const created = await createPatientOnMaintenance(prisma, { ...options, timeZone: zone });
    const reviewDate = addDays(calendarDateInZone(new Date(created.now), zone), -30);
    await prisma.followUpVisit.create({
      data: {
        patientId: created.patient.id,
        visitDate: calendarDateToUtcDate(reviewDate),
        type: 'review',
        clinicianId: created.physician.id,
      },
    });
    return { ...created, reviewDate };
  }

  async function detail(id: string): Promise<PatientDetail> {
    const response = await t.app.inject({ method: 'GET', url: `/api/patients/${id}` });
    expect(response.statusCode, response.body).toBe(200);
    return patientDetailSchema.parse(response.json());
  }

  it('returns the pump, the program in force, the last refill and the engine’s dates with their reasons', async () => {
    const { patient, pump, site, refillAt, reviewDate } = await patientWithPump({ refillDaysAgo: 10 });
    const body = await detail(patient.id);

    const alarmAt = new Date(refillAt.getTime() + 30 * DAY_MS);
    // The engine dates an instant on the safe side of a DST change since the refill: the earlier of its
    // local day and its day on the refill's clock (decision 004).
    const alarmDate = minCalendarDate(
      calendarDateInZone(alarmAt, zone),
      fromDayNumber(Math.floor((alarmAt.getTime() + zoneOffsetMs(refillAt, zone)) / DAY_MS)),
    );
    expect(body).toMatchObject({
      id: patient.id,
      site: { id: site.id, timeZone: zone },
      responsiblePhysician: { name: 'Dr Rosa Lind' },
      risk: { highRisk: false, reasons: [] },
      currentPump: {
        id: pump.id,
        reservoirMl: 20,
        alarmVolumeMl: 2,
        implantDate: '2025-06-02',
        programInForce: { mode: 'simple_continuous', concentrationMcgPerMl: 500, dailyDoseMcg: 300 },
        lastRefill: { performedAt: refillAt.toISOString(), reservoirVolumeAfterMl: 20 },
      },
    });
    const refill = body.assessment.refill;
    expect(refill).toMatchObject({
      status: 'upcoming',
      alarmAt: alarmAt.toISOString(),
      alarmDate,
      dueDate: addDays(alarmDate, -4),
      dueDateBoundBy: 'alarm_margin',
      marginDays: 4,
      nextBookedRefill: null,
    });
    // 10 days at 0.6 mL/day: 14 mL left.
    expect(refill?.volumeNowMl).toBeCloseTo(14, 1);
    expect(refill?.message).toContain('with the 4-day margin');
    expect(body.assessment.findings.map((finding) => finding.code)).toEqual(['NO_APPOINTMENT_BY_DUE_DATE']);
    expect(body.assessment.battery?.status).toBe('ok');
    const nextReviewDue = addDays(reviewDate, 182);
    expect(body.assessment.followUp).toMatchObject({
      status: 'ok',
      lastReview: reviewDate,
      nextReviewDue,
      daysUntilDue: daysBetween(parseCalendarDate(body.assessment.today), nextReviewDue),
    });
  });

  it('clears the missing-appointment finding once a refill is booked by the due date', async () => {
    const { patient, site } = await patientWithPump({ refillDaysAgo: 10 });
    await t.database.prisma.appointment.create({
      data: {
        patientId: patient.id,
        siteId: site.id,
        kind: 'refill',
        startsAt: new Date(Date.now() + 5 * DAY_MS),
      },
    });
    const body = await detail(patient.id);
    expect(body.assessment.refill?.nextBookedRefill).not.toBeNull();
    expect(body.assessment.findings).toEqual([]);
  });

  it('is critical once the alarm has passed, and gives high-risk patients the larger margin', async () => {
    const { patient } = await patientWithPump({ refillDaysAgo: 31, highRisk: true });
    const body = await detail(patient.id);
    expect(body.risk).toMatchObject({ highRisk: true, reasons: ['flagged'] });
    expect(body.assessment.urgency).toBe('critical');
    expect(body.assessment.refill).toMatchObject({ status: 'critical', marginDays: 7 });
    expect(body.assessment.findings[0]?.code).toBe('PAST_ALARM');
  });

  it('answers 404 for an unknown or deleted patient and 400 for an id that is not a uuid', async () => {
    const site = await createTestSite(t.database.prisma);
    const deleted = await createTestPatient(t.database.prisma, { siteId: site.id, deletedAt: new Date() });
    for (const id of ['0194f3a0-0000-7000-8000-000000000000', deleted.id]) {
      const response = await t.app.inject({ method: 'GET', url: `/api/patients/${id}` });
      expect(response.statusCode).toBe(404);
      expect(problemSchema.parse(response.json())).toMatchObject({ code: 'NOT_FOUND' });
    }
    const invalid = await t.app.inject({ method: 'GET', url: '/api/patients/not-a-uuid' });
    expect(invalid.statusCode).toBe(400);
    expect(problemSchema.parse(invalid.json()).errors?.[0]?.path).toBe('params.id');
  });

  it('answers for a candidate without a pump: no refill or battery assessment', async () => {
    const site = await createTestSite(t.database.prisma);
    const candidate = await createTestPatient(t.database.prisma, { siteId: site.id, status: 'candidate' });
    const body = await detail(candidate.id);
    expect(body.currentPump).toBeNull();
    expect(body.assessment).toMatchObject({ refill: null, battery: null, followUp: null, findings: [] });
  });
});
