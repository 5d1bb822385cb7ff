import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dailyDose } from './daily-dose.ts';
import { type DoseSchedule, doseScheduleSchema } from './dose-program.ts';
import { hm, scheduleInputArbitrary } from './testing/programs.ts';
import {
  compileWeeklyProfile,
  deliveredBefore,
  deliveredBetween,
  deliveredBy,
  MINUTES_PER_DAY,
  MINUTES_PER_WEEK,
  minuteWhenDelivered,
  type WeeklyProfile,
} from './weekly-profile.ts';

const DAY = MINUTES_PER_DAY;
const WEEK = MINUTES_PER_WEEK;

const schedule = (input: Record<string, unknown>): DoseSchedule => doseScheduleSchema.parse(input);
const profileOf = (input: Record<string, unknown>): WeeklyProfile => compileWeeklyProfile(schedule(input));

/** 22:00 → 07:00 at 20 mcg/h, 07:00 → 22:00 at 10 mcg/h: 180 + 150 = 330 mcg a day. */
const nightAndDay = profileOf({
  mode: 'flex',
  steps: [
    { startMinute: hm('07:00'), rateMcgPerHour: 10 },
    { startMinute: hm('22:00'), rateMcgPerHour: 20 },
  ],
});

describe('compileWeeklyProfile', () => {
  it('a simple continuous dose is one piece at dose ÷ 1440 per minute', () => {
    const profile = profileOf({ mode: 'simple_continuous', continuousDoseMcgPerDay: 1440 });
    expect(profile.starts).toEqual([0]);
    expect(profile.rates).toEqual([1]);
    expect(profile.impulses).toEqual([0]);
    expect(profile.weekTotal).toBe(7 * 1440);
  });

  it('patient boluses are spread evenly over the day at their daily maximum', () => {
    const profile = profileOf({
      mode: 'simple_continuous',
      continuousDoseMcgPerDay: 240,
      patientBolus: { doseMcg: 50, maxPerDay: 4, lockoutMinutes: 120 },
    });
    expect(profile.rates).toEqual([(240 + 200) / 1440]);
    expect(profile.weekTotal).toBeCloseTo(7 * 440, 9);
  });

  it('a flex step runs past midnight until the next step; Monday 00:00 continues Sunday night', () => {
    const p = nightAndDay;
    expect(p.starts.slice(0, 4)).toEqual([0, 420, 1320, DAY + 420]);
    expect(p.rates.slice(0, 4).map((r) => r * 60)).toEqual([20, 10, 20, 10]);
    expect(deliveredBy(p, 420)).toBeCloseTo(140, 9);
    expect(deliveredBy(p, 1320)).toBeCloseTo(290, 9);
    expect(deliveredBy(p, DAY)).toBeCloseTo(330, 9);
    expect(p.weekTotal).toBeCloseTo(7 * 330, 9);
    expect(p.before.every((sum, i) => i === 0 || sum >= (p.before[i - 1] ?? 0))).toBe(true);
  });

  it('a single flex step runs all day, every day', () => {
    const p = profileOf({ mode: 'flex', steps: [{ startMinute: hm('08:00'), rateMcgPerHour: 12 }] });
    expect(p.rates.every((rate) => rate === 12 / 60)).toBe(true);
    expect(p.weekTotal).toBeCloseTo(7 * 288, 9);
  });

  it('a stopped program delivers nothing', () => {
    const p = profileOf({ mode: 'flex', steps: [{ startMinute: 0, rateMcgPerHour: 0 }] });
    expect(p.weekTotal).toBe(0);
    expect(deliveredBy(p, 3 * WEEK + 17)).toBe(0);
  });
});

describe('a bolus with a duration wrapping past Sunday midnight', () => {
  // 60 mcg over 2 hours from Sunday 23:00: 30 mcg on Sunday, 30 mcg on Monday 00:00–01:00.
  const p = profileOf({
    mode: 'periodic_bolus',
    boluses: [{ startMinute: hm('23:00'), doseMcg: 60, durationMinutes: 120, weekdays: [7] }],
  });
  const sunday2300 = 6 * DAY + hm('23:00');

  it('is split into Sunday 23:00–24:00 and Monday 00:00–01:00', () => {
    expect(p.starts).toEqual([0, 60, sunday2300]);
    expect(p.rates).toEqual([0.5, 0, 0.5]);
    expect(p.weekTotal).toBe(60);
  });

  it('delivers across the week boundary', () => {
    expect(deliveredBy(p, 60)).toBe(30);
    expect(deliveredBy(p, sunday2300)).toBe(30);
    expect(deliveredBy(p, WEEK)).toBe(60);
    expect(deliveredBetween(p, sunday2300, WEEK + 60)).toBe(60);
    expect(deliveredBetween(p, sunday2300, WEEK + 30)).toBe(45);
    expect(minuteWhenDelivered(p, sunday2300, 30)).toBe(WEEK);
    expect(minuteWhenDelivered(p, sunday2300, 60)).toBe(WEEK + 60);
    expect(minuteWhenDelivered(p, sunday2300, 45)).toBe(WEEK + 30);
  });
});

describe('an instantaneous bolus', () => {
  // 100 mcg at Monday 08:00, nothing else.
  const p = profileOf({
    mode: 'periodic_bolus',
    boluses: [{ startMinute: hm('08:00'), doseMcg: 100, weekdays: [1] }],
  });

  it('is counted at its minute, not before', () => {
    expect(p.starts).toEqual([0, 480]);
    expect(p.impulses).toEqual([0, 100]);
    expect(deliveredBy(p, 479.999)).toBe(0);
    expect(deliveredBy(p, 480)).toBe(100);
    expect(deliveredBy(p, WEEK + 480)).toBe(200);
  });

  it('is counted at either end of a closed period, and excluded by deliveredBefore', () => {
    expect(deliveredBetween(p, 479, 480)).toBe(100);
    expect(deliveredBetween(p, 480, 1000)).toBe(100);
    expect(deliveredBetween(p, 481, WEEK + 479)).toBe(0);
    expect(deliveredBetween(p, 480, WEEK + 480)).toBe(200);
    expect(deliveredBefore(p, 480)).toBe(0);
    expect(deliveredBefore(p, 481)).toBe(100);
  });

  it('is the minute any amount up to the bolus is reached', () => {
    expect(minuteWhenDelivered(p, 0, 50)).toBe(480);
    expect(minuteWhenDelivered(p, 0, 100)).toBe(480);
    expect(minuteWhenDelivered(p, 0, 150)).toBe(WEEK + 480);
    // From the bolus minute itself, that bolus counts (a projection starting at 08:00 sees it).
    expect(minuteWhenDelivered(p, 480, 50)).toBe(480);
    expect(minuteWhenDelivered(p, 480.5, 50)).toBe(WEEK + 480);
  });
});

describe('minuteWhenDelivered', () => {
  it('finds the minute in the right piece, weeks ahead', () => {
    expect(minuteWhenDelivered(nightAndDay, 0, 140)).toBeCloseTo(420, 9);
    expect(minuteWhenDelivered(nightAndDay, 0, 290)).toBeCloseTo(1320, 9);
    expect(minuteWhenDelivered(nightAndDay, 1320, 40)).toBeCloseTo(DAY, 9);
    expect(minuteWhenDelivered(nightAndDay, 0, 3 * 7 * 330 + 140)).toBeCloseTo(3 * WEEK + 420, 6);
    expect(minuteWhenDelivered(nightAndDay, 5 * WEEK + 1320, 10 * 7 * 330)).toBeCloseTo(15 * WEEK + 1320, 6);
  });

  it('returns the start for no amount, null when nothing is ever delivered', () => {
    expect(minuteWhenDelivered(nightAndDay, 123, 0)).toBe(123);
    const stopped = profileOf({ mode: 'simple_continuous', continuousDoseMcgPerDay: 0 });
    expect(minuteWhenDelivered(stopped, 0, 1)).toBeNull();
    expect(minuteWhenDelivered(stopped, 0, 0)).toBe(0);
  });
});

const clinicalProfile = scheduleInputArbitrary({ clinical: true }).map((input) =>
  compileWeeklyProfile(doseScheduleSchema.parse(input)),
);
const anyProfile = scheduleInputArbitrary().map((input) =>
  compileWeeklyProfile(doseScheduleSchema.parse(input)),
);
const weekMinute = fc.double({ min: 0, max: 3 * WEEK, noNaN: true });
/** A week minute with an exact binary fraction, so adding whole weeks is exact. */
const exactWeekMinute = fc
  .tuple(fc.integer({ min: 0, max: 3 * WEEK }), fc.integer({ min: 0, max: 1023 }))
  .map(([minute, fraction]) => minute + fraction / 1024);

/**
 * The amount delivered from `from` to `m` is `amount` (1e-6 relative, plus the rounding of the
 * cumulative sums the amounts are differences of). When rounding puts `m` exactly on an instantaneous
 * bolus (the target reached at the very minute a bolus is given), the amount is reached there: not
 * yet just before, and at least at `m`. minuteWhenDelivered treats a delivery within 1e-9 mcg of the
 * target as reaching it (float noise in mL × mcg/mL), hence the absolute part of the tolerance.
 */
function expectAmountAt(p: WeeklyProfile, from: number, m: number, amount: number, cumulative: number): void {
  const tolerance = 1e-6 * amount + 1e-12 * cumulative + 1e-9;
  const atM = deliveredBetween(p, from, m);
  const justBefore = deliveredBetween(p, from, Math.max(from, m - 1e-6));
  if (atM - justBefore > tolerance) {
    expect(justBefore).toBeLessThanOrEqual(amount + tolerance);
    expect(atM).toBeGreaterThanOrEqual(amount - tolerance);
  } else {
    expect(Math.abs(atM - amount)).toBeLessThanOrEqual(tolerance);
  }
}

describe('properties', () => {
  it('deliveredBetween → minuteWhenDelivered round trip: back by `to`, the same amount', () => {
    fc.assert(
      fc.property(
        clinicalProfile,
        weekMinute,
        fc.double({ min: 0, max: 4 * WEEK, noNaN: true }),
        (p, from, span) => {
          const to = from + span;
          const amount = deliveredBetween(p, from, to);
          const minute = minuteWhenDelivered(p, from, amount);
          if (p.weekTotal === 0) {
            expect(amount).toBe(0);
            return;
          }
          expect(minute).not.toBeNull();
          const m = minute ?? NaN;
          expect(m).toBeGreaterThanOrEqual(from);
          expect(m).toBeLessThanOrEqual(to + 1e-9 * Math.max(1, to));
          expectAmountAt(p, from, m, amount, deliveredBy(p, to));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('minuteWhenDelivered is the first minute the amount is reached', () => {
    fc.assert(
      fc.property(
        clinicalProfile,
        weekMinute,
        fc.double({ min: 1e-3, max: 20_000, noNaN: true }),
        (p, from, amount) => {
          const minute = minuteWhenDelivered(p, from, amount);
          if (p.weekTotal === 0) {
            expect(minute).toBeNull();
            return;
          }
          const m = minute ?? NaN;
          // Equal when a bolus falls exactly on `from` (fast-check's favourite: minute 0 and a bolus at
          // midnight): it counts as delivered from that instant on, the conservative reading.
          expect(m).toBeGreaterThanOrEqual(from);
          // Rounding error of the cumulative sums the amounts are differences of.
          const rounding = 1e-12 * deliveredBy(p, m);
          expect(deliveredBetween(p, from, m)).toBeGreaterThanOrEqual(amount * (1 - 1e-9) - rounding);
          // A hundredth of a minute earlier, not yet.
          if (m - 0.01 > from) expect(deliveredBetween(p, from, m - 0.01)).toBeLessThan(amount);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('deliveredBy is non-decreasing and repeats weekly, for every schedule the schema accepts', () => {
    fc.assert(
      fc.property(
        anyProfile,
        exactWeekMinute,
        fc.double({ min: 0, max: WEEK, noNaN: true }),
        fc.nat(20),
        (p, a, d, k) => {
          expect(p.starts[0]).toBe(0);
          expect(Number.isFinite(p.weekTotal)).toBe(true);
          expect(deliveredBy(p, a + d)).toBeGreaterThanOrEqual(
            deliveredBy(p, a) - 1e-9 * Math.max(1, p.weekTotal),
          );
          const later = deliveredBy(p, a + k * WEEK);
          expect(Math.abs(later - deliveredBy(p, a) - k * p.weekTotal)).toBeLessThanOrEqual(
            1e-9 * Math.max(1, later),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the week total is seven average days of the daily dose', () => {
    fc.assert(
      fc.property(scheduleInputArbitrary(), (input) => {
        const s = doseScheduleSchema.parse(input);
        const weekTotal = compileWeeklyProfile(s).weekTotal;
        expect(Math.abs(weekTotal - 7 * dailyDose(s).averageMcg)).toBeLessThanOrEqual(
          1e-9 * Math.max(1, weekTotal),
        );
      }),
      { numRuns: 200 },
    );
  });
});
