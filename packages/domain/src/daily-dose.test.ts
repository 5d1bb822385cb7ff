import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dailyDose } from './daily-dose.ts';
import { type DoseSchedule, doseScheduleSchema } from './dose-program.ts';
import { hm, scaleProgram, scheduleInputArbitrary } from './testing/programs.ts';

const schedule = (input: Record<string, unknown>): DoseSchedule => doseScheduleSchema.parse(input);
const totals = (s: DoseSchedule) => dailyDose(s).byWeekday.map((day) => day.totalMcg);
const closeTo = (values: readonly number[], expected: readonly number[]) => {
  expect(values).toHaveLength(expected.length);
  values.forEach((value, i) => {
    expect(value).toBeCloseTo(expected[i] ?? NaN, 9);
  });
};

describe('dailyDose: simple continuous', () => {
  it('is the programmed dose every day', () => {
    const dose = dailyDose(schedule({ mode: 'simple_continuous', continuousDoseMcgPerDay: 300 }));
    expect(dose.totalMcg).toBeCloseTo(300, 9);
    expect(dose.averageMcg).toBeCloseTo(300, 9);
    expect(dose.variesByWeekday).toBe(false);
    expect(dose.byWeekday.map((day) => day.weekday)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(dose.parts).toEqual({
      weekday: 1,
      basalMcg: dose.parts.basalMcg,
      scheduledBolusMcg: 0,
      patientBolusMaxMcg: 0,
      totalMcg: dose.totalMcg,
    });
    expect(dose.parts.basalMcg).toBeCloseTo(300, 9);
  });

  it('is zero for a stopped pump', () => {
    const dose = dailyDose(schedule({ mode: 'simple_continuous', continuousDoseMcgPerDay: 0 }));
    expect(dose.totalMcg).toBe(0);
    expect(dose.averageMcg).toBe(0);
    expect(dose.variesByWeekday).toBe(false);
  });

  it('counts patient-activated boluses at their daily maximum × dose', () => {
    const dose = dailyDose(
      schedule({
        mode: 'simple_continuous',
        continuousDoseMcgPerDay: 300,
        patientBolus: { doseMcg: 50, maxPerDay: 4, lockoutMinutes: 180 },
      }),
    );
    expect(dose.totalMcg).toBeCloseTo(500, 9);
    expect(dose.parts.patientBolusMaxMcg).toBe(200);
    expect(dose.parts.basalMcg).toBeCloseTo(300, 9);
    expect(dose.averageMcg).toBeCloseTo(500, 9);
  });
});

describe('dailyDose: flex', () => {
  it('a step across midnight: 22:00 → 07:00 at 20 mcg/h and 07:00 → 22:00 at 10 mcg/h = 330 mcg', () => {
    const dose = dailyDose(
      schedule({
        mode: 'flex',
        steps: [
          { startMinute: hm('22:00'), rateMcgPerHour: 20 },
          { startMinute: hm('07:00'), rateMcgPerHour: 10 },
        ],
      }),
    );
    expect(dose.totalMcg).toBeCloseTo(330, 9);
    closeTo(
      dose.byWeekday.map((day) => day.basalMcg),
      [330, 330, 330, 330, 330, 330, 330],
    );
    expect(dose.variesByWeekday).toBe(false);
    expect(dose.averageMcg).toBeCloseTo(330, 9);
  });

  it('a single step runs all day', () => {
    const s = schedule({ mode: 'flex', steps: [{ startMinute: hm('13:30'), rateMcgPerHour: 12.5 }] });
    const dose = dailyDose(s);
    closeTo(totals(s), [300, 300, 300, 300, 300, 300, 300]);
    expect(dose.totalMcg).toBeCloseTo(300, 9);
  });

  it('weekday steps: a day without steps continues the previous day’s last step, Monday continues Sunday night', () => {
    // Mon–Fri: 07:00 at 10 mcg/h, 22:00 at 20 mcg/h. Saturday: no steps (Friday 22:00 runs on).
    // Sunday: 22:00 at 40 mcg/h (until Monday 07:00).
    const s = schedule({
      mode: 'flex',
      steps: [
        { startMinute: hm('07:00'), rateMcgPerHour: 10, weekdays: [1, 2, 3, 4, 5] },
        { startMinute: hm('22:00'), rateMcgPerHour: 20, weekdays: [1, 2, 3, 4, 5] },
        { startMinute: hm('22:00'), rateMcgPerHour: 40, weekdays: [7] },
      ],
    });
    const dose = dailyDose(s);
    // Monday: 7 h × 40 (Sunday night) + 15 h × 10 + 2 h × 20 = 280 + 150 + 40 = 470.
    // Tue–Fri: 7 h × 20 + 15 h × 10 + 2 h × 20 = 140 + 150 + 40 = 330.
    // Saturday: 24 h × 20 = 480. Sunday: 22 h × 20 + 2 h × 40 = 440 + 80 = 520.
    closeTo(totals(s), [470, 330, 330, 330, 330, 480, 520]);
    // The most in any 24 h is more than any calendar day: Sunday 07:00 → Monday 07:00 is
    // 15 h × 20 (Friday's night step still running) + 9 h × 40 = 660.
    expect(dose.totalMcg).toBeCloseTo(660, 9);
    expect(dose.parts.weekday).toBe(7);
    expect(dose.parts.totalMcg).toBeCloseTo(520, 9);
    expect(dose.variesByWeekday).toBe(true);
    expect(dose.averageMcg).toBeCloseTo(2790 / 7, 9);
  });

  it('the highest day is the first such day of the week', () => {
    const s = schedule({
      mode: 'flex',
      steps: [
        { startMinute: 0, rateMcgPerHour: 20, weekdays: [2] },
        { startMinute: 0, rateMcgPerHour: 10, weekdays: [3] },
        { startMinute: 0, rateMcgPerHour: 20, weekdays: [5] },
        { startMinute: 0, rateMcgPerHour: 10, weekdays: [6] },
      ],
    });
    // Mon continues Sat/Sun (10); Tue 20; Wed/Thu 10; Fri 20; Sat/Sun 10.
    closeTo(totals(s), [240, 480, 240, 240, 480, 240, 240]);
    expect(dailyDose(s).parts.weekday).toBe(2);
  });
});

describe('dailyDose: periodic boluses', () => {
  it('counts each bolus on its weekdays, with or without duration, over the basal rate', () => {
    const s = schedule({
      mode: 'periodic_bolus',
      steps: [{ startMinute: 0, rateMcgPerHour: 5 }],
      boluses: [
        { startMinute: hm('08:00'), doseMcg: 50 },
        { startMinute: hm('20:00'), doseMcg: 100, durationMinutes: 60, weekdays: [1, 3, 5] },
      ],
    });
    const dose = dailyDose(s);
    // Basal 5 × 24 = 120; 50 every day; 100 on Mon, Wed, Fri.
    closeTo(totals(s), [270, 170, 270, 170, 270, 170, 170]);
    expect(dose.totalMcg).toBeCloseTo(270, 9);
    expect(dose.parts).toMatchObject({ weekday: 1, scheduledBolusMcg: 150 });
    expect(dose.parts.basalMcg).toBeCloseTo(120, 9);
    expect(dose.variesByWeekday).toBe(true);
    expect(dose.averageMcg).toBeCloseTo(1490 / 7, 9);
  });

  it('a bolus running past midnight counts on the day it starts', () => {
    const s = schedule({
      mode: 'periodic_bolus',
      boluses: [{ startMinute: hm('23:30'), doseMcg: 60, durationMinutes: 60, weekdays: [7] }],
    });
    closeTo(totals(s), [0, 0, 0, 0, 0, 0, 60]);
    expect(dailyDose(s).averageMcg).toBeCloseTo(60 / 7, 9);
  });

  it('adds patient boluses to a bolus program', () => {
    const s = schedule({
      mode: 'periodic_bolus',
      boluses: [{ startMinute: hm('06:00'), doseMcg: 100 }],
      patientBolus: { doseMcg: 20, maxPerDay: 3, lockoutMinutes: 60 },
    });
    closeTo(totals(s), [160, 160, 160, 160, 160, 160, 160]);
    expect(dailyDose(s).parts).toMatchObject({ basalMcg: 0, scheduledBolusMcg: 100, patientBolusMaxMcg: 60 });
  });
});

describe('dailyDose: the most delivered in any 24 hours', () => {
  it('counts a weekday night step whole across midnight (the ceiling cannot be split away)', () => {
    // Every day 06:00 at 40 mcg/h; Fridays 22:00 at 200 mcg/h until Saturday 06:00.
    const s = schedule({
      mode: 'flex',
      steps: [
        { startMinute: hm('06:00'), rateMcgPerHour: 40 },
        { startMinute: hm('22:00'), rateMcgPerHour: 200, weekdays: [5] },
      ],
    });
    closeTo(totals(s), [960, 960, 960, 960, 1280, 1920, 960]);
    // Friday 06:00 → Saturday 06:00: 16 h × 40 + 8 h × 200 = 2240.
    expect(dailyDose(s).totalMcg).toBeCloseTo(2240, 9);
  });

  it('counts a daily bolus once, whatever the window', () => {
    const s = schedule({ mode: 'periodic_bolus', boluses: [{ startMinute: hm('08:00'), doseMcg: 50 }] });
    expect(dailyDose(s).totalMcg).toBeCloseTo(50, 9);
  });
});

describe('dailyDose: properties', () => {
  const anySchedule = scheduleInputArbitrary().map((input) => doseScheduleSchema.parse(input));

  it('totalMcg is at least the highest calendar day (exactly it when every entry runs daily), never below the average; parts add up', () => {
    fc.assert(
      fc.property(anySchedule, (s) => {
        const dose = dailyDose(s);
        const max = Math.max(...dose.byWeekday.map((day) => day.totalMcg));
        expect(dose.totalMcg).toBeGreaterThanOrEqual(max - 1e-9 * Math.max(1, max));
        expect(dose.parts.totalMcg).toBeCloseTo(max, 6);
        const daily = [...s.steps, ...s.boluses].every((entry) => entry.weekdays.length === 0);
        if (daily) expect(dose.totalMcg).toBeCloseTo(max, 6);
        expect(dose.totalMcg).toBeGreaterThanOrEqual(dose.averageMcg - 1e-9 * Math.max(1, dose.totalMcg));
        expect(dose.byWeekday).toContain(dose.parts);
        for (const day of dose.byWeekday) {
          expect(day.totalMcg).toBe(day.basalMcg + day.scheduledBolusMcg + day.patientBolusMaxMcg);
          expect(day.basalMcg).toBeGreaterThanOrEqual(0);
        }
        if (!dose.variesByWeekday) {
          expect(dose.averageMcg).toBeCloseTo(dose.parts.totalMcg, 6);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('scaling every rate and dose scales the daily dose', () => {
    fc.assert(
      fc.property(
        scheduleInputArbitrary({ clinical: true }).map((input) => doseScheduleSchema.parse(input)),
        fc.constantFrom(0.5, 2, 3, 10),
        (s, factor) => {
          const base = dailyDose(s);
          const scaled = dailyDose(scaleProgram(s, factor));
          const tolerance = 1e-9 * Math.max(1, base.totalMcg * factor);
          expect(Math.abs(scaled.totalMcg - base.totalMcg * factor)).toBeLessThanOrEqual(tolerance);
          expect(Math.abs(scaled.averageMcg - base.averageMcg * factor)).toBeLessThanOrEqual(tolerance);
          scaled.byWeekday.forEach((day, i) => {
            expect(
              Math.abs(day.totalMcg - (base.byWeekday[i]?.totalMcg ?? NaN) * factor),
            ).toBeLessThanOrEqual(tolerance);
          });
          expect(scaled.variesByWeekday).toBe(base.variesByWeekday);
        },
      ),
      { numRuns: 200 },
    );
  });
});
