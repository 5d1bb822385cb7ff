import { type PumpAlarmInForce } from './pump-alarms.ts';
import { type ReservoirProjection } from './reservoir-projection.ts';

// When a pump's refill status is critical, as stretches of time: while a program that delivers
// nothing is in force, from the low-reservoir alarm (or empty) instant on, and from an interrogation
// that showed a stopping alarm on. The worklist table stores them (a tstzmultirange) and the engine
// orders a critical patient by the start of the stretch in force, so both read the same periods.

/** A stretch of time during which the pump is in the critical refill state; `to` null: for good. */
export interface CriticalPeriod {
  from: Date;
  to: Date | null;
}

/** The critical periods of a projection and a stopping alarm in force, merged and in order. */
export function criticalPeriodsOf(
  projection: ReservoirProjection,
  pumpAlarm: PumpAlarmInForce | null,
): CriticalPeriod[] {
  const periods: CriticalPeriod[] = pumpAlarm ? [{ from: pumpAlarm.at, to: null }] : [];
  if (projection.kind === 'projected') {
    for (const segment of projection.segments) {
      if (segment.weeklyVolumeMl === 0) periods.push({ from: segment.from, to: segment.to });
    }
    const runsShort = [projection.alarmAt, projection.emptyAt].filter((instant) => instant !== null);
    if (runsShort.length > 0) {
      periods.push({ from: new Date(Math.min(...runsShort.map((i) => i.getTime()))), to: null });
    }
  }
  return mergePeriods(periods);
}

/** The period `now` falls in (from inclusive, to exclusive); undefined when none. */
export function criticalPeriodAt(periods: readonly CriticalPeriod[], now: Date): CriticalPeriod | undefined {
  const t = now.getTime();
  return periods.find(
    (period) => period.from.getTime() <= t && (period.to === null || t < period.to.getTime()),
  );
}

/** Overlapping or touching periods joined, in order of start. */
export function mergePeriods(periods: readonly CriticalPeriod[]): CriticalPeriod[] {
  const sorted = [...periods].sort((a, b) => a.from.getTime() - b.from.getTime());
  const merged: CriticalPeriod[] = [];
  for (const period of sorted) {
    const last = merged.at(-1);
    if (last && (last.to === null || last.to.getTime() >= period.from.getTime())) {
      if (last.to !== null)
        last.to = period.to === null ? null : new Date(Math.max(last.to.getTime(), period.to.getTime()));
    } else {
      merged.push({ ...period });
    }
  }
  return merged;
}
