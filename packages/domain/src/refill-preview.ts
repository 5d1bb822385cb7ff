import { type CalendarDate, calendarDateInZone } from './calendar-date.ts';
import { type PatientGroup } from './dose-change-checks.ts';
import { type DoseChangePreview, previewDoseChange } from './dose-change-preview.ts';
import { type DoseProgram } from './dose-program.ts';
import { decideWrite, type PhysicianOverride, type WriteDecision } from './findings.ts';
import { checkRefill } from './refill-checks.ts';
import { refillDueDate, type RefillDueDate } from './refill-due-date.ts';
import { projectReservoir } from './reservoir-projection.ts';
import { type ClinicSettings } from './settings.ts';

// What a refill would do, before or as it is recorded (docs/domain.md, "Refill math" and "Concentration
// check at refill"): the refill's safety findings, the checks of a new program a physician records in
// the same step (a change of concentration needs one), and the alarm, empty and due dates of the
// reservoir it leaves. The API's refill preview shows this; its record and amend run the same.

/** The refill as the nurse records it. */
export interface RefillFacts {
  at: Date;
  expectedResidualMl: number;
  withdrawnVolumeMl: number;
  concentrationMcgPerMl: number;
  volumeFilledMl: number;
  reservoirVolumeAfterMl: number;
  drugExpiry: CalendarDate | null;
}

export interface RefillPreviewInput {
  refill: RefillFacts;
  /** Capacity of the pump model's reservoir (mL). */
  reservoirMl: number;
  /** The pump's programs on record, any order (equal start times: the one listed last is in force). */
  programs: readonly DoseProgram[];
  /** A program recorded in the same step, taking effect at the refill; null when none. */
  newProgram: DoseProgram | null;
  /** The physician's override for the new program's titration findings. */
  newProgramOverride: PhysicianOverride | null;
  patientGroup: PatientGroup;
  highRisk: boolean;
  alarmVolumeMl: number;
  timeZone: string;
  settings: ClinicSettings;
}

export interface RefillPreview {
  /** True when neither the refill nor the new program (if any) is blocked. */
  allowed: boolean;
  /** The refill's own findings (residual gap, pocket fill, mismatch, capacity, expiry, strength). */
  decision: WriteDecision;
  /** The new program's checks, judged against the drug this refill puts in the reservoir. */
  program: DoseChangePreview | null;
  /** The concentration the refill was compared with: the program in force at the refill, or null. */
  programConcentrationMcgPerMl: number | null;
  due: RefillDueDate | null;
  alarmAt: Date | null;
  emptyAt: Date | null;
}

/**
 * The program in force at `at`: the latest to take effect at or before it (the last listed on a tie);
 * when all start later, the first one, as the projection assumes (a pump filled before its first
 * program was entered). Null without programs.
 */
export function programInForceAt(programs: readonly DoseProgram[], at: Date): DoseProgram | null {
  const sorted = programs
    .map((program, index) => ({ program, index }))
    .sort(
      (a, b) => a.program.effectiveFrom.getTime() - b.program.effectiveFrom.getTime() || a.index - b.index,
    )
    .map(({ program }) => program);
  return sorted.findLast((program) => program.effectiveFrom.getTime() <= at.getTime()) ?? sorted[0] ?? null;
}

/**
 * Judges a refill: `checkRefill` against the program in force at the refill (or the new program of the
 * same step), `previewDoseChange` for that new program with this refill's drug in the reservoir, and
 * the reservoir projected from this refill over every program (the new one included).
 */
export function previewRefill(input: RefillPreviewInput): RefillPreview {
  const { refill, newProgram, settings, timeZone } = input;
  const inForce = programInForceAt(input.programs, refill.at);
  const findings = checkRefill(
    {
      reservoirMl: input.reservoirMl,
      expectedResidualMl: refill.expectedResidualMl,
      withdrawnVolumeMl: refill.withdrawnVolumeMl,
      concentrationMcgPerMl: refill.concentrationMcgPerMl,
      volumeFilledMl: refill.volumeFilledMl,
      reservoirVolumeAfterMl: refill.reservoirVolumeAfterMl,
      programConcentrationMcgPerMl: inForce?.concentrationMcgPerMl ?? null,
      newProgramConcentrationMcgPerMl: newProgram?.concentrationMcgPerMl ?? null,
      drugExpiry: refill.drugExpiry,
      refillDate: calendarDateInZone(refill.at, timeZone),
    },
    settings,
  );
  // Refill findings have no override: a refusal is a typing error or the wrong drug.
  const decision = decideWrite(findings, null);
  const lastRefill = {
    at: refill.at,
    volumeAfterMl: refill.reservoirVolumeAfterMl,
    concentrationMcgPerMl: refill.concentrationMcgPerMl,
  };
  const program = newProgram
    ? previewDoseChange({
        newProgram,
        patientGroup: input.patientGroup,
        highRisk: input.highRisk,
        programs: input.programs,
        lastRefill,
        alarmVolumeMl: input.alarmVolumeMl,
        timeZone,
        settings,
        override: input.newProgramOverride,
        refillConcentrationMcgPerMl: refill.concentrationMcgPerMl,
      })
    : null;
  const projection = projectReservoir({
    lastRefill,
    programs: newProgram ? [...input.programs, newProgram] : input.programs,
    alarmVolumeMl: input.alarmVolumeMl,
    timeZone,
  });
  const projected = projection.kind === 'projected' ? projection : null;
  return {
    allowed: decision.allowed && (program?.decision.allowed ?? true),
    decision,
    program,
    programConcentrationMcgPerMl: inForce?.concentrationMcgPerMl ?? null,
    due: projected
      ? refillDueDate(projected, { highRisk: input.highRisk, settings: settings.refill, timeZone })
      : null,
    alarmAt: projected?.alarmAt ?? null,
    emptyAt: projected?.emptyAt ?? null,
  };
}
