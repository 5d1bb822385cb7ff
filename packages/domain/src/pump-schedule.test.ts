import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessPatient, type ImplantedPumpFacts, type PatientAssessmentInput } from './assess-patient.ts';
import { addDays, calendarDateInZone } from './calendar-date.ts';
import { pumpSchedule, scheduleStatusOn } from './pump-schedule.ts';
import { parseClinicSettings } from './settings.ts';
import { SYNCHROMED_20, workedExamplePatient, workedExamplePump } from './testing/patients.ts';
import {
  DAY_MS,
  instantNear,
  programArbitrary,
  simpleProgram,
  stoppedProgram,
  zoneArbitrary,
} from './testing/programs.ts';

const zone = 'Europe/London';
const synchroMed20 = SYNCHROMED_20;
const pump = (overrides: Partial<ImplantedPumpFacts> = {}) => workedExamplePump(overrides);
const input = (overrides: Partial<PatientAssessmentInput> = {}): PatientAssessmentInput =>
  workedExamplePatient({ now: new Date('2027-01-20T12:00:00Z'), timeZone: zone, ...overrides });

function scheduleOf(patientInput: PatientAssessmentInput) {
  if (!patientInput.pump) throw new Error('a pump is needed');
  return pumpSchedule({ ...patientInput, pump: patientInput.pump });
}

describe('pumpSchedule', () => {
  it('keeps the worked example’s dates and the thresholds of each status', () => {
    const schedule = scheduleOf(input());
    expect(schedule.refill).toMatchObject({
      state: 'projected',
      alarmDate: '2027-02-09',
      dueDate: '2027-02-05',
      dueBoundBy: 'alarm_margin',
      dueSoonFrom: '2027-01-29',
      upcomingFrom: '2027-01-06',
    });
    expect(schedule.followUp).toEqual({
      lastReview: '2026-12-01',
      nextReviewDue: '2027-06-01',
      dueSoonFrom: '2027-05-02',
    });
    expect(schedule.battery).toMatchObject({
      windowStart: '2029-06-03',
      estimatedEnd: '2031-06-03',
      recommendedReplacement: '2030-12-03',
      approachingFrom: '2028-12-03',
      eriReportedDate: null,
    });
  });

  it('is critical from the alarm instant on, and only while a stopped program is in force', () => {
    const stop = new Date('2027-01-15T08:00:00Z');
    const restart = new Date('2027-01-18T08:00:00Z');
    const schedule = scheduleOf(
      input({
        pump: pump({
          programs: [
            simpleProgram(300, 500, '2026-06-01T09:00:00Z'),
            stoppedProgram(500, stop),
            simpleProgram(300, 500, restart),
          ],
        }),
      }),
    );
    if (schedule.refill.state !== 'projected') throw new Error('projected expected');
    const [first, second] = schedule.refill.criticalPeriods;
    expect(first).toEqual({ from: stop, to: restart });
    expect(second?.to).toBeNull();
    expect(scheduleStatusOn(schedule, new Date('2027-01-16T00:00:00Z'), zone)).toMatchObject({
      refill: 'critical',
      refillOrderDate: '2027-01-15',
    });
    expect(scheduleStatusOn(schedule, new Date('2027-01-19T00:00:00Z'), zone).refill).not.toBe('critical');
  });

  it('reads a booked refill on or before the due date as booked', () => {
    const booked = input({
      appointments: [{ kind: 'refill', status: 'booked', startsAt: new Date('2027-02-04T09:00:00Z') }],
    });
    const status = scheduleStatusOn(scheduleOf(booked), booked.now, zone);
    expect(status).toMatchObject({ refill: 'upcoming', noAppointmentByDueDate: false });
    expect(scheduleStatusOn(scheduleOf(input()), booked.now, zone).noAppointmentByDueDate).toBe(true);
  });
});

// ─── The table's statuses are the engine's ─────────────────────────────────────────────────────

const origin = new Date('2027-03-01T12:00:00Z');
const dayNear = (days: number) =>
  fc.integer({ min: -days, max: days }).map((offset) => addDays(calendarDateInZone(origin, zone), offset));

const settingsArbitrary = fc
  .record({
    dueSoonDays: fc.integer({ min: 0, max: 14 }),
    upcomingDays: fc.integer({ min: 14, max: 60 }),
    safetyMarginDays: fc.integer({ min: 0, max: 7 }),
    followUpDueSoon: fc.integer({ min: 0, max: 60 }),
    leadTimeMonths: fc.integer({ min: 3, max: 12 }),
  })
  .map((s) =>
    parseClinicSettings({
      refill: {
        dueSoonDays: s.dueSoonDays,
        upcomingDays: s.upcomingDays,
        safetyMarginDays: s.safetyMarginDays,
      },
      followUp: { dueSoonDays: s.followUpDueSoon },
      battery: { leadTimeMonths: s.leadTimeMonths },
    }),
  );

const recordsArbitrary = fc.record({
  timeZone: zoneArbitrary,
  settings: settingsArbitrary,
  patient: fc.record({
    highRisk: fc.boolean(),
    injuryAtOrAboveT6: fc.boolean(),
    cannotCommunicate: fc.boolean(),
  }),
  pump: fc.record({
    implantDate: fc
      .integer({ min: 0, max: 3650 })
      .map((days) => addDays(calendarDateInZone(origin, zone), -days)),
    model: fc.constantFrom(synchroMed20, {
      ...synchroMed20,
      reservoirMl: 40,
      batteryLifeMinYears: 10,
      batteryLifeMaxYears: 10,
    }),
    alarmVolumeOverrideMl: fc.option(fc.constantFrom(1, 4), { nil: null }),
    eriReportedDate: fc.option(dayNear(400), { nil: null }),
    lastRefill: fc.option(
      fc.record({ at: instantNear(origin, 200, 10), volumeAfterMl: fc.integer({ min: 0, max: 40 }) }),
      { nil: null },
    ),
    programs: fc.array(
      fc.oneof(
        programArbitrary(instantNear(origin, 300, 60), { clinical: true }),
        instantNear(origin, 200, 60).map((at) => stoppedProgram(500, at)),
      ),
      { maxLength: 4 },
    ),
    // The latest interrogation, sometimes with stopping alarms or end of service (pump-alarms.ts).
    latestInterrogation: fc.option(
      fc.record({
        at: instantNear(origin, 200, 60),
        batteryStatus: fc.constantFrom(
          'ok' as const,
          'low' as const,
          'eri' as const,
          'end_of_service' as const,
        ),
        alarms: fc.subarray([
          'low_reservoir' as const,
          'empty_reservoir' as const,
          'elective_replacement' as const,
          'end_of_service' as const,
          'motor_stall' as const,
          'critical_error' as const,
          'other' as const,
        ]),
      }),
      { nil: null },
    ),
  }),
  reviewDates: fc.array(dayNear(600), { maxLength: 4 }),
  appointments: fc.array(
    fc.record({
      kind: fc.constantFrom('refill' as const, 'follow_up' as const),
      status: fc.constantFrom('booked' as const, 'cancelled' as const),
      startsAt: instantNear(origin, 30, 200),
    }),
    { maxLength: 3 },
  ),
});

describe('scheduleStatusOn', () => {
  it('gives the statuses assessPatient gives, for any records and any day after the last review', () => {
    fc.assert(
      fc.property(recordsArbitrary, instantNear(origin, 0, 400), (records, later) => {
        // Reviews are in the past by the time anyone looks (the API refuses future visit dates).
        const reviewDates = records.reviewDates.filter(
          (day) => day <= calendarDateInZone(later, records.timeZone),
        );
        const patientInput: PatientAssessmentInput = { ...records, reviewDates, now: later };
        const engine = assessPatient(patientInput);
        const status = scheduleStatusOn(scheduleOf(patientInput), later, records.timeZone);
        expect(status.refill).toBe(engine.refill?.status);
        expect(status.noAppointmentByDueDate).toBe(
          engine.findings.some((finding) => finding.code === 'NO_APPOINTMENT_BY_DUE_DATE'),
        );
        if (engine.refill?.status !== 'critical') {
          expect(status.refillOrderDate).toBe(engine.refill?.due?.dueDate ?? null);
        }
        expect(status.battery).toBe(engine.battery?.status);
        expect(status.batteryPastEstimatedEnd).toBe(engine.battery?.pastEstimatedEnd);
        expect(status.followUp).toBe(engine.followUp?.status ?? null);
      }),
      { numRuns: 400 },
    );
  });

  it('orders a critical refill by the day the critical stretch began, as the worklist key does', () => {
    fc.assert(
      fc.property(recordsArbitrary, instantNear(origin, 0, 200), (records, later) => {
        const patientInput: PatientAssessmentInput = { ...records, reviewDates: [], now: later };
        const engine = assessPatient(patientInput);
        fc.pre(engine.refill?.status === 'critical' && engine.priority.urgency === 'critical');
        const status = scheduleStatusOn(scheduleOf(patientInput), later, records.timeZone);
        // The engine's key takes the most urgent aspect; when the refill is the critical one and the
        // battery is not, the key's date is the refill's.
        fc.pre(engine.battery?.status !== 'eri_reported' && !engine.battery?.pastEstimatedEnd);
        expect(status.refillOrderDate).toBe(engine.priority.date);
      }),
      { numRuns: 300 },
    );
  });

  it('never moves a day backwards: the refill is never less urgent later without a new record', () => {
    fc.assert(
      fc.property(recordsArbitrary, fc.integer({ min: 0, max: 100 }), (records, days) => {
        const schedule = scheduleOf({ ...records, now: origin });
        const rank = (s: string) =>
          // A pump that cannot be projected only becomes critical (a stopping alarm), never less urgent.
          ['ok', 'upcoming', 'due_soon', 'overdue', 'unknown', 'critical'].indexOf(s);
        const before = scheduleStatusOn(schedule, origin, records.timeZone);
        const after = scheduleStatusOn(
          schedule,
          new Date(origin.getTime() + days * DAY_MS),
          records.timeZone,
        );
        // Stopped programs that later restart are the one exception (critical only while in force).
        const hasStop = records.pump.programs.some(
          (program) => program.mode === 'simple_continuous' && program.continuousDoseMcgPerDay === 0,
        );
        fc.pre(!hasStop);
        expect(rank(after.refill)).toBeGreaterThanOrEqual(rank(before.refill));
      }),
      { numRuns: 200 },
    );
  });
});
