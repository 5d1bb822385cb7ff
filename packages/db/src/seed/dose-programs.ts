import { type DoseMode } from '../generated/prisma/client.ts';
import { type PatientProfile } from './patient-profile.ts';
import { type Prng } from './prng.ts';
import { round } from './records.ts';

// Dose programs as a physician would write them (docs/domain.md, "Drug" and "Dose programs"):
// maintenance doses in the published ranges, titration steps within practice limits, concentrations
// of 500/1000/2000 mcg/mL, and a daily dose computed from the program exactly as the domain defines it.

export const CONCENTRATIONS = [500, 1000, 2000] as const;

/** A program's content, rounded to the columns' scales. */
export interface ProgramSpec {
  mode: DoseMode;
  concentration: number;
  /** The programmed dose per day of the basal part (simple mode: the continuous dose). */
  baseDoseMcg: number;
  steps: { startMinute: number; rateMcgPerHour: number }[];
  boluses: { startMinute: number; doseMcg: number; durationMinutes: number }[];
  ptm: { doseMcg: number; maxPerDay: number; lockoutMinutes: number } | null;
  /** Σ step rate × hours + boluses + max patient boluses × dose (domain doc). */
  dailyDoseMcg: number;
}

/** The patient's dosing course: where titration starts, where it aims, and its limits. */
export interface DosePlan {
  startDose: number;
  targetDose: number;
  range: readonly [number, number];
  /** Largest rise per change without an override (spinal 30%, cerebral and children 15%). */
  maxRise: number;
  style: 'simple' | 'flex' | 'periodic';
  ptm: boolean;
}

export function drawDosePlan(random: Prng, profile: PatientProfile): DosePlan {
  const child = profile.ageGroup === 'child';
  const spinal = profile.origin === 'spinal';
  // Maintenance ranges: spinal 300–800, cerebral 90–703, children 24–1199 mcg/day; > 1000 is rare.
  const range: readonly [number, number] = child ? [24, 1199] : spinal ? [300, 800] : [90, 703];
  let targetDose = child ? random.int(80, 500) : spinal ? random.int(300, 800) : random.int(110, 600);
  if (!child && spinal && random.chance(0.03)) targetDose = random.int(1010, 1150);
  if (child && random.chance(0.02)) targetDose = random.int(1000, 1150);
  // The first program is about twice the effective screening dose (50–100 mcg).
  const startDose = Math.min(
    targetDose,
    child ? random.int(30, 90) : spinal ? random.int(100, 200) : random.int(80, 150),
  );
  return {
    startDose,
    targetDose,
    range,
    maxRise: spinal && !child ? 0.3 : 0.15,
    style: random.weighted([
      ['simple', 84],
      ['flex', 13],
      ['periodic', 3],
    ] as const),
    ptm: random.chance(0.06),
  };
}

/** Builds a program of `style` delivering `baseDose` mcg/day at `concentration`. */
export function buildProgram(
  style: DosePlan['style'],
  baseDose: number,
  concentration: number,
  ptm: ProgramSpec['ptm'],
): ProgramSpec {
  const parts =
    style === 'simple'
      ? simpleParts(baseDose)
      : style === 'flex'
        ? flexParts(baseDose)
        : periodicParts(baseDose);
  const ptmDaily = ptm ? ptm.doseMcg * ptm.maxPerDay : 0;
  return { ...parts, concentration, ptm, dailyDoseMcg: round(parts.baseDoseMcg + ptmDaily, 3) };
}

type ProgramParts = Pick<ProgramSpec, 'mode' | 'baseDoseMcg' | 'steps' | 'boluses'>;

function simpleParts(baseDose: number): ProgramParts {
  return { mode: 'simple_continuous', baseDoseMcg: round(baseDose, 1), steps: [], boluses: [] };
}

/** Night-time spasms are the usual reason for flex: a higher rate from 22:00, lower in the day. */
function flexParts(baseDose: number): ProgramParts {
  const steps = weightedSteps(baseDose, [
    [0, 1.1],
    [7 * 60, 0.85],
    [22 * 60, 1.35],
  ]);
  return { mode: 'flex', baseDoseMcg: stepsDaily(steps), steps, boluses: [] };
}

/** Periodic bolus: a basal rate for 70% of the dose and three boluses for the rest. */
function periodicParts(baseDose: number): ProgramParts {
  const steps = weightedSteps(baseDose * 0.7, [[0, 1]]);
  const doseMcg = round((baseDose * 0.3) / 3, 3);
  const boluses = [6 * 60, 14 * 60, 22 * 60].map((startMinute) => ({
    startMinute,
    doseMcg,
    durationMinutes: 15,
  }));
  return { mode: 'periodic_bolus', baseDoseMcg: round(stepsDaily(steps) + doseMcg * 3, 3), steps, boluses };
}

/** Steps whose rates follow `weights` and deliver `dailyDose` over 24 hours (rates at 4 decimals). */
function weightedSteps(
  dailyDose: number,
  weights: readonly (readonly [number, number])[],
): ProgramSpec['steps'] {
  const hours = weights.map(
    ([start], i) => (((weights[i + 1]?.[0] ?? 1440) - start + 1440) % 1440 || 1440) / 60,
  );
  const weightedHours = weights.reduce((sum, [, weight], i) => sum + weight * (hours[i] ?? 0), 0);
  return weights.map(([startMinute, weight]) => ({
    startMinute,
    rateMcgPerHour: round((dailyDose * weight) / weightedHours, 4),
  }));
}

/** Σ rate × hours of flex steps, each running until the next one starts (wrapping past midnight). */
export function stepsDaily(steps: readonly { startMinute: number; rateMcgPerHour: number }[]): number {
  const sorted = [...steps].sort((a, b) => a.startMinute - b.startMinute);
  const total = sorted.reduce((sum, step, i) => {
    const next = sorted[i + 1]?.startMinute ?? (sorted[0]?.startMinute ?? 0) + 1440;
    return sum + (step.rateMcgPerHour * (next - step.startMinute)) / 60;
  }, 0);
  return round(total, 3);
}

/** The daily dose of a program as the domain defines it, recomputed from its parts (for tests). */
export function dailyDoseOf(
  spec: Pick<ProgramSpec, 'mode' | 'baseDoseMcg' | 'steps' | 'boluses' | 'ptm'>,
): number {
  const basal = spec.mode === 'simple_continuous' ? spec.baseDoseMcg : stepsDaily(spec.steps);
  const boluses = spec.boluses.reduce((sum, bolus) => sum + bolus.doseMcg, 0);
  const ptm = spec.ptm ? spec.ptm.doseMcg * spec.ptm.maxPerDay : 0;
  return round(basal + boluses + ptm, 3);
}

/** Patient-activated boluses: small (≈ 5% of the daily dose each), 2–3 a day, with a lockout. */
export function drawPtm(random: Prng, baseDose: number): NonNullable<ProgramSpec['ptm']> {
  const maxPerDay = random.int(2, 3);
  // Keep the boluses' total under 10% of the dose: adding them stays within any titration limit.
  const doseMcg = Math.max(2, Math.floor((baseDose * 0.09) / maxPerDay));
  return { doseMcg, maxPerDay, lockoutMinutes: random.pick([120, 180, 240]) };
}

/**
 * The lowest standard concentration that keeps at least `minDays` between fill and alarm: clinics
 * choose it so that refills are weeks apart, not days.
 */
export function chooseConcentration(dailyDose: number, usableMl: number, minDays = 75): number {
  for (const concentration of CONCENTRATIONS) {
    if ((usableMl * concentration) / dailyDose >= minDays) return concentration;
  }
  return 2000;
}
