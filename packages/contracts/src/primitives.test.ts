import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { calendarDateSchema, fitsDecimalPlaces, instantSchema, withDecimalPlaces } from './primitives.ts';

const codeOf = (result: z.ZodSafeParseResult<unknown>) => {
  const issue = result.error?.issues[0];
  return issue?.code === 'custom' ? (issue.params?.['code'] as string | undefined) : issue?.code;
};

describe('the record’s range of dates', () => {
  it('accepts calendar dates from 1900-01-01 to 2200-12-31 and refuses the rest as out_of_range', () => {
    for (const date of ['1900-01-01', '2027-03-14', '2200-12-31']) {
      expect(calendarDateSchema.safeParse(date).success, date).toBe(true);
    }
    for (const date of ['0000-01-01', '1899-12-31', '2201-01-01', '9999-12-31']) {
      expect(codeOf(calendarDateSchema.safeParse(date)), date).toBe('out_of_range');
    }
    expect(calendarDateSchema.safeParse('2027-02-30').success).toBe(false);
  });

  it('accepts instants within the range in any offset and refuses the rest as out_of_range', () => {
    for (const instant of [
      '1900-01-01T00:00:00Z',
      '2027-03-14T09:30:00.000+01:00',
      '2200-12-31T23:59:59.999Z',
    ]) {
      expect(instantSchema.safeParse(instant).success, instant).toBe(true);
    }
    for (const instant of ['0000-01-01T00:00:00Z', '1900-01-01T00:30:00+01:00', '2201-01-01T00:00:00Z']) {
      expect(codeOf(instantSchema.safeParse(instant)), instant).toBe('out_of_range');
    }
  });
});

describe('decimal places', () => {
  it('tells whether a number fits a column’s decimals', () => {
    expect(fitsDecimalPlaces(1.005, 3)).toBe(true);
    expect(fitsDecimalPlaces(0.0004, 3)).toBe(false);
    expect(fitsDecimalPlaces(12.3456, 4)).toBe(true);
    expect(fitsDecimalPlaces(4.805, 2)).toBe(false);
    expect(fitsDecimalPlaces(20, 0)).toBe(true);
  });

  it('refuses more places as too_many_decimals', () => {
    const volume = withDecimalPlaces(z.number().min(0), 2);
    expect(volume.safeParse(4.8).success).toBe(true);
    expect(codeOf(volume.safeParse(4.805))).toBe('too_many_decimals');
  });
});
