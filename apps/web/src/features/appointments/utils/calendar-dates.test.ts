import { parseCalendarDate } from '@pumpdesk/domain';
import { describe, expect, it } from 'vitest';
import {
  dayInZone,
  daysOfWeek,
  describeRange,
  formatTimeInZone,
  parseDate,
  parseView,
  shiftDate,
  startOfWeek,
  viewRange,
} from './calendar-dates.ts';

const d = parseCalendarDate;

describe('calendar dates', () => {
  it('runs weeks Monday to Sunday, whatever day is given', () => {
    expect(startOfWeek(d('2026-11-25'))).toBe('2026-11-23');
    expect(startOfWeek(d('2026-11-23'))).toBe('2026-11-23');
    expect(startOfWeek(d('2026-11-29'))).toBe('2026-11-23');
    expect(daysOfWeek(d('2026-12-31'))).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
    ]);
    expect(viewRange('week', d('2027-03-14'))).toEqual({ from: '2027-03-08', to: '2027-03-14' });
    expect(viewRange('day', d('2027-03-14'))).toEqual({ from: '2027-03-14', to: '2027-03-14' });
  });

  it('moves by a day or a week', () => {
    expect(shiftDate('day', d('2026-02-28'), 1)).toBe('2026-03-01');
    expect(shiftDate('week', d('2026-01-02'), -1)).toBe('2025-12-26');
  });

  it('reads the view and date from the URL, refusing what is not one', () => {
    expect(parseView('week')).toBe('week');
    expect(parseView('month')).toBe('day');
    expect(parseView(null)).toBe('day');
    expect(parseDate('2027-02-30')).toBeNull();
    expect(parseDate('2027-02-28')).toBe('2027-02-28');
  });

  it("gives times and days in the site's zone, across daylight saving changes", () => {
    expect(formatTimeInZone('2027-03-13T14:30:00.000Z', 'America/New_York')).toBe('09:30');
    expect(formatTimeInZone('2027-03-14T13:30:00.000Z', 'America/New_York')).toBe('09:30');
    expect(formatTimeInZone('2027-03-14T13:30:00.000Z', 'Australia/Sydney')).toBe('00:30');
    expect(dayInZone('2027-03-14T13:30:00.000Z', 'Australia/Sydney')).toBe('2027-03-15');
    expect(dayInZone('2026-11-26T03:00:00.000Z', 'America/Los_Angeles')).toBe('2026-11-25');
  });

  it('writes the range for the heading', () => {
    expect(describeRange('day', d('2026-11-25'))).toBe('Wednesday 25 November 2026');
    expect(describeRange('week', d('2026-11-25'))).toBe('23 – 29 November 2026');
    expect(describeRange('week', d('2026-12-02'))).toBe('30 November – 6 December 2026');
    expect(describeRange('week', d('2026-12-30'))).toBe('28 December 2026 – 3 January 2027');
  });
});
