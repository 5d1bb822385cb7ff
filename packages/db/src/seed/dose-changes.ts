import {
  buildProgram,
  chooseConcentration,
  type DosePlan,
  drawPtm,
  type ProgramSpec,
} from './dose-programs.ts';
import { type Prng } from './prng.ts';

// When and how a physician changes the program: titration up to the maintenance dose after implant,
// occasional adjustments later, a new concentration when the refill interval gets too short, and a
// rare change beyond titration practice with an explicit override (domain doc, "Titration").

export interface ProgramChange {
  spec: ProgramSpec;
  reason: string;
  /** Set when the change exceeds titration practice: the physician's reason for the override. */
  overrideReason: string | null;
}

/** The first program of the therapy, at implant. */
export function initialProgram(plan: DosePlan, usableMl: number, titrated: boolean): ProgramChange {
  // Patients implanted without titration visits were titrated during the implant admission.
  const dose = titrated ? plan.startDose : plan.targetDose;
  // Patient-activated boluses come later, once the maintenance dose is known (maintenanceChange).
  return {
    spec: buildProgram('simple', dose, chooseConcentration(dose, usableMl), null),
    reason: titrated
      ? 'Initial program after implant: about twice the effective screening dose'
      : 'Program set during the implant admission',
    overrideReason: null,
  };
}

/** A titration step towards the target, within the patient's rise limit; null once it is reached. */
export function titrationStep(
  random: Prng,
  plan: DosePlan,
  current: ProgramSpec,
  usableMl: number,
): ProgramChange | null {
  const dose = current.baseDoseMcg;
  if (dose >= plan.targetDose * 0.98) return null;
  // At high doses more than 20% is too much, whatever the origin.
  const limit = dose >= 600 ? Math.min(plan.maxRise, 0.2) : plan.maxRise;
  const rise = random.float(0.5, 1) * limit;
  const next = Math.min(plan.targetDose, roundDown(dose * (1 + rise)));
  return {
    spec: withDose(current, next, usableMl),
    reason: random.pick([
      'Titration: spasticity still limiting transfers',
      'Titration: spasms persist at night',
      'Titration: tone improving, continue towards target',
    ]),
    overrideReason: null,
  };
}

/**
 * An adjustment at a maintenance refill (about one refill in twelve), or null for no change. Doses
 * drift around the patient's own maintenance level rather than only upwards.
 */
export function maintenanceChange(
  random: Prng,
  plan: DosePlan,
  current: ProgramSpec,
  usableMl: number,
): ProgramChange | null {
  if (plan.style !== 'simple' && current.mode === 'simple_continuous' && random.chance(0.2)) {
    return {
      spec: buildProgram(plan.style, current.baseDoseMcg, current.concentration, current.ptm),
      reason: styleReason(plan.style),
      overrideReason: null,
    };
  }
  if (plan.ptm && current.ptm === null && random.chance(0.15)) {
    const ptm = drawPtm(random, current.baseDoseMcg);
    return {
      spec: buildProgram(styleOf(current), current.baseDoseMcg, current.concentration, ptm),
      reason: 'Patient-activated boluses added for breakthrough spasms',
      overrideReason: null,
    };
  }
  const roll = random.next();
  if (roll < 0.0005) return override(random, plan, current, usableMl);
  if (roll > 0.085) return null;
  const ratio = current.baseDoseMcg / plan.targetDose;
  const upShare = ratio > 1.15 ? 0.2 : ratio < 0.85 ? 0.8 : 0.5;
  return adjust(random, plan, current, usableMl, random.chance(upShare) ? 'up' : 'down');
}

function adjust(
  random: Prng,
  plan: DosePlan,
  current: ProgramSpec,
  usableMl: number,
  direction: 'up' | 'down',
): ProgramChange | null {
  const dose = current.baseDoseMcg;
  const limit = dose >= 600 ? Math.min(plan.maxRise, 0.2) : plan.maxRise;
  const factor = direction === 'up' ? 1 + random.float(0.1, limit) : 1 - random.float(0.1, 0.2);
  // Stay in the published range unless the patient is already outside it (a rare high dose).
  const high = Math.max(plan.range[1], plan.targetDose);
  const next = Math.min(high, Math.max(plan.range[0], roundDown(dose * factor)));
  if (Math.abs(next - dose) < 1) return null;
  return {
    spec: withDose(current, next, usableMl),
    reason:
      direction === 'up'
        ? 'Increased: more spasms reported (Penn frequency up)'
        : 'Reduced: daytime weakness affecting standing transfers',
    overrideReason: null,
  };
}

/** Doses are programmed to 0.1 mcg; rounding down keeps a step within its limit. */
function roundDown(dose: number): number {
  return Math.floor(dose * 10) / 10;
}

function override(random: Prng, plan: DosePlan, current: ProgramSpec, usableMl: number): ProgramChange {
  const next = current.baseDoseMcg * (1 + plan.maxRise + random.float(0.08, 0.15));
  return {
    spec: withDose(current, next, usableMl),
    reason: 'Increased beyond the usual titration step',
    overrideReason:
      'Severe spasticity after catheter revision; larger step agreed at the multidisciplinary review',
  };
}

/** The same program at a new dose, and a higher concentration if the interval would get too short. */
function withDose(current: ProgramSpec, dose: number, usableMl: number): ProgramSpec {
  const daysAtCurrent = (usableMl * current.concentration) / dose;
  const concentration = daysAtCurrent < 50 ? chooseConcentration(dose, usableMl) : current.concentration;
  return buildProgram(styleOf(current), dose, concentration, current.ptm);
}

function styleOf(spec: ProgramSpec): DosePlan['style'] {
  return spec.mode === 'simple_continuous' ? 'simple' : spec.mode === 'flex' ? 'flex' : 'periodic';
}

function styleReason(style: DosePlan['style']): string {
  return style === 'flex'
    ? 'Flex program: higher rate overnight for night-time spasms'
    : 'Periodic boluses added before physiotherapy sessions';
}

/** A concentration change at a refill when the dose has made the interval short (kept dose). */
export function concentrationChange(current: ProgramSpec, usableMl: number): ProgramChange | null {
  const days = (usableMl * current.concentration) / current.dailyDoseMcg;
  if (days >= 50 || current.concentration >= 2000) return null;
  const concentration = chooseConcentration(current.dailyDoseMcg, usableMl);
  if (concentration === current.concentration) return null;
  return {
    spec: buildProgram(styleOf(current), current.baseDoseMcg, concentration, current.ptm),
    reason: `Concentration changed to ${concentration} mcg/mL to lengthen the refill interval`,
    overrideReason: null,
  };
}
