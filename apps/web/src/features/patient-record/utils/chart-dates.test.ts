import { describe, expect, it } from 'vitest';
import { calendarDateToChartTime, formatChartDay, timeTickFormatter, timeTicks } from './chart-dates.ts';

const zone = 'Australia/Sydney';
const at = (iso: string) => Date.parse(iso);

describe('chart dates', () => {
  it('puts ticks on the first of each year, quarter or month in the site’s zone', () => {
    const years = timeTicks(at('2021-06-01T00:00:00Z'), at('2026-11-25T00:00:00Z'), zone);
    expect(years.map((tick) => formatChartDay(tick, zone))).toEqual([
      '1 Jan 2022',
      '1 Jan 2023',
      '1 Jan 2024',
      '1 Jan 2025',
      '1 Jan 2026',
    ]);
    // Midnight in Sydney, not in UTC.
    expect(new Date(years[0] ?? 0).toISOString()).toBe('2021-12-31T13:00:00.000Z');
    const quarters = timeTicks(at('2025-02-10T00:00:00Z'), at('2026-08-01T00:00:00Z'), zone);
    expect(quarters.map((tick) => formatChartDay(tick, zone))).toEqual([
      '1 Apr 2025',
      '1 Jul 2025',
      '1 Oct 2025',
      '1 Jan 2026',
      '1 Apr 2026',
      '1 Jul 2026',
    ]);
  });

  it('puts ticks on Mondays for a span of weeks, written "14 Mar"', () => {
    const start = at('2026-11-10T10:00:00Z');
    const end = at('2026-12-17T10:00:00Z');
    const format = timeTickFormatter(zone, end - start);
    expect(timeTicks(start, end, zone).map(format)).toEqual([
      '16 Nov',
      '23 Nov',
      '30 Nov',
      '7 Dec',
      '14 Dec',
    ]);
    expect(timeTickFormatter(zone, 400 * 86_400_000)(start)).toBe('Nov 2026');
  });

  it('places a calendar day at its noon in the site’s zone', () => {
    expect(new Date(calendarDateToChartTime('2026-07-01', 'Europe/London')).toISOString()).toBe(
      '2026-07-01T11:00:00.000Z',
    );
  });
});
