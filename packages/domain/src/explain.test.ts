import { describe, expect, it } from 'vitest';
import { parseCalendarDate } from './calendar-date.ts';
import {
  formatConcentration,
  formatDate,
  formatDays,
  formatMcgPerDay,
  formatMl,
  formatNumber,
  formatPercentChange,
} from './explain.ts';

describe('formatDate', () => {
  it('writes day, short month and year, without a leading zero', () => {
    expect(formatDate(parseCalendarDate('2027-03-14'))).toBe('14 Mar 2027');
    expect(formatDate(parseCalendarDate('2027-01-05'))).toBe('5 Jan 2027');
    expect(formatDate(parseCalendarDate('2028-02-29'))).toBe('29 Feb 2028');
    expect(formatDate(parseCalendarDate('2027-12-31'))).toBe('31 Dec 2027');
  });

  it('does not depend on the machine’s zone (the suite runs in UTC; a date is never shifted)', () => {
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    months.forEach((month, i) => {
      expect(formatDate(parseCalendarDate(`2027-${String(i + 1).padStart(2, '0')}-01`))).toBe(
        `1 ${month} 2027`,
      );
    });
  });
});

describe('formatNumber', () => {
  it('has no trailing zeros', () => {
    expect(formatNumber(2)).toBe('2');
    expect(formatNumber(2.0)).toBe('2');
    expect(formatNumber(1.5)).toBe('1.5');
    expect(formatNumber(0.25)).toBe('0.25');
    expect(formatNumber(1.1)).toBe('1.1');
  });

  it('rounds to the given decimals (2 by default)', () => {
    expect(formatNumber(1.23456)).toBe('1.23');
    expect(formatNumber(1.236)).toBe('1.24');
    expect(formatNumber(412.46, 1)).toBe('412.5');
    expect(formatNumber(2.4, 0)).toBe('2');
    expect(formatNumber(1.999)).toBe('2');
  });

  it('never writes −0', () => {
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(-0.001)).toBe('0');
    expect(formatNumber(-0.4, 0)).toBe('0');
    expect(formatNumber(-1.5)).toBe('-1.5');
  });

  it('writes non-finite values as JavaScript does', () => {
    expect(formatNumber(Number.NaN)).toBe('NaN');
    expect(formatNumber(Infinity)).toBe('Infinity');
  });
});

describe('units', () => {
  it('mL, mcg/day and mcg/mL', () => {
    expect(formatMl(2)).toBe('2 mL');
    expect(formatMl(1.25)).toBe('1.25 mL');
    expect(formatMcgPerDay(300)).toBe('300 mcg/day');
    expect(formatMcgPerDay(412.46)).toBe('412.5 mcg/day');
    expect(formatConcentration(500)).toBe('500 mcg/mL');
  });
});

describe('formatDays', () => {
  it('singular for one day, plural otherwise', () => {
    expect(formatDays(1)).toBe('1 day');
    expect(formatDays(-1)).toBe('-1 day');
    expect(formatDays(0)).toBe('0 days');
    expect(formatDays(4)).toBe('4 days');
    expect(formatDays(180)).toBe('180 days');
  });
});

describe('formatPercentChange', () => {
  it('signs rises with + and falls with a minus sign (U+2212)', () => {
    expect(formatPercentChange(30)).toBe('+30%');
    expect(formatPercentChange(-12.5)).toBe('\u221212.5%');
    expect(formatPercentChange(12.46)).toBe('+12.5%');
  });

  it('no sign for no change', () => {
    expect(formatPercentChange(0)).toBe('0%');
    expect(formatPercentChange(-0)).toBe('0%');
  });
});
