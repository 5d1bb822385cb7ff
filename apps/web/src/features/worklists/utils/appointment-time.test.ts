import { describe, expect, it } from 'vitest';
import { instantToWallTime, wallTimeToInstant } from './appointment-time.ts';

describe('wall time on a site’s clock', () => {
  it('turns New York’s 09:30 into the instant, in winter and in summer', () => {
    expect(wallTimeToInstant('2026-12-01', '09:30', 'America/New_York')).toEqual({
      ok: true,
      instant: new Date('2026-12-01T14:30:00.000Z'),
    });
    expect(wallTimeToInstant('2027-07-01', '09:30', 'America/New_York')).toEqual({
      ok: true,
      instant: new Date('2027-07-01T13:30:00.000Z'),
    });
    expect(wallTimeToInstant('2027-07-01', '09:30', 'Europe/London')).toEqual({
      ok: true,
      instant: new Date('2027-07-01T08:30:00.000Z'),
    });
  });

  it('refuses a time the clocks skip, and impossible input', () => {
    // 14 Mar 2027: New York's clocks go from 02:00 to 03:00.
    expect(wallTimeToInstant('2027-03-14', '02:30', 'America/New_York')).toEqual({
      ok: false,
      reason: 'nonexistent',
    });
    expect(wallTimeToInstant('2027-02-30', '09:00', 'America/New_York')).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(wallTimeToInstant('2027-03-01', '24:00', 'America/New_York')).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(wallTimeToInstant('', '', 'America/New_York')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('reads an instant back on the site’s clock, whatever the computer’s zone', () => {
    expect(instantToWallTime(new Date('2026-11-26T03:30:00.000Z'), 'America/New_York')).toEqual({
      date: '2026-11-25',
      time: '22:30',
    });
  });
});
