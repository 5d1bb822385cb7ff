// The two quantities of docs/domain.md ("Refill math") every projection starts from. The dated
// projection over programs, zones and boluses is reservoir-projection.ts; these stay for the places
// that only need the rate (reports, forms showing mL/day next to a dose).

/**
 * Daily volume (mL/day) = daily dose (mcg/day) ÷ concentration (mcg/mL).
 * Throws a RangeError for a concentration that is not positive or a negative dose.
 */
export function dailyVolumeMl(dailyDoseMcg: number, concentrationMcgPerMl: number): number {
  if (!(concentrationMcgPerMl > 0))
    throw new RangeError(`Concentration must be positive: ${concentrationMcgPerMl}`);
  if (!(dailyDoseMcg >= 0)) throw new RangeError(`Daily dose must not be negative: ${dailyDoseMcg}`);
  return dailyDoseMcg / concentrationMcgPerMl;
}

/**
 * Days (fractional) until the reservoir falls from `volumeNowMl` to `targetMl` at `dailyVolumeMl`.
 * 0 when it is already at or below the target; Infinity when nothing flows (rate 0).
 */
export function daysToVolume(volumeNowMl: number, targetMl: number, dailyVolumeMl: number): number {
  if (!(dailyVolumeMl >= 0)) throw new RangeError(`Daily volume must not be negative: ${dailyVolumeMl}`);
  if (volumeNowMl <= targetMl) return 0;
  if (dailyVolumeMl === 0) return Infinity;
  return (volumeNowMl - targetMl) / dailyVolumeMl;
}
