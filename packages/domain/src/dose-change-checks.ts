// The safety checks run when a physician records a new dose program (docs/domain.md, "Dose programs"
// and "Risks the software can help prevent"): titration beyond practice, unit slips, doses above the
// ceiling, a stopped pump and a concentration that differs from the drug in the reservoir. Pure: every
// threshold comes from the clinic's settings.
import {
  formatConcentration,
  formatDateTime,
  formatMcgPerDay,
  formatNumber,
  formatPercentChange,
} from './explain.ts';
import { type Finding, sortFindings } from './findings.ts';
import { concentrationStrengthFindings, sameConcentration, strictlyAbove } from './refill-checks.ts';
import { type ClinicSettings } from './settings.ts';

const MS_PER_HOUR = 3_600_000;

/** Whom the titration limits are for: children have their own limit whatever the origin. */
export interface PatientGroup {
  ageGroup: 'adult' | 'child';
  origin: 'spinal' | 'cerebral';
}

/** One of the pump's earlier programs: when it took effect and the daily dose it implies. */
export interface DoseHistoryEntry {
  effectiveFrom: Date;
  dailyDoseMcg: number;
}

/** Inputs of {@link checkDoseChange}. */
export interface DoseChangeInput {
  patientGroup: PatientGroup;
  /** When the new program takes effect. */
  effectiveFrom: Date;
  /** Daily dose the new program implies (mcg/day), patient boluses counted at their maximum. */
  newDailyDoseMcg: number;
  /** Concentration the new program is set for (mcg/mL). */
  newConcentrationMcgPerMl: number;
  /** The pump's earlier programs, in any order; empty for the first program. */
  history: readonly DoseHistoryEntry[];
  /** Concentration of the drug now in the reservoir (the last refill's); null when unknown. */
  reservoirConcentrationMcgPerMl: number | null;
  /** A refill recorded in the same step, whose drug will then be in the reservoir; null if none. */
  refillConcentrationMcgPerMl: number | null;
  /** The site's IANA zone: the instants the sentences name are its wall-clock times. */
  timeZone: string;
}

/** The titration limits that apply to a group at a reference dose (see {@link titrationLimitFor}). */
export interface TitrationLimit {
  maxIncreasePercent: number;
  maxDecreasePercent: number;
  /** "adults with spinal-origin spasticity", "adults with cerebral-origin spasticity", "children". */
  groupLabel: string;
  /** True when the reference dose is at or above `highDoseFromMcgPerDay`, so the high-dose cap applies. */
  highDose: boolean;
}

/**
 * The largest change per titration window (24 h) allowed without a physician override (Saulino 2016):
 * `settings.titration.child` for children whatever the origin, else `adultSpinal` / `adultCerebral`.
 * "At high doses more than 20% is too much": from `highDoseFromMcgPerDay` (a reference dose at or
 * above it) each limit is capped at `highDoseMaxChangePercent`.
 */
export function titrationLimitFor(
  group: PatientGroup,
  referenceDoseMcg: number,
  settings: ClinicSettings,
): TitrationLimit {
  const { titration } = settings;
  const { limit, groupLabel } = groupLimit(group, titration);
  const highDose = referenceDoseMcg >= titration.highDoseFromMcgPerDay;
  const cap = highDose ? titration.highDoseMaxChangePercent : Infinity;
  return {
    maxIncreasePercent: Math.min(limit.maxIncreasePercent, cap),
    maxDecreasePercent: Math.min(limit.maxDecreasePercent, cap),
    groupLabel,
    highDose,
  };
}

function groupLimit(group: PatientGroup, titration: ClinicSettings['titration']) {
  if (group.ageGroup === 'child') return { limit: titration.child, groupLabel: 'children' };
  switch (group.origin) {
    case 'spinal':
      return { limit: titration.adultSpinal, groupLabel: 'adults with spinal-origin spasticity' };
    case 'cerebral':
      return { limit: titration.adultCerebral, groupLabel: 'adults with cerebral-origin spasticity' };
  }
}

/** The doses in force before the new program: the window's lowest and highest, and the previous one. */
interface PriorDoses {
  lowest: number;
  highest: number;
  previous: number;
  /** When the pump has delivered nothing for the whole window: the start of that stop. */
  stoppedSince: Date | null;
}

/**
 * The daily doses in force at any moment of the window before `effectiveFromMs`: the program in force
 * at the window's start (the latest starting at or before it) and every program starting within it.
 * Judging the window as a whole is what stops two +25% changes within 24 h passing as +25% each.
 * A stop (dose 0) does not reset the reference: a pump stopped for an MRI and restarted is judged
 * against the last dose the patient was actually on, so 100 → 0 → 1900 is still a unit slip. `previous`
 * is therefore the last non-zero dose, and `lowest` the lowest non-zero dose of the window (the last
 * non-zero dose before it when the whole window was a stop). Programs starting at or after the new one
 * were never in force before it and are ignored. Null when no program was in force before (the first
 * program). Equal start times keep the input order.
 */
function priorDoses(
  history: readonly DoseHistoryEntry[],
  effectiveFromMs: number,
  windowStartMs: number,
): PriorDoses | null {
  const earlier = history
    .filter((entry) => entry.effectiveFrom.getTime() < effectiveFromMs)
    .sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime());
  if (earlier.length === 0) return null;
  const lastDelivering = earlier.findLast((entry) => entry.dailyDoseMcg > 0);
  const previous = lastDelivering?.dailyDoseMcg ?? 0;
  const startTimes = earlier.map((entry) => entry.effectiveFrom.getTime()).filter((t) => t <= windowStartMs);
  const inForceAtStartMs = startTimes.length > 0 ? Math.max(...startTimes) : -Infinity;
  const doses = earlier
    .filter((entry) => {
      const t = entry.effectiveFrom.getTime();
      return t > windowStartMs || t === inForceAtStartMs;
    })
    .map((entry) => entry.dailyDoseMcg);
  const delivering = doses.filter((dose) => dose > 0);
  const stopStart = lastDelivering ? earlier[earlier.indexOf(lastDelivering) + 1] : earlier[0];
  return {
    lowest: delivering.length > 0 ? Math.min(...delivering) : previous,
    highest: Math.max(...doses),
    previous,
    stoppedSince: delivering.length === 0 && stopStart ? stopStart.effectiveFrom : null,
  };
}

/** One decimal, or two when one would make a change just over the limit read as the limit itself. */
function shownDecimals(percent: number, limitPercent: number): number {
  return Number(Math.abs(percent).toFixed(1)) <= limitPercent ? 2 : 1;
}

/** TITRATION_LIMIT_EXCEEDED for one direction, with the sentence of the titration rule. */
function titrationFinding(
  direction: 'increase' | 'decrease',
  referenceDoseMcg: number,
  newDoseMcg: number,
  limit: TitrationLimit,
  settings: ClinicSettings,
): Finding | null {
  const percent = ((newDoseMcg - referenceDoseMcg) / referenceDoseMcg) * 100;
  const limitPercent = direction === 'increase' ? limit.maxIncreasePercent : limit.maxDecreasePercent;
  if (!strictlyAbove(Math.abs(percent), limitPercent)) return null;
  const { windowHours, highDoseFromMcgPerDay, highDoseMaxChangePercent } = settings.titration;
  const capNote =
    limit.highDose && limitPercent === highDoseMaxChangePercent
      ? ` at doses of ${formatMcgPerDay(highDoseFromMcgPerDay)} or more`
      : '';
  const kind = direction === 'decrease' ? 'decrease ' : '';
  return {
    code: 'TITRATION_LIMIT_EXCEEDED',
    severity: 'override_required',
    message: `${formatPercentChange(percent, shownDecimals(percent, limitPercent))} in ${windowHours} h (${formatNumber(referenceDoseMcg, 1)} → ${formatMcgPerDay(newDoseMcg)}) exceeds the ${formatNumber(limitPercent, 1)}% ${kind}limit for ${limit.groupLabel}${capNote}; a physician override with a reason is needed.`,
    facts: {
      direction,
      referenceDoseMcg,
      newDailyDoseMcg: newDoseMcg,
      percentChange: Number(percent.toFixed(2)),
      limitPercent,
      windowHours,
      group: limit.groupLabel,
    },
  };
}

/**
 * Restarting a pump that has delivered nothing for the whole titration window: tolerance falls during
 * an interruption, so the dose to restart at is a physician's decision (override with a reason), even
 * when it is the dose the patient was on before the stop.
 */
function restartFindings(input: DoseChangeInput, prior: PriorDoses): Finding[] {
  if (!prior.stoppedSince || !(input.newDailyDoseMcg > 0)) return [];
  return [
    {
      code: 'RESTART_AFTER_STOP',
      severity: 'override_required',
      message: `The pump has delivered nothing since ${formatDateTime(prior.stoppedSince, input.timeZone)}; restarting at ${formatMcgPerDay(input.newDailyDoseMcg)} after an interruption needs a physician override with a reason (tolerance falls during a stop).`,
      facts: {
        stoppedSince: prior.stoppedSince.toISOString(),
        newDailyDoseMcg: input.newDailyDoseMcg,
        lastDoseMcg: prior.previous,
      },
    },
  ];
}

/**
 * Titration (Saulino 2016): a rise is judged against the LOWEST dose in force during the window, a
 * fall against the HIGHEST. A reference of 0 (restarting a stopped pump) has no percentage: any rise
 * from 0 would be "infinite", so it is judged only by the ceiling and usual-dose checks. The rise is
 * not reported when a unit slip already refuses it.
 */
function titrationFindings(input: DoseChangeInput, prior: PriorDoses, settings: ClinicSettings): Finding[] {
  const { newDailyDoseMcg: newDose, patientGroup } = input;
  const findings: (Finding | null)[] = [];
  if (prior.lowest > 0 && newDose > prior.lowest && !isUpwardSlip(newDose, prior.previous, settings)) {
    // The high-dose cap applies when either end of the rise is a high dose (500 → 620 crosses 600).
    const limit = titrationLimitFor(patientGroup, Math.max(prior.lowest, newDose), settings);
    findings.push(titrationFinding('increase', prior.lowest, newDose, limit, settings));
  }
  if (newDose < prior.highest) {
    const limit = titrationLimitFor(patientGroup, prior.highest, settings);
    findings.push(titrationFinding('decrease', prior.highest, newDose, limit, settings));
  }
  return findings.filter((finding) => finding !== null);
}

function isUpwardSlip(newDose: number, previous: number, settings: ClinicSettings): boolean {
  return previous > 0 && !strictlyAbove(settings.dose.unitSlipFactor * previous, newDose);
}

/**
 * Unit slips (ISMP baclofen programming error): a dose meant per day entered per hour is 24× too
 * high, so a new dose at least `unitSlipFactor` times the previous one is refused. The slip the other
 * way (a fall to 1/`unitSlipFactor` or less) means withdrawal; a deliberate wean is possible, so a
 * physician may override it. Judged against the program in force just before the new one.
 */
function unitSlipFindings(input: DoseChangeInput, previous: number, settings: ClinicSettings): Finding[] {
  const newDose = input.newDailyDoseMcg;
  const factor = settings.dose.unitSlipFactor;
  const facts = { previousDoseMcg: previous, newDailyDoseMcg: newDose, unitSlipFactor: factor };
  if (isUpwardSlip(newDose, previous, settings)) {
    return [
      {
        code: 'LIKELY_UNIT_SLIP',
        severity: 'refusal',
        message: `The new dose of ${formatMcgPerDay(newDose)} is ${formatNumber(newDose / previous, 1)} times the previous ${formatMcgPerDay(previous)}, which looks like a unit slip (a per-day value typed as per-hour?), so it cannot be recorded; re-enter the dose in mcg/day.`,
        facts: { ...facts, direction: 'increase' },
      },
    ];
  }
  if (previous > 0 && newDose > 0 && !strictlyAbove(newDose, previous / factor)) {
    return [
      {
        code: 'LIKELY_UNIT_SLIP',
        severity: 'override_required',
        message: `The new dose of ${formatMcgPerDay(newDose)} is ${formatNumber(previous / newDose, 1)} times lower than the previous ${formatMcgPerDay(previous)}, which looks like a unit slip and would cause withdrawal; a physician override with a reason is needed for a deliberate wean.`,
        facts: { ...facts, direction: 'decrease' },
      },
    ];
  }
  return [];
}

/**
 * Dose level (Lioresal/Gablofen labels; domain doc): above `ceilingDailyDoseMcg` is refused as a
 * likely programming error, above `unusualDailyDoseMcg` is flagged. A dose of 0 stops the pump, which
 * means withdrawal unless intended (before explant, or emptying a Prometra before MRI).
 */
function doseLevelFindings(input: DoseChangeInput, settings: ClinicSettings): Finding[] {
  const newDose = input.newDailyDoseMcg;
  const { ceilingDailyDoseMcg: ceiling, unusualDailyDoseMcg: unusual } = settings.dose;
  if (strictlyAbove(newDose, ceiling)) {
    const message = `The new dose of ${formatMcgPerDay(newDose)} is above the clinic's ceiling of ${formatMcgPerDay(ceiling)} and is refused as a likely programming error.`;
    const facts = { newDailyDoseMcg: newDose, ceilingDailyDoseMcg: ceiling };
    return [{ code: 'DOSE_ABOVE_CEILING', severity: 'refusal', message, facts }];
  }
  if (strictlyAbove(newDose, unusual)) {
    const message = `The new dose of ${formatMcgPerDay(newDose)} is above ${formatMcgPerDay(unusual)}, which is unusual for intrathecal baclofen; check that it is intended.`;
    const facts = { newDailyDoseMcg: newDose, unusualDailyDoseMcg: unusual };
    return [{ code: 'DAILY_DOSE_ABOVE_USUAL', severity: 'warning', message, facts }];
  }
  if (newDose !== 0) return [];
  const message = `The new program sets the dose to ${formatMcgPerDay(0)}, which stops the pump and causes withdrawal unless intended (before explant, or emptying a Prometra for MRI); a physician override with a reason is needed.`;
  return [
    { code: 'PROGRAM_STOPS_PUMP', severity: 'override_required', message, facts: { newDailyDoseMcg: 0 } },
  ];
}

/**
 * The classic fatal error (ISMP; Lioresal/Gablofen boxed warning): the program's concentration must be
 * that of the drug that will be in the reservoir, the refill recorded in the same step when there is
 * one, else the last refill's. Skipped when neither is known.
 */
function concentrationMatchFindings(input: DoseChangeInput): Finding[] {
  const programmed = input.newConcentrationMcgPerMl;
  const drug = input.refillConcentrationMcgPerMl ?? input.reservoirConcentrationMcgPerMl;
  if (drug === null || sameConcentration(programmed, drug)) return [];
  const where =
    input.refillConcentrationMcgPerMl === null
      ? 'the drug in the reservoir is'
      : 'the drug filled in this step is';
  return [
    {
      code: 'CONCENTRATION_MISMATCH',
      severity: 'refusal',
      message: `The new program is for ${formatConcentration(programmed)} but ${where} ${formatConcentration(drug)}, a mismatch that can be fatal; record the refill with ${formatConcentration(programmed)} drug in the same step or correct the program.`,
      facts: {
        programConcentrationMcgPerMl: programmed,
        reservoirConcentrationMcgPerMl: input.reservoirConcentrationMcgPerMl,
        refillConcentrationMcgPerMl: input.refillConcentrationMcgPerMl,
      },
    },
  ];
}

/** Refuses values no form should let through, rather than letting NaN silently pass a check. */
function assertValidDoseChange(input: DoseChangeInput): void {
  const isDose = (value: number) => Number.isFinite(value) && value >= 0;
  const isConcentration = (value: number | null) => value === null || (Number.isFinite(value) && value > 0);
  if (!Number.isFinite(input.effectiveFrom.getTime()))
    throw new RangeError('effectiveFrom is not a valid date');
  if (!isDose(input.newDailyDoseMcg)) throw new RangeError(`Invalid daily dose: ${input.newDailyDoseMcg}`);
  const concentrations = [
    input.newConcentrationMcgPerMl,
    input.reservoirConcentrationMcgPerMl,
    input.refillConcentrationMcgPerMl,
  ];
  if (!concentrations.every(isConcentration)) throw new RangeError('Concentrations must be positive');
  for (const entry of input.history) {
    if (!Number.isFinite(entry.effectiveFrom.getTime()) || !isDose(entry.dailyDoseMcg)) {
      throw new RangeError(`Invalid history entry: ${entry.dailyDoseMcg} mcg/day`);
    }
  }
}

/**
 * All safety checks on a new dose program, most serious first (sorted with `sortFindings`):
 * refusals CONCENTRATION_MISMATCH, LIKELY_UNIT_SLIP (rise) and DOSE_ABOVE_CEILING; override-required
 * TITRATION_LIMIT_EXCEEDED, LIKELY_UNIT_SLIP (fall), PROGRAM_STOPS_PUMP and RESTART_AFTER_STOP; warnings
 * DAILY_DOSE_ABOVE_USUAL, NON_STANDARD_CONCENTRATION and TRIAL_CONCENTRATION. With no earlier program
 * (the first one) there is nothing to titrate from, so no titration or unit-slip finding (the first
 * program of a replacement pump is given the previous pump's programs as its history). Throws a
 * RangeError for an invalid date, a negative or non-finite dose, or a concentration that is not positive.
 */
export function checkDoseChange(input: DoseChangeInput, settings: ClinicSettings): Finding[] {
  assertValidDoseChange(input);
  const effectiveFromMs = input.effectiveFrom.getTime();
  const windowStartMs = effectiveFromMs - settings.titration.windowHours * MS_PER_HOUR;
  const prior = priorDoses(input.history, effectiveFromMs, windowStartMs);
  return sortFindings([
    ...concentrationMatchFindings(input),
    ...doseLevelFindings(input, settings),
    ...(prior === null ? [] : unitSlipFindings(input, prior.previous, settings)),
    ...(prior === null ? [] : titrationFindings(input, prior, settings)),
    ...(prior === null ? [] : restartFindings(input, prior)),
    ...concentrationStrengthFindings(input.newConcentrationMcgPerMl, settings),
  ]);
}
