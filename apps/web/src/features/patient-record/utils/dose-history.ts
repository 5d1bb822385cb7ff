import {
  type AshworthScore,
  type DoseProgramRecord,
  type Pump,
  type RefillRecord,
  type Visit,
} from '@pumpdesk/contracts';
import { calendarDateToChartTime } from './chart-dates.ts';

/** One step of the dose history: a program and the daily dose it set, from when it took effect. */
export interface DoseStep {
  programId: string;
  /** ms since the epoch: the chart's x. */
  at: number;
  effectiveFrom: string;
  dailyDoseMcg: number;
  concentrationMcgPerMl: number;
  mode: DoseProgramRecord['mode'];
  pumpSerial: string;
  reason: string;
  /** The concentration differs from the step before (the first step never counts as a change). */
  concentrationChangedFrom: number | null;
}

export interface RefillMarker {
  refillId: string;
  at: number;
  performedAt: string;
  concentrationMcgPerMl: number;
  /** The daily dose in force then (the marker sits on the step line); null before the first program. */
  dailyDoseMcg: number | null;
}

export interface ScorePoint {
  visitId: string;
  at: number;
  visitDate: string;
  /** The Modified Ashworth score as written ('1+'); null when not recorded. */
  ashworth: AshworthScore | null;
  /** The same on the chart's axis: 1+ sits half-way between 1 and 2. */
  ashworthValue: number | null;
  pennFrequency: number | null;
}

/** Modified Ashworth on a numeric axis: an ordinal, so 1+ is drawn at 1.5 (never stored that way). */
export const ASHWORTH_AXIS_VALUE: Record<AshworthScore, number> = {
  '0': 0,
  '1': 1,
  '1+': 1.5,
  '2': 2,
  '3': 3,
  '4': 4,
};

/** Every program of every pump, oldest first; a program's pump is named by its serial number. */
export function doseSteps(
  pumps: readonly Pick<Pump, 'id' | 'serialNumber'>[],
  programs: readonly DoseProgramRecord[],
): DoseStep[] {
  const serials = new Map(pumps.map((pump) => [pump.id, pump.serialNumber]));
  const sorted = [...programs].sort((a, b) => Date.parse(a.effectiveFrom) - Date.parse(b.effectiveFrom));
  return sorted.map((program, index) => {
    const previous = index > 0 ? sorted[index - 1] : undefined;
    return {
      programId: program.id,
      at: Date.parse(program.effectiveFrom),
      effectiveFrom: program.effectiveFrom,
      dailyDoseMcg: program.dailyDoseMcg,
      concentrationMcgPerMl: program.concentrationMcgPerMl,
      mode: program.mode,
      pumpSerial: serials.get(program.pumpId) ?? 'Unknown pump',
      reason: program.reason,
      concentrationChangedFrom:
        previous && previous.concentrationMcgPerMl !== program.concentrationMcgPerMl
          ? previous.concentrationMcgPerMl
          : null,
    };
  });
}

/** The daily dose in force at `at` (the latest step at or before it); null before the first. */
export function doseAt(steps: readonly DoseStep[], at: number): number | null {
  return steps.findLast((step) => step.at <= at)?.dailyDoseMcg ?? null;
}

export function refillMarkers(steps: readonly DoseStep[], refills: readonly RefillRecord[]): RefillMarker[] {
  return refills
    .map((refill) => {
      const at = Date.parse(refill.performedAt);
      return {
        refillId: refill.id,
        at,
        performedAt: refill.performedAt,
        concentrationMcgPerMl: refill.concentrationMcgPerMl,
        dailyDoseMcg: doseAt(steps, at),
      };
    })
    .sort((a, b) => a.at - b.at);
}

/** Visits with a score, oldest first, placed at noon of the visit day in the site's zone. */
export function scorePoints(visits: readonly Visit[], timeZone: string): ScorePoint[] {
  return visits
    .filter((visit) => visit.ashworth !== null || visit.pennFrequency !== null)
    .map((visit) => ({
      visitId: visit.id,
      at: calendarDateToChartTime(visit.visitDate, timeZone),
      visitDate: visit.visitDate,
      ashworth: visit.ashworth,
      ashworthValue: visit.ashworth === null ? null : ASHWORTH_AXIS_VALUE[visit.ashworth],
      pennFrequency: visit.pennFrequency,
    }))
    .sort((a, b) => a.at - b.at);
}

/**
 * The step line's points: one per step, and the last dose carried on to `until` (now, while a pump
 * is implanted) so the line shows the dose in force today.
 */
export function stepLinePoints(
  steps: readonly DoseStep[],
  until: number | null,
): { at: number; dailyDoseMcg: number }[] {
  const points = steps.map((step) => ({ at: step.at, dailyDoseMcg: step.dailyDoseMcg }));
  const last = steps.at(-1);
  if (last && until !== null && until > last.at) points.push({ at: until, dailyDoseMcg: last.dailyDoseMcg });
  return points;
}
