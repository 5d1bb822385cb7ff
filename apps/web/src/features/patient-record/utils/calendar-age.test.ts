import { describe, expect, it } from 'vitest';
import { ageInYears, formatYearRange, formatYearsMonths, monthsBetween } from './calendar-age.ts';

describe('calendar ages', () => {
  it('counts whole calendar months, a month completing on the same day of the month', () => {
    expect(monthsBetween('2022-03-14', '2023-03-13')).toBe(11);
    expect(monthsBetween('2022-03-14', '2023-03-14')).toBe(12);
    expect(monthsBetween('2022-09-14', '2026-11-25')).toBe(50);
    expect(monthsBetween('2027-01-01', '2026-11-25')).toBe(0);
  });

  it('gives the age in years on the birthday, not the day before', () => {
    expect(ageInYears('1980-03-14', '2026-03-13')).toBe(45);
    expect(ageInYears('1980-03-14', '2026-03-14')).toBe(46);
  });

  it('writes ages and ranges as the battery line shows them', () => {
    expect(formatYearsMonths(50)).toBe('4 y 2 m');
    expect(formatYearsMonths(7)).toBe('7 m');
    expect(formatYearsMonths(36)).toBe('3 y');
    expect(formatYearRange(5, 7)).toBe('5–7 y');
    expect(formatYearRange(8, 8)).toBe('8 y');
  });
});
