import { afterEach, describe, expect, it } from 'vitest';
import { formatCalendarDate, formatInstant } from './format.ts';

// The root Vitest config runs everything in UTC. Node re-reads the zone when process.env.TZ is
// assigned, so each case below really runs in the zone it names.
const originalTimeZone = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTimeZone;
});

/** Zones west and east of Greenwich, with DST changes at 02:00, at midnight, and half-hour offsets. */
const ZONES = [
  'UTC',
  'America/New_York',
  'America/Los_Angeles',
  'Europe/London',
  'Pacific/Auckland',
  'Asia/Kolkata',
  'America/Santiago',
  'Pacific/Kiritimati',
];

describe('formatCalendarDate', () => {
  it('runs in UTC by default, and the zone switch really takes effect', () => {
    expect(process.env.TZ).toBe('UTC');
    expect(new Date(2027, 0, 1).getTimezoneOffset()).toBe(0);
    process.env.TZ = 'America/New_York';
    expect(new Date(2027, 0, 1).getTimezoneOffset()).toBe(300);
  });

  it('writes the day unambiguously', () => {
    expect(formatCalendarDate('2027-03-14')).toBe('14 Mar 2027');
    expect(formatCalendarDate('1980-01-01')).toBe('1 Jan 1980');
    expect(formatCalendarDate('2028-02-29')).toBe('29 Feb 2028');
    expect(formatCalendarDate('0099-12-31')).toBe('31 Dec 0099');
  });

  it.each(ZONES)('gives the same day whatever the machine’s zone (%s)', (zone) => {
    process.env.TZ = zone;
    // 14 Mar 2027: US clocks go forward at 02:00. 7 Nov 2027: US clocks go back. 31 Dec and 1 Jan:
    // a one-day shift would change the year. 2027-09-05: Chile's DST starts at midnight.
    expect(formatCalendarDate('2027-03-14')).toBe('14 Mar 2027');
    expect(formatCalendarDate('2027-03-13')).toBe('13 Mar 2027');
    expect(formatCalendarDate('2027-11-07')).toBe('7 Nov 2027');
    expect(formatCalendarDate('2027-03-28')).toBe('28 Mar 2027');
    expect(formatCalendarDate('2027-09-05')).toBe('5 Sep 2027');
    expect(formatCalendarDate('2026-12-31')).toBe('31 Dec 2026');
    expect(formatCalendarDate('2027-01-01')).toBe('1 Jan 2027');
  });

  it('does what new Date(isoDate) gets wrong west of Greenwich', () => {
    process.env.TZ = 'America/New_York';
    // The trap this function avoids: a date-only ISO string is midnight UTC, still the 13th in New York.
    expect(new Date('2027-03-14').getDate()).toBe(13);
    expect(formatCalendarDate('2027-03-14')).toBe('14 Mar 2027');
  });

  it.each(['2027-02-30', '2027-13-01', '14/03/2027', '2027-3-14', ''])('rejects %j', (value) => {
    expect(() => formatCalendarDate(value)).toThrow(RangeError);
  });
});

describe('formatInstant', () => {
  it('shows wall-clock time in the site’s zone, not the machine’s', () => {
    // 07:30 UTC on the morning US clocks went forward: 03:30 EDT (not 02:30, which did not exist).
    expect(formatInstant('2027-03-14T07:30:00.000Z', 'America/New_York')).toBe('14 Mar 2027, 03:30');
    expect(formatInstant('2027-03-14T07:30:00.000Z', 'Europe/London')).toBe('14 Mar 2027, 07:30');
    process.env.TZ = 'Pacific/Auckland';
    expect(formatInstant('2027-03-14T07:30:00.000Z', 'Europe/London')).toBe('14 Mar 2027, 07:30');
  });

  it('rejects text that is not an instant', () => {
    expect(() => formatInstant('soon', 'UTC')).toThrow(RangeError);
  });
});
