import { dailyDose, type DoseMode, type DoseProgram, type DoseSchedule } from '@pumpdesk/domain';
import { type PatientProfile } from './patient-profile.ts';
import { type Prng } from './prng.ts';
import { round } from './records.ts';

// Dose programs as a physician would write them (docs/domain.md, "Drug" and "Dose programs"):
// maintenance doses in the published ranges, titration steps within practice limits, concentrations
// of 500/1000/2000 mcg/mL, and the daily dose computed by the domain's `dailyDose` from the program.

export const CONCENTRATIONS = [500, 1000, 2000] as const;

/** A program's content, rounded to the columns' scales. */
export interface ProgramSpec {
  mode: DoseMode;
  concentration: number;
  /** The dose per day without patient boluses (simple mode: the continuous dose). */
  baseDoseMcg: number;
  steps: { startMinute: number; rateMcgPerHour: number }[];
  boluses: { startMinute: number; doseMcg: number; durationMinutes: number }[];
  ptm: { doseMcg: number; maxPerDay: number; lockoutMinutes: number } | null;
  /** The domain's daily dose of the program (`dailyDose`: basal + boluses + max patient boluses). */
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
  const spec = { ...parts, concentration, ptm };
  return { ...spec, dailyDoseMcg: specDailyDose(spec) };
}

type ProgramParts = Pick<ProgramSpec, 'mode' | 'baseDoseMcg' | 'steps' | 'boluses'>;
type ScheduleParts = Pick<ProgramSpec, 'mode' | 'baseDoseMcg' | 'steps' | 'boluses' | 'ptm'>;

/** The program's schedule as the domain reads it (every entry applies on every weekday). */
export function scheduleOf(spec: ScheduleParts): DoseSchedule {
  return {
    mode: spec.mode,
    continuousDoseMcgPerDay: spec.mode === 'simple_continuous' ? spec.baseDoseMcg : null,
    steps: spec.steps.map((step) => ({ ...step, weekdays: [] })),
    boluses: spec.boluses.map((bolus) => ({ ...bolus, weekdays: [] })),
    patientBolus: spec.ptm ? { ...spec.ptm } : null,
  };
}

/** The program as the engine projects it, taking effect at `effectiveFrom`. */
export function programOf(spec: ProgramSpec, effectiveFrom: Date): DoseProgram {
  return { ...scheduleOf(spec), effectiveFrom, concentrationMcgPerMl: spec.concentration };
}

/** The domain's daily dose of a program, at the column's scale (3 decimals). */
export function specDailyDose(spec: ScheduleParts): number {
  return round(dailyDose(scheduleOf(spec)).totalMcg, 3);
}

function simpleParts(baseDose: number): ProgramParts {
  return { mode: 'simple_continuous', baseDoseMcg: round(baseDose, 1), steps: [], boluses: [] };
}

/** The daily dose of a schedule without patient boluses: what the steps and scheduled boluses give. */
function basalDaily(parts: Omit<ProgramParts, 'baseDoseMcg'>): number {
  return specDailyDose({ ...parts, baseDoseMcg: 0, ptm: null });
}

/** Night-time spasms are the usual reason for flex: a higher rate from 22:00, lower in the day. */
function flexParts(baseDose: number): ProgramParts {
  const steps = weightedSteps(baseDose, [
    [0, 1.1],
    [7 * 60, 0.85],
    [22 * 60, 1.35],
  ]);
  const parts = { mode: 'flex' as const, steps, boluses: [] };
  return { ...parts, baseDoseMcg: basalDaily(parts) };
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
  const parts = { mode: 'periodic_bolus' as const, steps, boluses };
  return { ...parts, baseDoseMcg: basalDaily(parts) };
}

/** Steps whose rates follow `weights` and deliver `doseMcg` over 24 hours (rates at 4 decimals). */
function weightedSteps(
  doseMcg: number,
  weights: readonly (readonly [number, number])[],
): ProgramSpec['steps'] {
  const hours = weights.map(
    ([start], i) => (((weights[i + 1]?.[0] ?? 1440) - start + 1440) % 1440 || 1440) / 60,
  );
  const weightedHours = weights.reduce((sum, [, weight], i) => sum + weight * (hours[i] ?? 0), 0);
  return weights.map(([startMinute, weight]) => ({
    startMinute,
    rateMcgPerHour: round((doseMcg * weight) / weightedHours, 4),
  }));
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
