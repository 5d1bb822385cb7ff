import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DoseProgram } from './dose-program.ts';
import { refillDueDate } from './refill-due-date.ts';
import { type AppointmentSlot, assessRefill, type RefillAssessmentInput } from './refill-status.ts';
import { projectReservoir } from './reservoir-projection.ts';
import { DEFAULT_CLINIC_SETTINGS } from './settings.ts';
import {
  DAY_MS,
  instantNear,
  refillScenarioArbitrary,
  simpleProgram,
  stoppedProgram,
} from './testing/programs.ts';

const REFILL = new Date('2027-01-10T12:00:00Z');
const BEFORE_REFILL = '2026-12-01T09:00:00Z';
const afterRefill = (days: number) => new Date(REFILL.getTime() + days * DAY_MS);

/** Worked example 2: 20 mL, 500 mcg/mL, 300 mcg/day: alarm 9 Feb 12:00Z, due 5 Feb, empty 12 Feb 20:00Z. */
const example2 = (): Omit<RefillAssessmentInput, 'now'> => ({
  timeZone: 'UTC',
  settings: DEFAULT_CLINIC_SETTINGS,
  highRisk: false,
  lastRefill: { at: REFILL, volumeAfterMl: 20 },
  programs: [simpleProgram(300, 500, BEFORE_REFILL)],
  alarmVolumeMl: 2,
  appointments: [],
});
/** Worked example 1: 40 mL, 2000 mcg/mL, 400 mcg/day: due 9 Jul (stability), alarm 19 Jul, empty 29 Jul. */
const example1 = (): Omit<RefillAssessmentInput, 'now'> => ({
  ...example2(),
  lastRefill: { at: REFILL, volumeAfterMl: 40 },
  programs: [simpleProgram(400, 2000, BEFORE_REFILL)],
});

const assess = (
  base: Omit<RefillAssessmentInput, 'now'>,
  now: string | Date,
  extra: Partial<RefillAssessmentInput> = {},
) => assessRefill({ ...base, ...extra, now: typeof now === 'string' ? new Date(now) : now });
const codes = (result: ReturnType<typeof assessRefill>) => result.findings.map((finding) => finding.code);
const refillOn = (startsAt: string, status: AppointmentSlot['status'] = 'booked'): AppointmentSlot => ({
  kind: 'refill',
  status,
  startsAt: new Date(startsAt),
});

describe('assessRefill: statuses at their exact boundaries', () => {
  it('ok beyond the upcoming horizon (31 days), with no finding', () => {
    const r = assess(example1(), '2027-06-08T10:00:00Z');
    expect(r.status).toBe('ok');
    expect(r.today).toBe('2027-06-08');
    expect(r.daysUntilDue).toBe(31);
    expect(r.findings).toEqual([]);
    expect(r.message).toBe(`Due in 31 days. ${r.due?.message ?? ''}`);
  });

  it('upcoming at 30 days and at 8 days', () => {
    expect(assess(example1(), '2027-06-09T10:00:00Z').status).toBe('upcoming');
    expect(assess(example1(), '2027-07-01T10:00:00Z').status).toBe('upcoming');
  });

  it('due soon at 7 days', () => {
    const r = assess(example1(), '2027-07-02T00:00:00Z');
    expect(r.status).toBe('due_soon');
    expect(r.daysUntilDue).toBe(7);
    expect(r.message.startsWith('Due in 7 days. Due 9 Jul 2027: ')).toBe(true);
  });

  it('due today is due soon, and says "Due today"', () => {
    const r = assess(example1(), '2027-07-09T23:59:59.999Z');
    expect(r.status).toBe('due_soon');
    expect(r.daysUntilDue).toBe(0);
    expect(r.message).toBe(`Due today. ${r.due?.message ?? ''}`);
    expect(r.message).not.toContain('in 0 days');
  });

  it('overdue by 1 day the day after the due date', () => {
    const r = assess(example1(), '2027-07-10T00:00:00Z');
    expect(r.status).toBe('overdue');
    expect(r.daysUntilDue).toBe(-1);
    expect(r.message.startsWith('Overdue by 1 day. Due 9 Jul 2027: ')).toBe(true);
    expect(r.findings[0]).toEqual({
      code: 'REFILL_OVERDUE',
      severity: 'warning',
      message: 'Refill overdue by 1 day (due 9 Jul 2027).',
      facts: { dueDate: '2027-07-09', overdueDays: 1 },
    });
  });

  it('critical from the alarm instant on (one millisecond before: overdue)', () => {
    const alarm = new Date('2027-07-19T12:00:00Z');
    const justBefore = assess(example1(), new Date(alarm.getTime() - 1));
    expect(justBefore.status).toBe('overdue');
    expect(codes(justBefore)).not.toContain('PAST_ALARM');
    const at = assess(example1(), alarm);
    expect(at.status).toBe('critical');
    expect(codes(at)).toEqual(['PAST_ALARM', 'REFILL_OVERDUE', 'NO_APPOINTMENT_BY_DUE_DATE']);
    expect(at.message).toBe(
      'Low-reservoir alarm (2 mL) reached on 19 Jul 2027; empty by 29 Jul 2027: refill now.',
    );
    expect(at.volumeNowMl).toBeCloseTo(2, 9);
    expect(assess(example1(), '2027-07-25T00:00:00Z').status).toBe('critical');
  });

  it('RESERVOIR_EMPTY from the empty instant on, instead of PAST_ALARM', () => {
    const empty = new Date('2027-07-29T12:00:00Z');
    expect(codes(assess(example1(), new Date(empty.getTime() - 1)))).toContain('PAST_ALARM');
    const r = assess(example1(), empty);
    expect(r.status).toBe('critical');
    expect(codes(r)).toContain('RESERVOIR_EMPTY');
    expect(codes(r)).not.toContain('PAST_ALARM');
    expect(r.message).toBe('Reservoir projected empty since 29 Jul 2027: withdrawal risk, refill today.');
    expect(r.volumeNowMl).toBe(0);
  });
});

describe('assessRefill: stopped pumps and unknowns', () => {
  it('PUMP_STOPPED when the program in force delivers nothing', () => {
    const r = assess(
      { ...example2(), programs: [stoppedProgram(500, BEFORE_REFILL)] },
      '2027-01-15T09:00:00Z',
    );
    expect(r.status).toBe('critical');
    expect(codes(r)).toEqual(['PUMP_STOPPED', 'NO_APPOINTMENT_BY_DUE_DATE']);
    expect(r.message).toBe(
      'The program in force since 10 Jan 2027 delivers no drug: the pump is stopped (withdrawal risk unless ' +
        'intended); check the program.',
    );
    expect(r.due?.dueDate).toBe('2027-07-09');
    expect(r.volumeNowMl).toBe(20);
  });

  it('a stop that has not started yet is not a finding; a restart ends it', () => {
    const programs = [
      simpleProgram(300, 500, BEFORE_REFILL),
      stoppedProgram(500, afterRefill(5)),
      simpleProgram(300, 500, afterRefill(10)),
    ];
    const base = { ...example2(), programs };
    expect(codes(assess(base, afterRefill(4)))).not.toContain('PUMP_STOPPED');
    expect(codes(assess(base, afterRefill(7)))).toContain('PUMP_STOPPED');
    expect(assess(base, afterRefill(7)).status).toBe('critical');
    const restarted = assess(base, afterRefill(11));
    expect(codes(restarted)).not.toContain('PUMP_STOPPED');
    // Five stopped days push the alarm to day 35: due on day 31, 10 Feb.
    expect(restarted.due?.dueDate).toBe('2027-02-10');
  });

  it('unknown without a refill on record', () => {
    const r = assess({ ...example2(), lastRefill: null }, '2027-01-15T09:00:00Z');
    expect(r.status).toBe('unknown');
    expect(r.projection).toEqual({ kind: 'unknown', reason: 'no_refill' });
    expect(codes(r)).toEqual(['NO_REFILL_ON_RECORD']);
    expect(r.message).toBe(
      'No refill is on record for this pump, so nobody can say when it runs empty: record the last fill.',
    );
    expect([r.due, r.volumeNowMl, r.daysUntilDue]).toEqual([null, null, null]);
    expect(r.today).toBe('2027-01-15');
  });

  it('unknown without a program on record', () => {
    const r = assess({ ...example2(), programs: [] }, '2027-01-15T09:00:00Z');
    expect(r.status).toBe('unknown');
    expect(codes(r)).toEqual(['NO_PROGRAM_ON_RECORD']);
    expect(r.findings[0]?.severity).toBe('critical');
    expect(r.message).toContain('No dose program is on record');
  });
});

describe('assessRefill: margins, settings and program changes', () => {
  it('a high-risk patient is due 7 days before the alarm, others 4', () => {
    const standard = assess(example2(), '2027-02-01T09:00:00Z');
    const highRisk = assess(example2(), '2027-02-01T09:00:00Z', { highRisk: true });
    expect([standard.due?.dueDate, standard.daysUntilDue]).toEqual(['2027-02-05', 4]);
    expect([highRisk.due?.dueDate, highRisk.daysUntilDue]).toEqual(['2027-02-02', 1]);
    expect(highRisk.due?.marginDays).toBe(7);
  });

  it('the clinic’s maximum interval bounds the due date', () => {
    const settings = {
      ...DEFAULT_CLINIC_SETTINGS,
      refill: { ...DEFAULT_CLINIC_SETTINGS.refill, maxIntervalDays: 60 },
    };
    const r = assess(example1(), '2027-03-11T09:00:00Z', { settings });
    expect(r.due?.dueDate).toBe('2027-03-11');
    expect(r.due?.boundBy).toBe('max_interval');
    expect(r.message.startsWith('Due today. Due 11 Mar 2027: the clinic')).toBe(true);
  });

  it('the clinic’s due-soon and upcoming horizons', () => {
    const settings = {
      ...DEFAULT_CLINIC_SETTINGS,
      refill: { ...DEFAULT_CLINIC_SETTINGS.refill, dueSoonDays: 0, upcomingDays: 3 },
    };
    // Due 5 Feb.
    expect(assess(example2(), '2027-02-05T09:00:00Z', { settings }).status).toBe('due_soon');
    expect(assess(example2(), '2027-02-04T09:00:00Z', { settings }).status).toBe('upcoming');
    expect(assess(example2(), '2027-02-01T09:00:00Z', { settings }).status).toBe('ok');
  });

  it('a program change that starts later than now already counts', () => {
    const programs = [simpleProgram(300, 500, BEFORE_REFILL), simpleProgram(600, 500, afterRefill(10))];
    const r = assess({ ...example2(), programs }, afterRefill(3));
    // Alarm on day 20 (30 Jan), due 26 Jan; today 13 Jan.
    expect(r.due?.alarmDate).toBe('2027-01-30');
    expect(r.due?.dueDate).toBe('2027-01-26');
    expect(r.daysUntilDue).toBe(13);
    expect(r.status).toBe('upcoming');
    expect(r.volumeNowMl).toBeCloseTo(18.2, 9);
  });
});

describe('assessRefill: NO_APPOINTMENT_BY_DUE_DATE', () => {
  const now = '2027-02-01T09:00:00Z'; // due 5 Feb: due soon.
  const withAppointments = (appointments: AppointmentSlot[], at = now) =>
    assess({ ...example2(), appointments }, at);
  const noAppointment = (r: ReturnType<typeof assessRefill>) =>
    r.findings.find((finding) => finding.code === 'NO_APPOINTMENT_BY_DUE_DATE');

  it('none booked: a finding saying so', () => {
    const r = withAppointments([]);
    expect(r.status).toBe('due_soon');
    expect(noAppointment(r)).toEqual({
      code: 'NO_APPOINTMENT_BY_DUE_DATE',
      severity: 'warning',
      message: 'No refill booked on or before the due date 5 Feb 2027; none is booked.',
      facts: { dueDate: '2027-02-05', nextBookedRefill: null },
    });
  });

  it('booked on the due date: no finding', () => {
    const r = withAppointments([refillOn('2027-02-05T16:00:00Z')]);
    expect(r.nextBookedRefill).toBe('2027-02-05');
    expect(noAppointment(r)).toBeUndefined();
  });

  it('booked the day after the due date: a finding naming that day', () => {
    const r = withAppointments([refillOn('2027-02-06T09:00:00Z')]);
    expect(noAppointment(r)?.message).toBe(
      'No refill booked on or before the due date 5 Feb 2027; the next one is on 6 Feb 2027, 1 day after the due date.',
    );
    expect(noAppointment(r)?.facts).toEqual({ dueDate: '2027-02-05', nextBookedRefill: '2027-02-06' });
  });

  it('a cancelled refill, a follow-up visit or a refill in the past do not count', () => {
    const notCounted = [
      refillOn('2027-02-03T09:00:00Z', 'cancelled'),
      refillOn('2027-02-03T09:00:00Z', 'no_show'),
      { kind: 'follow_up', status: 'booked', startsAt: new Date('2027-02-03T09:00:00Z') } as const,
      refillOn('2027-01-31T09:00:00Z'),
    ];
    for (const appointment of notCounted) {
      const r = withAppointments([appointment]);
      expect(r.nextBookedRefill).toBeNull();
      expect(noAppointment(r)?.message).toContain('none is booked');
    }
  });

  it('a refill booked earlier today still counts; the first booked refill is the one named', () => {
    expect(noAppointment(withAppointments([refillOn('2027-02-01T07:00:00Z')]))).toBeUndefined();
    const r = withAppointments([refillOn('2027-02-20T09:00:00Z'), refillOn('2027-02-04T09:00:00Z')]);
    expect(r.nextBookedRefill).toBe('2027-02-04');
    expect(noAppointment(r)).toBeUndefined();
  });

  it('an overdue patient booked today: no finding; booked later: a finding', () => {
    const overdue = '2027-02-07T09:00:00Z';
    const today = withAppointments([refillOn('2027-02-07T15:00:00Z')], overdue);
    expect(today.status).toBe('overdue');
    expect(noAppointment(today)).toBeUndefined();
    const later = withAppointments([refillOn('2027-02-08T09:00:00Z')], overdue);
    expect(noAppointment(later)?.message).toBe(
      'No refill booked for today although it was due 5 Feb 2027; the next one is on 8 Feb 2027, ' +
        '3 days after the due date.',
    );
    expect(noAppointment(withAppointments([], overdue))?.message).toBe(
      'No refill booked for today although it was due 5 Feb 2027; none is booked.',
    );
  });

  it('no finding while the status is ok', () => {
    expect(codes(assess(example1(), '2027-01-15T09:00:00Z'))).toEqual([]);
  });

  it('today and appointments are days in the clinic’s zone (Pacific/Kiritimati, +14)', () => {
    // Refill at 08:00 local on 10 Jan: due 5 Feb local. Now: 02:00 on 2 Feb local (1 Feb in UTC).
    const base = {
      ...example2(),
      timeZone: 'Pacific/Kiritimati',
      lastRefill: { at: new Date('2027-01-09T18:00:00Z'), volumeAfterMl: 20 },
    };
    const at = '2027-02-01T12:00:00Z';
    const lateLocal = assess({ ...base, appointments: [refillOn('2027-02-05T11:00:00Z')] }, at);
    expect(lateLocal.today).toBe('2027-02-02');
    expect(lateLocal.due?.dueDate).toBe('2027-02-05');
    expect(lateLocal.nextBookedRefill).toBe('2027-02-06');
    expect(noAppointment(lateLocal)).toBeDefined();
    const onTime = assess({ ...base, appointments: [refillOn('2027-02-04T11:00:00Z')] }, at);
    expect(onTime.nextBookedRefill).toBe('2027-02-05');
    expect(noAppointment(onTime)).toBeUndefined();
  });
});

// ─── Totality ──────────────────────────────────────────────────────────────────────────────────

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Every number in `value` is not NaN and every Date is valid (walks objects and arrays). */
function expectNoNaN(value: unknown, path: string): void {
  if (typeof value === 'number') {
    expect(Number.isNaN(value), `${path} is NaN`).toBe(false);
  } else if (value instanceof Date) {
    expect(Number.isFinite(value.getTime()), `${path} is an Invalid Date`).toBe(true);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      expectNoNaN(item, `${path}[${i}]`);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) expectNoNaN(item, `${path}.${key}`);
  }
}

function expectCalendarDate(value: unknown, path: string): void {
  if (value === null || value === undefined) return;
  expect(typeof value === 'string' && CALENDAR_DATE.test(value), `${path}: ${JSON.stringify(value)}`).toBe(
    true,
  );
}

const appointmentsArbitrary = (origin: Date) =>
  fc.array(
    fc.record({
      kind: fc.constantFrom('refill', 'follow_up', 'replacement_consult', 'surgery'),
      status: fc.constantFrom('booked', 'done', 'cancelled', 'no_show'),
      startsAt: instantNear(origin, 365, 3 * 365),
    }),
    { maxLength: 4 },
  );

const totalityInput = refillScenarioArbitrary().chain((scenario) =>
  fc.record({
    scenario: fc.constant(scenario),
    now: instantNear(scenario.refill.at, 365, 3 * 365),
    highRisk: fc.boolean(),
    missing: fc.constantFrom('nothing', 'nothing', 'nothing', 'nothing', 'refill', 'programs'),
    appointments: appointmentsArbitrary(scenario.refill.at),
  }),
);

describe('totality', () => {
  it('projectReservoir, refillDueDate and assessRefill never throw, never give NaN or Invalid Date', () => {
    fc.assert(
      fc.property(totalityInput, ({ scenario, now, highRisk, missing, appointments }) => {
        const lastRefill = missing === 'refill' ? null : scenario.refill;
        const programs: DoseProgram[] = missing === 'programs' ? [] : scenario.programs;
        const input = {
          lastRefill,
          programs,
          alarmVolumeMl: scenario.alarmVolumeMl,
          timeZone: scenario.timeZone,
        };
        const projection = projectReservoir(input);
        expectNoNaN(projection, 'projection');
        if (projection.kind === 'projected') {
          const due = refillDueDate(projection, {
            highRisk,
            settings: DEFAULT_CLINIC_SETTINGS.refill,
            timeZone: scenario.timeZone,
          });
          expectNoNaN(due, 'due');
          expect(due.message.length).toBeGreaterThan(0);
        }
        const r = assessRefill({
          ...input,
          now,
          highRisk,
          settings: DEFAULT_CLINIC_SETTINGS,
          appointments,
        });
        expectNoNaN(r, 'assessment');
        expect(r.message.length).toBeGreaterThan(0);
        expectCalendarDate(r.today, 'today');
        expectCalendarDate(r.nextBookedRefill, 'nextBookedRefill');
        if (r.due) {
          for (const key of ['refillDate', 'alarmDate', 'emptyDate', 'dueDate'] as const) {
            expectCalendarDate(r.due[key], key);
          }
          for (const [bound, date] of Object.entries(r.due.limits)) expectCalendarDate(date, bound);
        }
        for (const finding of r.findings) {
          expect(finding.message.length).toBeGreaterThan(0);
          for (const [key, fact] of Object.entries(finding.facts ?? {})) {
            if (key.endsWith('Date') || key === 'nextBookedRefill') expectCalendarDate(fact, key);
          }
        }
        expect(r.status === 'unknown').toBe(missing !== 'nothing');
      }),
      { numRuns: 200 },
    );
  });
});
