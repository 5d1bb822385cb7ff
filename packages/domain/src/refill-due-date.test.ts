import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, type CalendarDate, compareCalendarDates, parseCalendarDate } from './calendar-date.ts';
import { type DoseProgram } from './dose-program.ts';
import { refillDueDate } from './refill-due-date.ts';
import { segmentAt } from './reservoir-projection.ts';
import { type ClinicSettings, DEFAULT_CLINIC_SETTINGS, parseClinicSettings } from './settings.ts';
import {
  DAY_MS,
  instantNear,
  projected,
  refillScenarioArbitrary,
  type RefillScenario,
  scaleProgram,
  simpleProgram,
  stoppedProgram,
} from './testing/programs.ts';

const d = parseCalendarDate;
const REFILL = new Date('2027-01-10T12:00:00Z');
const BEFORE_REFILL = '2026-12-01T09:00:00Z';
const defaults = DEFAULT_CLINIC_SETTINGS.refill;

function due(
  programs: readonly DoseProgram[],
  options: {
    at?: Date;
    volumeAfterMl?: number;
    timeZone?: string;
    highRisk?: boolean;
    settings?: ClinicSettings['refill'];
  } = {},
) {
  const timeZone = options.timeZone ?? 'UTC';
  const projection = projected({
    lastRefill: { at: options.at ?? REFILL, volumeAfterMl: options.volumeAfterMl ?? 20 },
    programs,
    alarmVolumeMl: 2,
    timeZone,
  });
  const result = refillDueDate(projection, {
    highRisk: options.highRisk ?? false,
    settings: options.settings ?? defaults,
    timeZone,
  });
  return { projection, ...result };
}

describe('refillDueDate: the domain doc worked examples', () => {
  it('40 mL, 2000 mcg/mL, 400 mcg/day: alarm on day 190, the 180-day drug stability cap wins', () => {
    const r = due([simpleProgram(400, 2000, BEFORE_REFILL)], { volumeAfterMl: 40 });
    expect(r.projection.alarmAt).toEqual(new Date(REFILL.getTime() + 190 * DAY_MS));
    expect(r.projection.emptyAt).toEqual(new Date(REFILL.getTime() + 200 * DAY_MS));
    expect(r.refillDate).toBe('2027-01-10');
    expect(r.alarmDate).toBe('2027-07-19');
    expect(r.emptyDate).toBe('2027-07-29');
    expect(r.dueDate).toBe('2027-07-09');
    expect(r.boundBy).toBe('drug_stability');
    expect(r.marginDays).toBe(4);
    expect(r.limits).toEqual({
      alarm_margin: d('2027-07-15'),
      drug_stability: d('2027-07-09'),
      max_interval: d('2027-07-09'),
    });
    expect(r.message).toBe(
      'Due 9 Jul 2027: the drug may stay in the reservoir 180 days after the refill on 10 Jan 2027 ' +
        '(alarm on 19 Jul 2027 at 2 mL).',
    );
  });

  it('20 mL, 500 mcg/mL, 300 mcg/day: alarm on day 30, due on day 26 (alarm − 4-day margin)', () => {
    const r = due([simpleProgram(300, 500, BEFORE_REFILL)]);
    expect(r.projection.alarmAt).toEqual(new Date(REFILL.getTime() + 30 * DAY_MS));
    expect(r.alarmDate).toBe('2027-02-09');
    expect(r.dueDate).toBe(addDays(d('2027-01-10'), 26));
    expect(r.dueDate).toBe('2027-02-05');
    expect(r.emptyDate).toBe('2027-02-12');
    expect(r.boundBy).toBe('alarm_margin');
    expect(r.message).toBe('Alarm on 9 Feb 2027 at 2 mL; due 5 Feb 2027 with the 4-day margin.');
  });
});

describe('refillDueDate: margins, limits and ties', () => {
  const example2 = [simpleProgram(300, 500, BEFORE_REFILL)];

  it('a high-risk patient gets the high-risk margin (7 days by default)', () => {
    const r = due(example2, { highRisk: true });
    expect(r.marginDays).toBe(7);
    expect(r.dueDate).toBe('2027-02-02');
    expect(r.message).toBe('Alarm on 9 Feb 2027 at 2 mL; due 2 Feb 2027 with the 7-day high-risk margin.');
  });

  it('uses the clinic’s margins', () => {
    const settings = { ...defaults, safetyMarginDays: 3, highRiskSafetyMarginDays: 10 };
    expect(due(example2, { settings }).dueDate).toBe('2027-02-06');
    expect(due(example2, { settings, highRisk: true }).dueDate).toBe('2027-01-30');
  });

  it('the clinic’s maximum interval bounds the date when it is shorter', () => {
    const r = due([simpleProgram(400, 2000, BEFORE_REFILL)], {
      volumeAfterMl: 40,
      settings: { ...defaults, maxIntervalDays: 90 },
    });
    expect(r.dueDate).toBe('2027-04-10');
    expect(r.boundBy).toBe('max_interval');
    expect(r.message).toBe(
      "Due 10 Apr 2027: the clinic's maximum interval of 90 days after the refill on 10 Jan 2027 " +
        '(alarm on 19 Jul 2027 at 2 mL).',
    );
  });

  it('a shorter drug stability setting bounds the date', () => {
    const r = due([simpleProgram(400, 2000, BEFORE_REFILL)], {
      volumeAfterMl: 40,
      settings: { ...defaults, drugStabilityDays: 120 },
    });
    expect(r.dueDate).toBe('2027-05-10');
    expect(r.boundBy).toBe('drug_stability');
  });

  it('on a tie the alarm margin is named first, then stability, then the interval', () => {
    // 38.8 mL at 0.2 mL/day: alarm on day 184, alarm − 4 = day 180 = stability = interval.
    const tie = due([simpleProgram(400, 2000, BEFORE_REFILL)], { volumeAfterMl: 38.8 });
    expect(tie.alarmDate).toBe('2027-07-13');
    expect(tie.dueDate).toBe('2027-07-09');
    expect(tie.boundBy).toBe('alarm_margin');
    const interval = due([simpleProgram(400, 2000, BEFORE_REFILL)], {
      volumeAfterMl: 40,
      settings: { ...defaults, drugStabilityDays: 90, maxIntervalDays: 90 },
    });
    expect(interval.boundBy).toBe('drug_stability');
  });

  it('a stopped pump has no alarm date: bound by stability, and says so', () => {
    const r = due([stoppedProgram(500, BEFORE_REFILL)]);
    expect(r.alarmDate).toBeNull();
    expect(r.emptyDate).toBeNull();
    expect(r.limits.alarm_margin).toBeNull();
    expect(r.dueDate).toBe('2027-07-09');
    expect(r.boundBy).toBe('drug_stability');
    expect(r.message).toBe(
      'Due 9 Jul 2027: the drug may stay in the reservoir 180 days after the refill on 10 Jan 2027 ' +
        '(no alarm date: the program in force delivers nothing).',
    );
  });

  it('a fill below the alarm volume is due on the refill day minus the margin', () => {
    const r = due([simpleProgram(300, 500, BEFORE_REFILL)], { volumeAfterMl: 1 });
    expect(r.alarmDate).toBe('2027-01-10');
    expect(r.dueDate).toBe('2027-01-06');
  });
});

describe('refillDueDate: dates are the clinic’s calendar days', () => {
  const example2 = () => [simpleProgram(300, 500, BEFORE_REFILL)];

  it('Europe/London: 30 × 24 h after a refill at 23:30 GMT is 00:30 BST, still dated day 30 (the safe side)', () => {
    const at = new Date('2027-03-20T23:30:00Z'); // 23:30 local (GMT); clocks go forward 28 Mar.
    const london = due(example2(), { at, timeZone: 'Europe/London' });
    expect(london.projection.alarmAt?.toISOString()).toBe('2027-04-19T23:30:00.000Z');
    expect(london.refillDate).toBe('2027-03-20');
    // Read on the summer clock the instant is 20 Apr; on the refill's clock 19 Apr: the earlier wins,
    // so the worked example's "alarm on day 30, due on day 26" holds across the change.
    expect(london.alarmDate).toBe('2027-04-19');
    expect(london.dueDate).toBe('2027-04-15');
  });

  it('America/New_York autumn: 30 × 24 h after 00:30 EDT is 23:30 EST the day before', () => {
    const at = new Date('2027-10-21T04:30:00Z'); // 00:30 EDT on 21 Oct; clocks go back 7 Nov.
    const r = due(example2(), { at, timeZone: 'America/New_York' });
    expect(r.projection.alarmAt?.toISOString()).toBe('2027-11-20T04:30:00.000Z');
    expect(r.refillDate).toBe('2027-10-21');
    expect(r.alarmDate).toBe('2027-11-19');
    expect(r.dueDate).toBe('2027-11-15');
    expect(r.limits.drug_stability).toBe(addDays(d('2027-10-21'), 180));
  });

  it('Pacific/Kiritimati (+14): a refill at 08:00 local on 10 Jan is 9 Jan in UTC', () => {
    const at = new Date('2027-01-09T18:00:00Z');
    const r = due(example2(), { at, timeZone: 'Pacific/Kiritimati' });
    expect(r.refillDate).toBe('2027-01-10');
    expect(r.alarmDate).toBe('2027-02-09');
    expect(r.dueDate).toBe('2027-02-05');
    expect(r.emptyDate).toBe('2027-02-12');
    expect(r.limits.drug_stability).toBe('2027-07-09');
    const utc = due(example2(), { at, timeZone: 'UTC' });
    expect([utc.refillDate, utc.alarmDate, utc.dueDate]).toEqual(['2027-01-09', '2027-02-08', '2027-02-04']);
  });

  it('Pacific/Pago_Pago (−11): a refill at 20:00 local on 10 Jan is 11 Jan in UTC', () => {
    const at = new Date('2027-01-11T07:00:00Z');
    const r = due(example2(), { at, timeZone: 'Pacific/Pago_Pago' });
    expect(r.refillDate).toBe('2027-01-10');
    expect(r.alarmDate).toBe('2027-02-09');
    expect(r.dueDate).toBe('2027-02-05');
    expect(r.limits.drug_stability).toBe('2027-07-09');
    const utc = due(example2(), { at, timeZone: 'UTC' });
    expect([utc.refillDate, utc.dueDate]).toEqual(['2027-01-11', '2027-02-06']);
  });
});

// ─── Properties ────────────────────────────────────────────────────────────────────────────────

const refillSettingsArbitrary = fc
  .record({
    safetyMarginDays: fc.integer({ min: 0, max: 30 }),
    extraHighRisk: fc.integer({ min: 0, max: 30 }),
    drugStabilityDays: fc.integer({ min: 1, max: 180 }),
    maxIntervalDays: fc.integer({ min: 30, max: 180 }),
  })
  .map(
    ({ safetyMarginDays, extraHighRisk, drugStabilityDays, maxIntervalDays }) =>
      parseClinicSettings({
        refill: {
          safetyMarginDays,
          highRiskSafetyMarginDays: Math.min(30, safetyMarginDays + extraHighRisk),
          drugStabilityDays,
          maxIntervalDays,
        },
      }).refill,
  );

const before = (a: CalendarDate, b: CalendarDate) => compareCalendarDates(a, b) <= 0;
const dueOf = (scenario: RefillScenario, programs: readonly DoseProgram[], highRisk: boolean) => {
  const projection = projected({ lastRefill: scenario.refill, ...scenario, programs });
  return {
    projection,
    ...refillDueDate(projection, { highRisk, settings: defaults, timeZone: scenario.timeZone }),
  };
};
/** a ≤ b for instants where null means "never". */
const notLater = (a: Date | null, b: Date | null) => b === null || (a !== null && a.getTime() <= b.getTime());

describe('refillDueDate properties', () => {
  it('due ≤ alarm − margin, ≤ refill + 180 days, ≤ refill + the maximum interval; it is the earliest limit', () => {
    fc.assert(
      fc.property(
        refillScenarioArbitrary(),
        refillSettingsArbitrary,
        fc.boolean(),
        (scenario, settings, highRisk) => {
          const projection = projected({ lastRefill: scenario.refill, ...scenario });
          const r = refillDueDate(projection, { highRisk, settings, timeZone: scenario.timeZone });
          const margin = highRisk ? settings.highRiskSafetyMarginDays : settings.safetyMarginDays;
          expect(r.marginDays).toBe(margin);
          if (r.alarmDate) expect(before(r.dueDate, addDays(r.alarmDate, -margin))).toBe(true);
          expect(before(r.dueDate, addDays(r.refillDate, 180))).toBe(true);
          expect(before(r.dueDate, addDays(r.refillDate, settings.drugStabilityDays))).toBe(true);
          expect(before(r.dueDate, addDays(r.refillDate, settings.maxIntervalDays))).toBe(true);
          expect(r.limits[r.boundBy]).toBe(r.dueDate);
          expect((projection.alarmAt === null) === (r.alarmDate === null)).toBe(true);
          expect(r.message.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a higher dose (the same programs scaled up) never moves the due date, alarm or empty instant later', () => {
    fc.assert(
      fc.property(
        refillScenarioArbitrary({ clinical: true }),
        fc.constantFrom(1, 1.5, 2, 4),
        fc.boolean(),
        (scenario, factor, highRisk) => {
          const base = dueOf(scenario, scenario.programs, highRisk);
          const higher = dueOf(
            scenario,
            scenario.programs.map((program) => scaleProgram(program, factor)),
            highRisk,
          );
          expect(before(higher.dueDate, base.dueDate)).toBe(true);
          expect(notLater(higher.projection.alarmAt, base.projection.alarmAt)).toBe(true);
          expect(notLater(higher.projection.emptyAt, base.projection.emptyAt)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('an extra program change raising the dose never moves the due date, alarm or empty instant later', () => {
    // In UTC: a programming session in another zone would also reset the pump clock to the new
    // offset (see reservoir-projection.test.ts), which can shift a bolus by the DST hour.
    const scenarioWithChange = refillScenarioArbitrary({ clinical: true }).chain((scenario) =>
      fc.record({
        scenario: fc.constant({ ...scenario, timeZone: 'UTC' }),
        changeAt: instantNear(scenario.refill.at, 0, 200),
        factor: fc.constantFrom(1, 1.25, 2, 3),
      }),
    );
    fc.assert(
      fc.property(scenarioWithChange, fc.boolean(), ({ scenario, changeAt, factor }, highRisk) => {
        const base = dueOf(scenario, scenario.programs, highRisk);
        const inForce = segmentAt(base.projection, changeAt)?.program;
        if (!inForce) throw new Error('a program is always in force after the refill');
        const raised = { ...scaleProgram(inForce, factor), effectiveFrom: changeAt };
        const higher = dueOf(scenario, [...scenario.programs, raised], highRisk);
        expect(before(higher.dueDate, base.dueDate)).toBe(true);
        expect(notLater(higher.projection.alarmAt, base.projection.alarmAt)).toBe(true);
        expect(notLater(higher.projection.emptyAt, base.projection.emptyAt)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
