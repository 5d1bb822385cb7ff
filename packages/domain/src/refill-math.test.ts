import { describe, expect, it } from 'vitest';
import { dailyVolumeMl, daysToVolume } from './refill-math.ts';

describe('dailyVolumeMl and daysToVolume', () => {
  it('divides the dose by the concentration', () => {
    expect(dailyVolumeMl(400, 2000)).toBeCloseTo(0.2, 12);
    expect(dailyVolumeMl(300, 500)).toBeCloseTo(0.6, 12);
  });

  it('refuses a concentration of zero and a negative dose', () => {
    expect(() => dailyVolumeMl(300, 0)).toThrow(RangeError);
    expect(() => dailyVolumeMl(-1, 500)).toThrow(RangeError);
  });

  it('counts the days to a volume; Infinity when nothing flows, 0 when already there', () => {
    expect(daysToVolume(40, 2, 0.2)).toBeCloseTo(190, 9);
    expect(daysToVolume(20, 2, 0)).toBe(Infinity);
    expect(daysToVolume(1.5, 2, 0.5)).toBe(0);
  });
});
