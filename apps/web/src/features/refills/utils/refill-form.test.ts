import { describe, expect, it } from 'vitest';
import { emptyRefillForm, localDateTimeToInstant, performedAtHint, validateStep } from './refill-form.ts';

// The refill time is typed on the site's wall clock; on the days the clocks change that clock skips an
// hour (spring forward) or shows one twice (fall back).

const context = (timeZone: string) => ({
  timeZone,
  now: new Date('2027-12-01T12:00:00.000Z'),
  lastRefillAt: new Date('2026-01-01T00:00:00.000Z'),
});

function residualErrors(performedAtLocal: string, timeZone: string) {
  const values = {
    ...emptyRefillForm(new Date('2027-01-01T12:00:00.000Z'), timeZone),
    performedAtLocal,
    expectedResidualMl: '8',
  };
  return validateStep('residual', values, context(timeZone));
}

describe('the refill time on a clock-change day', () => {
  it('refuses a time the clocks skipped, naming the day and the zone, instead of moving it', () => {
    expect(localDateTimeToInstant('2027-03-14T02:30', 'America/New_York')).toBeNull();
    expect(residualErrors('2027-03-14T02:30', 'America/New_York')).toEqual({
      performedAtLocal:
        'This time does not exist on 14 Mar 2027 in America/New_York: the clocks went forward. ' +
        'Enter the time the site’s clocks showed.',
    });
    expect(residualErrors('2027-03-28T01:30', 'Europe/London').performedAtLocal).toMatch(
      /^This time does not exist on 28 Mar 2027 in Europe\/London: the clocks went forward\./,
    );
    // The times either side of the gap are accepted.
    expect(residualErrors('2027-03-14T03:00', 'America/New_York')).toEqual({});
    expect(localDateTimeToInstant('2027-03-14T03:00', 'America/New_York')).toEqual(
      new Date('2027-03-14T07:00:00.000Z'),
    );
  });

  it('records a repeated time as the earlier instant and explains it', () => {
    expect(localDateTimeToInstant('2026-11-01T01:30', 'America/New_York')).toEqual(
      new Date('2026-11-01T05:30:00.000Z'),
    );
    expect(localDateTimeToInstant('2026-10-25T01:30', 'Europe/London')).toEqual(
      new Date('2026-10-25T00:30:00.000Z'),
    );
    expect(residualErrors('2026-11-01T01:30', 'America/New_York')).toEqual({});
    expect(performedAtHint('2026-11-01T01:30', 'America/New_York')).toBe(
      '01:30 happens twice on 1 Nov 2026 in America/New_York (the clocks went back): ' +
        'PumpDesk records the first 01:30, before the clocks went back.',
    );
    expect(performedAtHint('2026-11-01T02:30', 'America/New_York')).toBeNull();
    expect(performedAtHint('2027-03-14T02:30', 'America/New_York')).toBeNull();
    expect(performedAtHint('', 'America/New_York')).toBeNull();
  });

  it('still asks for a time when none or an impossible one is typed', () => {
    expect(residualErrors('', 'America/New_York').performedAtLocal).toBe(
      'Enter the date and time of the refill.',
    );
    expect(residualErrors('2027-02-30T10:00', 'America/New_York').performedAtLocal).toBe(
      'Enter the date and time of the refill.',
    );
  });
});
