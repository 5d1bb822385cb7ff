import { type BatteryStatus } from './battery.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCalendarDates, fromDayNumber, parseCalendarDate } from './calendar-date.ts';
import {
  batteryUrgency,
  compareWorklistPriority,
  followUpUrgency,
  refillUrgency,
  URGENCY_ORDER,
  type WorklistKey,
} from './priority.ts';

const d = parseCalendarDate;
const key = (urgency: WorklistKey['urgency'], highRisk: boolean, date: string | null, tiebreak?: string) => ({
  urgency,
  highRisk,
  date: date === null ? null : d(date),
  ...(tiebreak === undefined ? {} : { tiebreak }),
});
const sorted = <T extends WorklistKey>(keys: readonly T[]): T[] => [...keys].sort(compareWorklistPriority);

describe('compareWorklistPriority', () => {
  it('orders urgencies: critical, unknown, overdue, due soon, upcoming, ok', () => {
    expect(URGENCY_ORDER).toEqual(['critical', 'unknown', 'overdue', 'due_soon', 'upcoming', 'ok']);
    const keys = [...URGENCY_ORDER].reverse().map((urgency) => key(urgency, false, '2027-01-01'));
    expect(sorted(keys).map((k) => k.urgency)).toEqual([...URGENCY_ORDER]);
  });

  it('urgency wins over high risk and date', () => {
    expect(
      compareWorklistPriority(key('critical', false, null), key('overdue', true, '2000-01-01')),
    ).toBeLessThan(0);
    expect(
      compareWorklistPriority(key('upcoming', true, '2000-01-01'), key('due_soon', false, null)),
    ).toBeGreaterThan(0);
  });

  it('high-risk patients first within the same urgency, whatever the date', () => {
    expect(
      compareWorklistPriority(key('overdue', true, '2027-03-01'), key('overdue', false, '2027-01-01')),
    ).toBeLessThan(0);
    expect(
      compareWorklistPriority(key('overdue', false, '2027-01-01'), key('overdue', true, '2027-03-01')),
    ).toBeGreaterThan(0);
  });

  it('then the earliest date; no date last', () => {
    expect(
      compareWorklistPriority(key('ok', false, '2027-01-01'), key('ok', false, '2027-01-02')),
    ).toBeLessThan(0);
    expect(compareWorklistPriority(key('ok', false, null), key('ok', false, '2099-12-31'))).toBeGreaterThan(
      0,
    );
    expect(compareWorklistPriority(key('ok', false, '2099-12-31'), key('ok', false, null))).toBeLessThan(0);
    expect(compareWorklistPriority(key('ok', false, null), key('ok', false, null))).toBe(0);
  });

  it('then the tiebreak; equal keys compare equal', () => {
    expect(
      compareWorklistPriority(key('ok', false, '2027-01-01', 'a'), key('ok', false, '2027-01-01', 'b')),
    ).toBeLessThan(0);
    expect(
      compareWorklistPriority(key('ok', false, '2027-01-01', 'b'), key('ok', false, '2027-01-01', 'a')),
    ).toBeGreaterThan(0);
    expect(
      compareWorklistPriority(key('ok', false, '2027-01-01', 'a'), key('ok', false, '2027-01-01', 'a')),
    ).toBe(0);
    expect(compareWorklistPriority(key('ok', false, '2027-01-01'), key('ok', false, '2027-01-01'))).toBe(0);
  });
});

describe('urgency of each worklist', () => {
  it('a refill status is its own urgency', () => {
    for (const status of ['critical', 'unknown', 'overdue', 'due_soon', 'upcoming', 'ok'] as const) {
      expect(refillUrgency(status)).toBe(status);
    }
  });

  it('battery: ERI critical, overdue replacement overdue (critical past the estimated end), window due soon, approaching upcoming', () => {
    const battery = (status: BatteryStatus, pastEstimatedEnd = false) =>
      batteryUrgency({ status, pastEstimatedEnd });
    expect(battery('eri_reported')).toBe('critical');
    expect(battery('replacement_overdue')).toBe('overdue');
    expect(battery('replacement_overdue', true)).toBe('critical');
    expect(battery('in_window')).toBe('due_soon');
    expect(battery('approaching')).toBe('upcoming');
    expect(battery('ok')).toBe('ok');
  });

  it('follow-up: never reviewed and overdue are overdue', () => {
    expect(followUpUrgency('never_reviewed')).toBe('overdue');
    expect(followUpUrgency('overdue')).toBe('overdue');
    expect(followUpUrgency('due_soon')).toBe('due_soon');
    expect(followUpUrgency('ok')).toBe('ok');
  });
});

// ─── Properties ────────────────────────────────────────────────────────────────────────────────

const keyArbitrary: fc.Arbitrary<WorklistKey> = fc.record(
  {
    urgency: fc.constantFrom(...URGENCY_ORDER),
    highRisk: fc.boolean(),
    // A narrow range of days so that equal dates are common.
    date: fc.option(
      fc.integer({ min: 20_820, max: 20_830 }).map((day) => fromDayNumber(day)),
      { nil: null },
    ),
    tiebreak: fc.constantFrom('p-01', 'p-02', 'p-03', 'P-04'),
  },
  { requiredKeys: ['urgency', 'highRisk', 'date'] },
);

/** Entries tagged with their position in the input, to check stability. */
const entriesArbitrary = fc
  .array(keyArbitrary, { maxLength: 40 })
  .map((keys) => keys.map((k, index) => ({ ...k, index })));

function expectInOrder(a: WorklistKey, b: WorklistKey): void {
  const urgency = URGENCY_ORDER.indexOf(a.urgency) - URGENCY_ORDER.indexOf(b.urgency);
  expect(urgency).toBeLessThanOrEqual(0);
  if (urgency < 0) return;
  if (a.highRisk !== b.highRisk) {
    expect(a.highRisk).toBe(true);
    return;
  }
  if (a.date === null) {
    expect(b.date).toBeNull();
  } else if (b.date !== null && a.date !== b.date) {
    expect(compareCalendarDates(a.date, b.date)).toBeLessThan(0);
    return;
  }
  if (a.date !== b.date) return;
  expect((a.tiebreak ?? '').localeCompare(b.tiebreak ?? '')).toBeLessThanOrEqual(0);
}

describe('worklist order properties', () => {
  it('Array.prototype.sort of a shuffled list: every neighbouring pair is in order', () => {
    fc.assert(
      fc.property(
        entriesArbitrary.chain((entries) => fc.shuffledSubarray(entries, { minLength: entries.length })),
        (entries) => {
          const result = sorted(entries);
          expect(result).toHaveLength(entries.length);
          for (let i = 1; i < result.length; i += 1) {
            const [a, b] = [result[i - 1], result[i]];
            if (a && b) expectInOrder(a, b);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the order does not depend on the input order, and equal keys keep their input order', () => {
    fc.assert(
      fc.property(
        entriesArbitrary.chain((entries) =>
          fc.tuple(fc.constant(entries), fc.shuffledSubarray(entries, { minLength: entries.length })),
        ),
        ([entries, shuffled]) => {
          const strip = ({ index: _index, ...k }: WorklistKey & { index: number }) => k;
          expect(sorted(shuffled).map(strip)).toEqual(sorted(entries).map(strip));
          // Stable: among entries comparing equal, the input order is kept.
          const result = sorted(shuffled);
          const position = new Map(shuffled.map((entry, i) => [entry.index, i]));
          for (let i = 1; i < result.length; i += 1) {
            const [a, b] = [result[i - 1], result[i]];
            if (a && b && compareWorklistPriority(a, b) === 0) {
              expect(position.get(a.index) ?? NaN).toBeLessThan(position.get(b.index) ?? NaN);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is a consistent comparator: antisymmetric and transitive', () => {
    fc.assert(
      fc.property(keyArbitrary, keyArbitrary, keyArbitrary, (a, b, c) => {
        expect(Math.sign(compareWorklistPriority(a, b))).toBe(-Math.sign(compareWorklistPriority(b, a)) || 0);
        if (compareWorklistPriority(a, b) <= 0 && compareWorklistPriority(b, c) <= 0) {
          expect(compareWorklistPriority(a, c)).toBeLessThanOrEqual(0);
        }
      }),
      { numRuns: 200 },
    );
  });
});
