import { type Prisma } from '../generated/prisma/client.ts';
import { round, seededUuid } from './ids.ts';
import { type Prng } from './prng.ts';

export type ProgramStyle = 'simple' | 'flex' | 'bolus';

/** What a physician programs: the shape (style, patient boluses) stays, the dose and drug change. */
export interface ProgramShape {
  style: ProgramStyle;
  /** Patient-activated boluses: dose (mcg), at most per day, lockout (min). */
  ptm: { doseMcg: number; maxPerDay: number; lockoutMinutes: number } | null;
}

export interface ProgramRows {
  program: Prisma.DoseProgramCreateManyInput;
  steps: Prisma.DoseProgramStepCreateManyInput[];
  boluses: Prisma.DoseProgramBolusCreateManyInput[];
  /** The daily dose the rows add up to (what `dailyDoseMcg` stores). */
  dailyDoseMcg: number;
  concentration: number;
}

// Flex day: night, morning, afternoon, evening, each six hours, weighted towards daytime spasms.
const FLEX_WEIGHTS = [0.8, 1.1, 1.2, 0.9] as const;

/**
 * Rows of one dose program delivering about `targetDailyMcg` a day, and the daily dose they really add
 * up to after rounding (domain doc: Σ step rate × hours + scheduled boluses + maximum patient boluses ×
 * bolus dose, the conservative convention).
 */
export function buildProgram(
  random: Prng,
  input: {
    pumpId: string;
    effectiveFrom: Date;
    concentration: number;
    targetDailyMcg: number;
    shape: ProgramShape;
    programmedById: string;
    reason: string;
    override?: string;
  },
): ProgramRows {
  const id = seededUuid(random);
  const ptmDaily = input.shape.ptm ? input.shape.ptm.doseMcg * input.shape.ptm.maxPerDay : 0;
  const basalTarget = Math.max(10, input.targetDailyMcg - ptmDaily);
  const steps: Prisma.DoseProgramStepCreateManyInput[] = [];
  const boluses: Prisma.DoseProgramBolusCreateManyInput[] = [];
  let basalDaily: number;
  let continuous: number | null = null;

  if (input.shape.style === 'simple') {
    continuous = round(basalTarget, 1);
    basalDaily = continuous;
  } else if (input.shape.style === 'flex') {
    const weightSum = FLEX_WEIGHTS.reduce((a, b) => a + b, 0);
    basalDaily = 0;
    FLEX_WEIGHTS.forEach((weight, i) => {
      const rate = round((basalTarget * weight) / (6 * weightSum), 4);
      basalDaily += rate * 6;
      steps.push({
        id: seededUuid(random),
        programId: id,
        startMinute: i * 360,
        rateMcgPerHour: rate,
        weekdays: [],
      });
    });
  } else {
    // Periodic bolus: half the dose as a basal rate, half as three boluses through the day.
    const rate = round((basalTarget * 0.5) / 24, 4);
    const bolus = round((basalTarget * 0.5) / 3, 3);
    steps.push({ id: seededUuid(random), programId: id, startMinute: 0, rateMcgPerHour: rate, weekdays: [] });
    for (const startMinute of [480, 840, 1200]) {
      boluses.push({
        id: seededUuid(random),
        programId: id,
        startMinute,
        doseMcg: bolus,
        durationMinutes: 20,
        weekdays: [],
      });
    }
    basalDaily = rate * 24 + bolus * 3;
  }
  const dailyDoseMcg = round(basalDaily + ptmDaily, 3);
  return {
    program: {
      id,
      pumpId: input.pumpId,
      effectiveFrom: input.effectiveFrom,
      concentrationMcgPerMl: input.concentration,
      mode:
        input.shape.style === 'simple'
          ? 'simple_continuous'
          : input.shape.style === 'flex'
            ? 'flex'
            : 'periodic_bolus',
      continuousDoseMcgPerDay: continuous,
      ptmBolusDoseMcg: input.shape.ptm?.doseMcg ?? null,
      ptmMaxPerDay: input.shape.ptm?.maxPerDay ?? null,
      ptmLockoutMinutes: input.shape.ptm?.lockoutMinutes ?? null,
      dailyDoseMcg,
      programmedById: input.programmedById,
      reason: input.reason,
      titrationOverride: input.override !== undefined,
      titrationOverrideReason: input.override ?? null,
    },
    steps,
    boluses,
    dailyDoseMcg,
    concentration: input.concentration,
  };
}

export function chooseShape(random: Prng): ProgramShape {
  const style = random.weighted<ProgramStyle>([
    ['simple', 75],
    ['flex', 18],
    ['bolus', 7],
  ]);
  const ptm = random.chance(0.08)
    ? {
        doseMcg: random.pick([10, 15, 20, 25]),
        maxPerDay: random.pick([2, 3, 4]),
        lockoutMinutes: random.pick([60, 120, 180]),
      }
    : null;
  return { style, ptm };
}

const STANDARD_CONCENTRATIONS = [500, 1000, 2000] as const;

/**
 * The lowest standard strength that lasts at least five weeks between refills at this dose: clinics
 * move to a stronger drug as the dose rises rather than refill every fortnight.
 */
export function concentrationFor(
  dailyDoseMcg: number,
  reservoirMl: number,
  alarmMl: number,
  current = 0,
): number {
  for (const c of STANDARD_CONCENTRATIONS) {
    if (c < current) continue;
    if (((reservoirMl - alarmMl) * c) / dailyDoseMcg >= 35) return c;
  }
  return 2000;
}
