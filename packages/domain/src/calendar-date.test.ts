import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  addDays,
  addMonths,
  calendarDateFromParts,
  calendarDateInZone,
  calendarDateToUtcDate,
  compareCalendarDates,
  daysBetween,
  fromDayNumber,
  isCalendarDate,
  parseCalendarDate,
  startOfDayInZone,
  toCalendarDate,
  toDayNumber,
} from './calendar-date.ts';

const d = parseCalendarDate;
const HOUR = 3_600_000;
const ZONES = [
  'UTC',
  'Europe/London',
  'America/New_York',
  'Australia/Sydney',
  'Pacific/Auckland',
  'America/Santiago',
  'Asia/Kolkata',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
];

/** Day numbers of 1900-01-01 … 2199-12-31: the dates a clinic will ever hold. */
const dayNumberArb = fc.integer({ min: toDayNumber(d('1900-01-01')), max: toDayNumber(d('2199-12-31')) });
const dateArb = dayNumberArb.map(fromDayNumber);

describe('parseCalendarDate', () => {
  it('accepts real dates, including leap days', () => {
    expect(d('2024-02-29')).toBe('2024-02-29');
    expect(d('2000-02-29')).toBe('2000-02-29');
    expect(d('2027-12-31')).toBe('2027-12-31');
  });

  it('rejects impossible dates', () => {
    for (const text of ['2027-02-29', '1900-02-29', '2027-04-31', '2027-13-01', '2027-00-10', '2027-01-00']) {
      expect(() => d(text), text).toThrow(RangeError);
      expect(isCalendarDate(text)).toBe(false);
    }
  });

  it('rejects other shapes', () => {
    for (const text of ['2027-3-1', '27-03-01', '2027-03-01T00:00:00Z', ' 2027-03-01', '2027/03/01', '']) {
      expect(() => d(text), text).toThrow(RangeError);
    }
  });
});

describe('day arithmetic', () => {
  it('crosses month ends, year ends and leap days', () => {
    expect(addDays(d('2024-02-28'), 1)).toBe('2024-02-29');
    expect(addDays(d('2023-02-28'), 1)).toBe('2023-03-01');
    expect(addDays(d('2027-12-31'), 1)).toBe('2028-01-01');
    expect(addDays(d('2027-03-31'), -31)).toBe('2027-02-28');
    expect(addDays(d('2026-11-25'), 180)).toBe('2027-05-24');
  });

  it('adds calendar months, clamping to the end of shorter months', () => {
    expect(addMonths(d('2027-01-31'), 1)).toBe('2027-02-28');
    expect(addMonths(d('2024-01-31'), 1)).toBe('2024-02-29');
    expect(addMonths(d('2024-02-29'), 12)).toBe('2025-02-28');
    expect(addMonths(d('2027-03-15'), -6)).toBe('2026-09-15');
    expect(addMonths(d('2020-05-10'), 78)).toBe('2026-11-10');
  });

  it('counts whole days b − a', () => {
    expect(daysBetween(d('2024-01-01'), d('2025-01-01'))).toBe(366);
    expect(daysBetween(d('2027-01-01'), d('2028-01-01'))).toBe(365);
    expect(daysBetween(d('2027-03-10'), d('2027-03-01'))).toBe(-9);
  });

  it('refuses fractional days', () => {
    expect(() => addDays(d('2027-01-01'), 0.5)).toThrow(RangeError);
  });

  it('compares dates', () => {
    expect(compareCalendarDates(d('2027-01-01'), d('2027-01-02'))).toBe(-1);
    expect(compareCalendarDates(d('2027-01-02'), d('2027-01-02'))).toBe(0);
    expect(compareCalendarDates(d('2028-01-01'), d('2027-12-31'))).toBe(1);
  });

  it('property: addDays then daysBetween round-trips', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -40_000, max: 40_000 }), (date, n) => {
        const later = addDays(date, n);
        expect(daysBetween(date, later)).toBe(n);
        expect(addDays(later, -n)).toBe(date);
        expect(Math.sign(compareCalendarDates(later, date))).toBe(Math.sign(n));
      }),
    );
  });

  it('property: parse ∘ format is the identity and agrees with the ISO calendar', () => {
    fc.assert(
      fc.property(dayNumberArb, (n) => {
        const date = fromDayNumber(n);
        expect(parseCalendarDate(String(date))).toBe(date);
        expect(toDayNumber(date)).toBe(n);
        // Oracle: the UTC calendar of Date (zone-independent).
        expect(date).toBe(new Date(n * 86_400_000).toISOString().slice(0, 10));
      }),
    );
  });

  it('property: parts → date → parts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        (y, m, day) => {
          const date = calendarDateFromParts(y, m, day);
          expect(parseCalendarDate(date)).toBe(date);
        },
      ),
    );
  });
});

describe('calendarDateInZone', () => {
  it('puts an instant just before / after local midnight on the right day in Sydney (UTC+11 in November)', () => {
    expect(calendarDateInZone(new Date('2026-11-24T12:59:59.999Z'), 'Australia/Sydney')).toBe('2026-11-24');
    expect(calendarDateInZone(new Date('2026-11-24T13:00:00.000Z'), 'Australia/Sydney')).toBe('2026-11-25');
  });

  it('puts an instant just before / after local midnight on the right day in Auckland (UTC+13 in November)', () => {
    expect(calendarDateInZone(new Date('2026-11-24T10:59:59.999Z'), 'Pacific/Auckland')).toBe('2026-11-24');
    expect(calendarDateInZone(new Date('2026-11-24T11:00:00.000Z'), 'Pacific/Auckland')).toBe('2026-11-25');
  });

  it('is a different day in London and New York for the same instant', () => {
    const instant = new Date('2027-03-14T02:30:00Z');
    expect(calendarDateInZone(instant, 'Europe/London')).toBe('2027-03-14');
    expect(calendarDateInZone(instant, 'America/New_York')).toBe('2027-03-13');
  });

  it('rejects an unknown zone', () => {
    expect(() => calendarDateInZone(new Date(0), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('startOfDayInZone', () => {
  it('London, 2027-03-28 (clocks go forward at 01:00): the day starts in GMT and lasts 23 hours', () => {
    const start = startOfDayInZone(d('2027-03-28'), 'Europe/London');
    const next = startOfDayInZone(d('2027-03-29'), 'Europe/London');
    expect(start.toISOString()).toBe('2027-03-28T00:00:00.000Z');
    expect(next.toISOString()).toBe('2027-03-28T23:00:00.000Z');
    expect(next.getTime() - start.getTime()).toBe(23 * HOUR);
  });

  it('London, 2027-10-31 (clocks go back): a 25-hour day', () => {
    const start = startOfDayInZone(d('2027-10-31'), 'Europe/London');
    const next = startOfDayInZone(d('2027-11-01'), 'Europe/London');
    expect(start.toISOString()).toBe('2027-10-30T23:00:00.000Z');
    expect(next.getTime() - start.getTime()).toBe(25 * HOUR);
  });

  it('New York, 2027-03-14 (clocks go forward at 02:00): EST midnight, next day in EDT', () => {
    expect(startOfDayInZone(d('2027-03-14'), 'America/New_York').toISOString()).toBe(
      '2027-03-14T05:00:00.000Z',
    );
    expect(startOfDayInZone(d('2027-03-15'), 'America/New_York').toISOString()).toBe(
      '2027-03-15T04:00:00.000Z',
    );
  });

  it('Sydney and Auckland midnights are on the previous UTC day', () => {
    expect(startOfDayInZone(d('2026-11-25'), 'Australia/Sydney').toISOString()).toBe(
      '2026-11-24T13:00:00.000Z',
    );
    expect(startOfDayInZone(d('2026-11-25'), 'Pacific/Auckland').toISOString()).toBe(
      '2026-11-24T11:00:00.000Z',
    );
  });

  it('Santiago, a day whose midnight is skipped: starts at the transition (01:00 local)', () => {
    // Chile moves clocks from 24:00 to 01:00 on the first Sunday of September (2026-09-06).
    const start = startOfDayInZone(d('2026-09-06'), 'America/Santiago');
    expect(calendarDateInZone(start, 'America/Santiago')).toBe('2026-09-06');
    expect(calendarDateInZone(new Date(start.getTime() - 1), 'America/Santiago')).toBe('2026-09-05');
    expect(start.toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });

  it('property: the start of a day falls on that day, and the millisecond before on the day before', () => {
    fc.assert(
      fc.property(dateArb, fc.constantFrom(...ZONES), (date, zone) => {
        const start = startOfDayInZone(date, zone);
        expect(calendarDateInZone(start, zone)).toBe(date);
        expect(calendarDateInZone(new Date(start.getTime() - 1), zone)).toBe(addDays(date, -1));
      }),
      { numRuns: 500 },
    );
  });
});

describe('date columns', () => {
  it('reads and writes UTC-midnight dates', () => {
    expect(toCalendarDate(new Date('2027-03-14T00:00:00.000Z'))).toBe('2027-03-14');
    expect(calendarDateToUtcDate(d('2027-03-14')).toISOString()).toBe('2027-03-14T00:00:00.000Z');
    expect(toCalendarDate(new Date('1969-12-31T00:00:00.000Z'))).toBe('1969-12-31');
  });

  it('refuses a Date with a time of day, or an invalid Date', () => {
    expect(() => toCalendarDate(new Date('2027-03-14T05:00:00.000Z'))).toThrow(RangeError);
    expect(() => toCalendarDate(new Date(NaN))).toThrow(RangeError);
  });

  it('property: the round trip is the identity', () => {
    fc.assert(
      fc.property(dateArb, (date) => {
        expect(toCalendarDate(calendarDateToUtcDate(date))).toBe(date);
      }),
    );
  });
});

describe('independence from the machine zone', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('gives the same answers when the process runs in another zone', () => {
    // Node re-reads TZ when it changes, so Date's local methods now use UTC+14.
    vi.stubEnv('TZ', 'Pacific/Kiritimati');
    expect(new Date('2027-03-14T00:00:00.000Z').getTimezoneOffset()).toBe(-14 * 60);
    expect(addDays(d('2027-03-27'), 1)).toBe('2027-03-28');
    expect(toCalendarDate(new Date('2027-03-14T00:00:00.000Z'))).toBe('2027-03-14');
    expect(startOfDayInZone(d('2027-03-28'), 'Europe/London').toISOString()).toBe('2027-03-28T00:00:00.000Z');
    expect(calendarDateInZone(new Date('2027-03-14T02:30:00Z'), 'America/New_York')).toBe('2027-03-13');
  });
});

describe('calendarDateInZone: the hourly offset cache agrees with Intl', () => {
  const zones = [
    'Europe/London',
    'America/New_York',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
    'Pacific/Chatham',
  ];
  const formats = new Map<string, Intl.DateTimeFormat>();
  const intlDate = (instant: Date, timeZone: string): string => {
    let format = formats.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
      formats.set(timeZone, format);
    }
    return format.format(instant);
  };

  it('around half-hour and 45-minute DST changes (Lord Howe, Chatham), minute by minute', () => {
    // Lord Howe leaves DST at 02:00 local (+11) on 4 Apr 2027 = 15:00 UTC on 3 Apr, to +10:30.
    for (const zone of ['Australia/Lord_Howe', 'Pacific/Chatham']) {
      const start = Date.UTC(2027, 3, 3, 12, 0);
      for (let minute = 0; minute < 6 * 60; minute += 7) {
        const instant = new Date(start + minute * 60_000);
        expect(calendarDateInZone(instant, zone)).toBe(intlDate(instant, zone));
      }
    }
  });

  it('across 1970 (day and hour numbers change sign there), every 7 h 37 min from 1960 to 1980', () => {
    // Regression: the day and hour caches once shared one map and collided before 1970.
    for (const zone of ['Africa/Bissau', 'America/Catamarca', 'Europe/London']) {
      for (let ms = Date.UTC(1960, 0, 1); ms < Date.UTC(1980, 0, 1); ms += (7 * 60 + 37) * 60_000) {
        const instant = new Date(ms);
        expect(calendarDateInZone(instant, zone)).toBe(intlDate(instant, zone));
      }
    }
  });

  it('in every zone Intl knows, for instants from 1900 to 2100', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.constantFrom(...Intl.supportedValuesOf('timeZone')),
        (ms, zone) => {
          const instant = new Date(ms);
          expect(calendarDateInZone(instant, zone)).toBe(intlDate(instant, zone));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('for any instant from 1900 to 2100 in zones with unusual offsets', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          const instant = new Date(ms);
          expect(calendarDateInZone(instant, zone)).toBe(intlDate(instant, zone));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
