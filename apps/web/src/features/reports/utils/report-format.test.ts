import { describe, expect, it } from 'vitest';
import { formatCount, formatPointDate, formatReportMonth, formatShare } from './report-format.ts';

describe('report formatting', () => {
  it('names months from their digits', () => {
    expect(formatReportMonth('2027-03')).toBe('Mar 2027');
    expect(formatReportMonth('2026-12')).toBe('Dec 2026');
    expect(formatReportMonth('2027-01')).toBe('Jan 2027');
  });

  it('refuses what is not a month', () => {
    expect(() => formatReportMonth('2027-13')).toThrow(RangeError);
    expect(() => formatReportMonth('2027-3')).toThrow(RangeError);
  });

  it('writes shares as percentages and missing values as a dash', () => {
    expect(formatShare(0.6667)).toBe('66.7%');
    expect(formatShare(1)).toBe('100.0%');
    expect(formatShare(null)).toBe('—');
    expect(formatCount(null)).toBe('—');
    expect(formatCount(0)).toBe('0');
  });

  it('marks today among the month-ends', () => {
    expect(formatPointDate('2026-10-31', 'month_end')).toBe('31 Oct 2026');
    expect(formatPointDate('2026-11-25', 'today')).toBe('25 Nov 2026 (today)');
  });
});
