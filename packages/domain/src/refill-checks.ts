// The safety checks run when a nurse records a refill (docs/domain.md, "Refill math" and "Risks the
// software can help prevent"). Pure: every threshold comes from the clinic's settings, and each
// problem becomes a coded finding with one plain sentence and the numbers behind it.
import { type CalendarDate, compareCalendarDates } from './calendar-date.ts';
import { formatConcentration, formatDate, formatMl } from './explain.ts';
import { type Finding, sortFindings } from './findings.ts';
import { type ClinicSettings } from './settings.ts';

/**
 * Concentrations are stored as decimals with 2 places, so two values closer than half a hundredth are
 * the same strength; a stricter comparison would refuse 1000 against 999.9999999 from float noise.
 */
const CONCENTRATION_TOLERANCE = 0.005;
/**
 * Volumes and percentages are compared "strictly above the threshold"; float subtraction
 * (3.1 − 2.1 = 1.0000000000000002) must not turn a gap exactly at the threshold into a finding.
 */
const FLOAT_SLACK = 1e-9;

/** Inputs of {@link checkRefill}: what the nurse records, and what is on record for the pump. */
export interface RefillCheckInput {
  /** Capacity of the pump model's reservoir (mL), from the pump catalogue (20 or 40 mL). */
  reservoirMl: number;
  /** The residual volume the pump reported before the refill (mL). */
  expectedResidualMl: number;
  /** The volume the nurse actually withdrew (mL). */
  withdrawnVolumeMl: number;
  /** Concentration of the drug filled (mcg/mL). */
  concentrationMcgPerMl: number;
  /** Volume injected into the reservoir (mL). */
  volumeFilledMl: number;
  /** The reservoir reading (volume entered into the pump) after the fill (mL). */
  reservoirVolumeAfterMl: number;
  /** Concentration of the program in force (mcg/mL); null when the pump has no program on record. */
  programConcentrationMcgPerMl: number | null;
  /** Concentration of a new program a physician records in the same step, or null. */
  newProgramConcentrationMcgPerMl: number | null;
  /** Expiry date of the drug filled, when recorded. */
  drugExpiry: CalendarDate | null;
  /** The day of the refill in the clinic's zone. */
  refillDate: CalendarDate;
}

/**
 * True when two concentrations are the same strength, to the 2 decimal places they are stored with
 * (|a − b| < 0.005 mcg/mL). Shared by the refill and dose-change checks so both compare alike.
 */
export function sameConcentration(a: number, b: number): boolean {
  return Math.abs(a - b) < CONCENTRATION_TOLERANCE;
}

/** True when `value` is above `limit` by more than float noise: "strictly above the threshold". */
export function strictlyAbove(value: number, limit: number): boolean {
  return value - limit > FLOAT_SLACK;
}

/**
 * The volume gap (mL) above which a residual or fill discrepancy is a finding: the small-reservoir
 * gap (default 1 mL) for reservoirs up to `smallReservoirMaxMl` (20 mL), the large one (2 mL) above.
 * Source: Maino 2017 (volume gaps as a pocket-fill sign) and the Medtronic 2011 pocket-fill letter;
 * pumps themselves are accurate to a few percent per refill (Wesemann 2014), well inside these gaps.
 */
export function volumeGapThresholdMl(reservoirMl: number, residual: ClinicSettings['residual']): number {
  return reservoirMl <= residual.smallReservoirMaxMl
    ? residual.smallReservoirGapMl
    : residual.largeReservoirGapMl;
}

/**
 * Warnings about the strength of the drug, whichever step records it. A strength in
 * `trialConcentrationsMcgPerMl` (50 mcg/mL) is meant for the screening test, not for the pump
 * (Boster 2016; Lioresal/Gablofen labels) → TRIAL_CONCENTRATION. Any other strength outside
 * `standardConcentrationsMcgPerMl` (500, 1000, 2000 mcg/mL) is diluted or compounded, and compounded
 * drug is often more than 5% off its label → NON_STANDARD_CONCENTRATION. At most one finding.
 */
export function concentrationStrengthFindings(concentration: number, settings: ClinicSettings): Finding[] {
  const { standardConcentrationsMcgPerMl: standard, trialConcentrationsMcgPerMl: trial } = settings.dose;
  const facts = { concentrationMcgPerMl: concentration };
  if (trial.some((strength) => sameConcentration(strength, concentration))) {
    return [
      {
        code: 'TRIAL_CONCENTRATION',
        severity: 'warning',
        message: `${formatConcentration(concentration)} is the screening (trial) strength, not meant for the pump; check the drug before it is used.`,
        facts,
      },
    ];
  }
  if (standard.some((strength) => sameConcentration(strength, concentration))) return [];
  const standardList = standard.map((strength) => formatConcentration(strength)).join(', ');
  return [
    {
      code: 'NON_STANDARD_CONCENTRATION',
      severity: 'warning',
      message: `${formatConcentration(concentration)} is not a standard strength (${standardList}), so the drug is diluted or compounded and may be more than 5% off its label; check the label and the dose.`,
      facts: { ...facts, standardConcentrations: standardList },
    },
  ];
}

/**
 * The classic fatal error (ISMP baclofen programming error; Lioresal/Gablofen boxed warning): the drug
 * filled must have the concentration of the program that will be in force after this step, i.e. the
 * new program when a physician records one in the same step, else the program in force. With no
 * program on record and none recorded now there is nothing to compare with, which is also refused.
 */
function concentrationMatchFindings(input: RefillCheckInput): Finding[] {
  const filled = input.concentrationMcgPerMl;
  const target = input.newProgramConcentrationMcgPerMl ?? input.programConcentrationMcgPerMl;
  const facts = {
    filledConcentrationMcgPerMl: filled,
    programConcentrationMcgPerMl: input.programConcentrationMcgPerMl,
    newProgramConcentrationMcgPerMl: input.newProgramConcentrationMcgPerMl,
  };
  if (target === null) {
    return [
      {
        code: 'CONCENTRATION_MISMATCH',
        severity: 'refusal',
        message: `No dose program is on record to compare the ${formatConcentration(filled)} drug with, so the refill cannot be recorded unless a physician records a program with ${formatConcentration(filled)} in the same step.`,
        facts,
      },
    ];
  }
  if (sameConcentration(filled, target)) return [];
  const programmed =
    input.newProgramConcentrationMcgPerMl === null
      ? `the pump is programmed for ${formatConcentration(target)}`
      : `the new program recorded in this step is for ${formatConcentration(target)}`;
  return [
    {
      code: 'CONCENTRATION_MISMATCH',
      severity: 'refusal',
      message: `The drug filled is ${formatConcentration(filled)} but ${programmed}, a mismatch that can be fatal; a physician must record a program with ${formatConcentration(filled)} in the same step before the refill can be recorded.`,
      facts,
    },
  ];
}

/** A reservoir cannot hold more than its capacity: a larger volume is a typing or reading error. */
function capacityFindings(input: RefillCheckInput): Finding[] {
  const { reservoirMl, volumeFilledMl, reservoirVolumeAfterMl } = input;
  const findings: Finding[] = [];
  if (strictlyAbove(volumeFilledMl, reservoirMl)) {
    findings.push({
      code: 'VOLUME_ABOVE_CAPACITY',
      severity: 'refusal',
      message: `${formatMl(volumeFilledMl)} injected is more than the ${formatMl(reservoirMl)} reservoir can hold; check the volume before recording the refill.`,
      facts: { field: 'volumeFilledMl', volumeMl: volumeFilledMl, reservoirMl },
    });
  }
  if (strictlyAbove(reservoirVolumeAfterMl, reservoirMl)) {
    findings.push({
      code: 'VOLUME_ABOVE_CAPACITY',
      severity: 'refusal',
      message: `A reservoir volume of ${formatMl(reservoirVolumeAfterMl)} after the fill is more than the ${formatMl(reservoirMl)} reservoir can hold; check the reading before recording the refill.`,
      facts: { field: 'reservoirVolumeAfterMl', volumeMl: reservoirVolumeAfterMl, reservoirMl },
    });
  }
  return findings;
}

/** Expired drug must not go into the pump (Lioresal/Gablofen labels); expiring today is still usable. */
function expiryFindings(input: RefillCheckInput): Finding[] {
  const { drugExpiry, refillDate } = input;
  if (drugExpiry === null || compareCalendarDates(drugExpiry, refillDate) >= 0) return [];
  return [
    {
      code: 'DRUG_EXPIRED',
      severity: 'refusal',
      message: `The drug expired on ${formatDate(drugExpiry)}, before this refill on ${formatDate(refillDate)}; use drug within its expiry date.`,
      facts: { drugExpiry, refillDate },
    },
  ];
}

/**
 * Residual check: pumps deliver within a few percent (about 2.5% per refill, Wesemann 2014), so a gap
 * above the threshold between what the pump expected and what was withdrawn points to the pump or
 * catheter. More left than expected: under-delivery (catheter occlusion, motor stall), a withdrawal
 * risk. Less left: over-delivery or a leak.
 */
function residualFindings(input: RefillCheckInput, thresholdMl: number): Finding[] {
  const { withdrawnVolumeMl: withdrawn, expectedResidualMl: expected, reservoirMl } = input;
  const gapMl = Math.abs(withdrawn - expected);
  if (!strictlyAbove(gapMl, thresholdMl)) return [];
  const moreLeft = withdrawn > expected;
  const meaning = moreLeft
    ? 'more drug was left than expected, so the pump delivered less than programmed (catheter occlusion or a pump stall?)'
    : 'less drug was left than expected, so the pump delivered more than programmed or the drug leaked';
  return [
    {
      code: 'RESIDUAL_GAP',
      severity: 'warning',
      message: `${formatMl(withdrawn)} was withdrawn but the pump expected ${formatMl(expected)}, a ${formatMl(gapMl)} gap above the ${formatMl(thresholdMl)} threshold for a ${formatMl(reservoirMl)} reservoir: ${meaning}; check the pump and catheter.`,
      facts: {
        withdrawnVolumeMl: withdrawn,
        expectedResidualMl: expected,
        gapMl: Number(gapMl.toFixed(2)),
        thresholdMl,
        reservoirMl,
        direction: moreLeft ? 'more_left_than_expected' : 'less_left_than_expected',
      },
    },
  ];
}

/**
 * Pocket fill (Maino 2017; Medtronic 2011 pocket-fill letter): drug injected under the skin instead
 * of into the reservoir, a known cause of overdose and death. PumpDesk records refills as "empty and
 * fill": the nurse withdraws everything first, so the reservoir should then read what was injected;
 * a gap above the threshold means the fill cannot be confirmed to be in the pump.
 */
function pocketFillFindings(input: RefillCheckInput, thresholdMl: number): Finding[] {
  const { reservoirVolumeAfterMl: after, volumeFilledMl: filled, reservoirMl } = input;
  const gapMl = Math.abs(after - filled);
  if (!strictlyAbove(gapMl, thresholdMl)) return [];
  const meaning =
    after < filled
      ? 'the missing drug may have been injected under the skin (pocket fill, a known cause of fatal overdose)'
      : 'the fill cannot be confirmed to be in the pump (a pocket fill, or a reservoir not emptied first)';
  return [
    {
      code: 'POSSIBLE_POCKET_FILL',
      severity: 'critical',
      message: `The reservoir reads ${formatMl(after)} after ${formatMl(filled)} was injected, a ${formatMl(gapMl)} gap above the ${formatMl(thresholdMl)} threshold for a ${formatMl(reservoirMl)} reservoir: ${meaning}, so observe the patient for overdose now.`,
      facts: {
        reservoirVolumeAfterMl: after,
        volumeFilledMl: filled,
        gapMl: Number(gapMl.toFixed(2)),
        thresholdMl,
        reservoirMl,
      },
    },
  ];
}

/** Refuses numbers no form should let through, rather than letting NaN silently pass a check. */
function assertValidRefill(input: RefillCheckInput): void {
  const volumes = {
    reservoirMl: input.reservoirMl,
    expectedResidualMl: input.expectedResidualMl,
    withdrawnVolumeMl: input.withdrawnVolumeMl,
    volumeFilledMl: input.volumeFilledMl,
    reservoirVolumeAfterMl: input.reservoirVolumeAfterMl,
  };
  for (const [name, value] of Object.entries(volumes)) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a volume ≥ 0: ${value}`);
  }
  if (!(input.reservoirMl > 0)) throw new RangeError(`reservoirMl must be positive: ${input.reservoirMl}`);
  const concentrations = [
    input.concentrationMcgPerMl,
    input.programConcentrationMcgPerMl,
    input.newProgramConcentrationMcgPerMl,
  ];
  for (const value of concentrations) {
    if (value !== null && !(Number.isFinite(value) && value > 0)) {
      throw new RangeError(`Concentration must be positive: ${value}`);
    }
  }
}

/**
 * All safety checks on a refill, most serious first (sorted with `sortFindings`):
 * CONCENTRATION_MISMATCH, VOLUME_ABOVE_CAPACITY and DRUG_EXPIRED are refusals; POSSIBLE_POCKET_FILL is
 * critical; RESIDUAL_GAP, NON_STANDARD_CONCENTRATION and TRIAL_CONCENTRATION are warnings. Thresholds
 * come from `settings` (residual gaps, standard and trial strengths). Throws a RangeError for a
 * negative or non-finite volume or a concentration that is not positive.
 */
export function checkRefill(input: RefillCheckInput, settings: ClinicSettings): Finding[] {
  assertValidRefill(input);
  const thresholdMl = volumeGapThresholdMl(input.reservoirMl, settings.residual);
  return sortFindings([
    ...concentrationMatchFindings(input),
    ...capacityFindings(input),
    ...expiryFindings(input),
    ...pocketFillFindings(input, thresholdMl),
    ...residualFindings(input, thresholdMl),
    ...concentrationStrengthFindings(input.concentrationMcgPerMl, settings),
  ]);
}
