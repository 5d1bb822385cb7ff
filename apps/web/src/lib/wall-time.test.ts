import { describe, expect, it } from 'vitest';
import { instantToWallTime, wallTimeToInstant } from './wall-time.ts';

describe('wall time on a site’s clock', () => {
  it('turns New York’s and London’s 09:30 into the instant, in winter and in summer', () => {
    expect(wallTimeToInstant('2026-12-01', '09:30', 'America/New_York')).toEqual({
      ok: true,
      instant: new Date('2026-12-01T14:30:00.000Z'),
    });
    expect(wallTimeToInstant('2027-07-01', '09:30', 'America/New_York')).toEqual({
      ok: true,
      instant: new Date('2027-07-01T13:30:00.000Z'),
    });
    expect(wallTimeToInstant('2026-12-01', '09:30', 'Europe/London')).toEqual({
      ok: true,
      instant: new Date('2026-12-01T09:30:00.000Z'),
    });
    expect(wallTimeToInstant('2027-07-01', '09:30', 'Europe/London')).toEqual({
      ok: true,
      instant: new Date('2027-07-01T08:30:00.000Z'),
    });
  });

  it('refuses a time the clocks skip on a spring-forward day, in New York and in London', () => {
    // 14 Mar 2027: New York's clocks go from 02:00 EST to 03:00 EDT.
    expect(wallTimeToInstant('2027-03-14', '02:30', 'America/New_York')).toEqual({
      ok: false,
      reason: 'nonexistent',
    });
    expect(wallTimeToInstant('2027-03-14', '02:00', 'America/New_York')).toEqual({
      ok: false,
      reason: 'nonexistent',
    });
    // 28 Mar 2027: London's clocks go from 01:00 GMT to 02:00 BST.
    expect(wallTimeToInstant('2027-03-28', '01:30', 'Europe/London')).toEqual({
      ok: false,
      reason: 'nonexistent',
    });
    // Either side of the gap is fine.
    expect(wallTimeToInstant('2027-03-14', '01:59', 'America/New_York')).toEqual({
      ok: true,
      instant: new Date('2027-03-14T06:59:00.000Z'),
    });
    expect(wallTimeToInstant('2027-03-14', '03:00', 'America/New_York')).toEqual({
      ok: true,
      instant: new Date('2027-03-14T07:00:00.000Z'),
    });
    expect(wallTimeToInstant('2027-03-28', '02:00', 'Europe/London')).toEqual({
      ok: true,
      instant: new Date('2027-03-28T01:00:00.000Z'),
    });
  });

  it('takes the earlier instant of a time the clocks repeat on a fall-back day, and says so', () => {
    // 1 Nov 2026: New York's clocks go back from 02:00 EDT to 01:00 EST; 01:30 happens twice.
    expect(wallTimeToInstant('2026-11-01', '01:30', 'America/New_York')).toEqual({
      ok: true,
      instant: new Date('2026-11-01T05:30:00.000Z'),
      ambiguous: {
        earlier: new Date('2026-11-01T05:30:00.000Z'),
        later: new Date('2026-11-01T06:30:00.000Z'),
      },
    });
    // 25 Oct 2026: London's clocks go back from 02:00 BST to 01:00 GMT.
    expect(wallTimeToInstant('2026-10-25', '01:30', 'Europe/London')).toEqual({
      ok: true,
      instant: new Date('2026-10-25T00:30:00.000Z'),
      ambiguous: {
        earlier: new Date('2026-10-25T00:30:00.000Z'),
        later: new Date('2026-10-25T01:30:00.000Z'),
      },
    });
    // Outside the repeated hour, one instant.
    expect(wallTimeToInstant('2026-10-25', '02:00', 'Europe/London')).toEqual({
      ok: true,
      instant: new Date('2026-10-25T02:00:00.000Z'),
    });
  });

  it('does not depend on the computer’s own zone', () => {
    const before = process.env.TZ;
    try {
      for (const zone of ['Asia/Tokyo', 'America/Los_Angeles', 'UTC']) {
        process.env.TZ = zone;
        expect(wallTimeToInstant('2026-10-25', '01:30', 'Europe/London')).toMatchObject({
          instant: new Date('2026-10-25T00:30:00.000Z'),
        });
        expect(wallTimeToInstant('2027-03-14', '02:30', 'America/New_York')).toEqual({
          ok: false,
          reason: 'nonexistent',
        });
      }
    } finally {
      process.env.TZ = before;
    }
  });

  it('refuses impossible input', () => {
    expect(wallTimeToInstant('2027-02-30', '09:00', 'America/New_York')).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(wallTimeToInstant('2027-03-01', '24:00', 'America/New_York')).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(wallTimeToInstant('', '', 'America/New_York')).toEqual({ ok: false, reason: 'invalid' });
    expect(wallTimeToInstant('2027-03-01', '09:00', 'Not/A_Zone')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('reads an instant back on the site’s clock, whatever the computer’s zone', () => {
    expect(instantToWallTime(new Date('2026-11-26T03:30:00.000Z'), 'America/New_York')).toEqual({
      date: '2026-11-25',
      time: '22:30',
    });
    expect(instantToWallTime(new Date('2026-10-25T01:30:00.000Z'), 'Europe/London')).toEqual({
      date: '2026-10-25',
      time: '01:30',
    });
  });
});
