import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, fromDayNumber, parseCalendarDate, toDayNumber } from './calendar-date.ts';
import { dailyVolumeMl, daysToVolume, simpleRefillDueDate } from './refill-math.ts';

const refillDate = parseCalendarDate('2027-01-10');

describe('dailyVolumeMl and daysToVolume', () => {
  it('divides the dose by the concentration', () => {
    expect(dailyVolumeMl(400, 2000)).toBeCloseTo(0.2, 12);
    expect(dailyVolumeMl(300, 500)).toBeCloseTo(0.6, 12);
  });

  it('refuses a concentration of zero and a negative dose', () => {
    expect(() => dailyVolumeMl(300, 0)).toThrow(RangeError);
    expect(() => dailyVolumeMl(-1, 500)).toThrow(RangeError);
  });

  it('counts the days to a volume; Infinity when nothing flows, 0 when already there', () => {
    expect(daysToVolume(40, 2, 0.2)).toBeCloseTo(190, 9);
    expect(daysToVolume(20, 2, 0)).toBe(Infinity);
    expect(daysToVolume(1.5, 2, 0.5)).toBe(0);
  });
});

describe('simpleRefillDueDate: the domain doc worked examples', () => {
  it('40 mL, 2000 mcg/mL, 400 mcg/day: 190 days to alarm, the 180-day stability cap wins', () => {
    const result = simpleRefillDueDate({
      refillDate,
      volumeAfterMl: 40,
      alarmVolumeMl: 2,
      dailyDoseMcg: 400,
      concentrationMcgPerMl: 2000,
    });
    expect(result.daysToAlarm).toBeCloseTo(190, 9);
    expect(result.alarmDate).toBe(addDays(refillDate, 190));
    expect(result.emptyDate).toBe(addDays(refillDate, 200));
    expect(result.dueDate).toBe(addDays(refillDate, 180));
    expect(result.boundBy).toBe('drug_stability');
  });

  it('20 mL, 500 mcg/mL, 300 mcg/day: 30 days to alarm, due on day 26 with a 4-day margin', () => {
    const result = simpleRefillDueDate({
      refillDate,
      volumeAfterMl: 20,
      alarmVolumeMl: 2,
      dailyDoseMcg: 300,
      concentrationMcgPerMl: 500,
    });
    expect(result.alarmDate).toBe(addDays(refillDate, 30));
    expect(result.dueDate).toBe(addDays(refillDate, 26));
    expect(result.boundBy).toBe('alarm_margin');
  });

  it('a clinic maximum interval shorter than both wins', () => {
    const result = simpleRefillDueDate({
      refillDate,
      volumeAfterMl: 40,
      alarmVolumeMl: 2,
      dailyDoseMcg: 400,
      concentrationMcgPerMl: 2000,
      maxIntervalDays: 91,
    });
    expect(result.dueDate).toBe(addDays(refillDate, 91));
    expect(result.boundBy).toBe('max_interval');
  });

  it('rounds a fractional day towards the earlier date', () => {
    // (20 − 2) / (310 / 500) = 29.03 days: the alarm is on day 29.
    const result = simpleRefillDueDate({
      refillDate,
      volumeAfterMl: 20,
      alarmVolumeMl: 2,
      dailyDoseMcg: 310,
      concentrationMcgPerMl: 500,
    });
    expect(result.alarmDate).toBe(addDays(refillDate, 29));
    expect(result.dueDate).toBe(addDays(refillDate, 25));
  });

  it('a stopped program (dose 0) has no alarm date; the stability cap sets the due date', () => {
    const result = simpleRefillDueDate({
      refillDate,
      volumeAfterMl: 20,
      alarmVolumeMl: 2,
      dailyDoseMcg: 0,
      concentrationMcgPerMl: 500,
    });
    expect(result.alarmDate).toBeNull();
    expect(result.emptyDate).toBeNull();
    expect(result.boundBy).toBe('drug_stability');
  });
});

describe('simpleRefillDueDate: properties', () => {
  const inputArb = fc.record({
    refillDate: fc.integer({ min: 0, max: 60_000 }).map(fromDayNumber),
    reservoirMl: fc.constantFrom(20, 40),
    fillFraction: fc.double({ min: 0.2, max: 1, noNaN: true }),
    alarmVolumeMl: fc.constantFrom(2, 3, 4),
    dailyDoseMcg: fc.double({ min: 10, max: 1500, noNaN: true }),
    concentrationMcgPerMl: fc.constantFrom(500, 1000, 2000),
    safetyMarginDays: fc.integer({ min: 3, max: 7 }),
    maxIntervalDays: fc.option(fc.integer({ min: 28, max: 183 }), { nil: undefined }),
  });

  it('due ≤ alarm − margin, ≤ refill + 180, ≤ refill + max interval; alarm ≤ empty', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const volumeAfterMl = input.reservoirMl * input.fillFraction;
        const result = simpleRefillDueDate({ ...input, volumeAfterMl });
        const dueDay = toDayNumber(result.dueDate);
        expect(result.alarmDate).not.toBeNull();
        if (result.alarmDate === null || result.emptyDate === null) return;
        expect(dueDay).toBeLessThanOrEqual(toDayNumber(result.alarmDate) - input.safetyMarginDays);
        expect(daysBetween(input.refillDate, result.dueDate)).toBeLessThanOrEqual(180);
        if (input.maxIntervalDays !== undefined) {
          expect(daysBetween(input.refillDate, result.dueDate)).toBeLessThanOrEqual(input.maxIntervalDays);
        }
        expect(toDayNumber(result.alarmDate)).toBeLessThanOrEqual(toDayNumber(result.emptyDate));
        expect(result.daysToAlarm).toBeLessThanOrEqual(result.daysToEmpty);
      }),
    );
  });

  it('the due date equals the limit named by boundBy', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = simpleRefillDueDate({
          ...input,
          volumeAfterMl: input.reservoirMl * input.fillFraction,
        });
        const expected = {
          alarm_margin: result.alarmDate && addDays(result.alarmDate, -input.safetyMarginDays),
          drug_stability: addDays(input.refillDate, 180),
          max_interval:
            input.maxIntervalDays === undefined ? null : addDays(input.refillDate, input.maxIntervalDays),
        }[result.boundBy];
        expect(result.dueDate).toBe(expected);
      }),
    );
  });
});
