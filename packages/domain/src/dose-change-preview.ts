import { type DailyDose, dailyDose } from './daily-dose.ts';
import { checkDoseChange, type PatientGroup } from './dose-change-checks.ts';
import { type DoseProgram } from './dose-program.ts';
import { decideWrite, type PhysicianOverride, type WriteDecision } from './findings.ts';
import { refillDueDate, type RefillDueDate } from './refill-due-date.ts';
import { projectReservoir, type RefillPoint } from './reservoir-projection.ts';
import { type ClinicSettings } from './settings.ts';

// What a new dose program would do, before anyone saves it (docs/domain.md, "Dose programs" and
// "Titration"): the daily dose before and after, the change in percent, the safety findings and
// whether they allow the program (with the physician's override if given), and the alarm and due
// dates the reservoir would have with it. The API's preview shows this; its create runs the same.

export interface DoseChangePreviewInput {
  newProgram: DoseProgram;
  patientGroup: PatientGroup;
  /** The larger margin applies to high-risk patients (patient-risk.ts). */
  highRisk: boolean;
  /** The pump's programs so far, any order. */
  programs: readonly DoseProgram[];
  /** The last refill and the concentration it filled; null when none is on record. */
  lastRefill: (RefillPoint & { concentrationMcgPerMl: number }) | null;
  alarmVolumeMl: number;
  timeZone: string;
  settings: ClinicSettings;
  override: PhysicianOverride | null;
  /**
   * The concentration of a refill recorded in the same step (its drug, not the old one, will be in
   * the reservoir when the program runs); null or left out when the program is recorded on its own.
   */
  refillConcentrationMcgPerMl?: number | null;
}

export interface DoseChangePreview {
  /** The program in force just before the new one takes effect; null for a first program. */
  previous: { program: DoseProgram; dose: DailyDose } | null;
  proposed: DailyDose;
  /** (new − previous) ÷ previous × 100; null for a first program or from a stopped pump. */
  changePercent: number | null;
  decision: WriteDecision;
  /** The reservoir with the new program in the history; null without a refill on record. */
  due: RefillDueDate | null;
  alarmAt: Date | null;
  emptyAt: Date | null;
}

/**
 * Previews a new program: runs the dose-change checks (titration per 24 h, unit slip, ceiling, stop,
 * concentration against the drug in the reservoir) and projects the reservoir as if it were recorded.
 */
export function previewDoseChange(input: DoseChangePreviewInput): DoseChangePreview {
  const { newProgram, settings } = input;
  const startsAt = newProgram.effectiveFrom.getTime();
  const earlier = [...input.programs]
    .filter((program) => program.effectiveFrom.getTime() <= startsAt)
    .sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime());
  const previousProgram = earlier.at(-1) ?? null;
  const previous = previousProgram ? { program: previousProgram, dose: dailyDose(previousProgram) } : null;
  const proposed = dailyDose(newProgram);
  const findings = checkDoseChange(
    {
      patientGroup: input.patientGroup,
      effectiveFrom: newProgram.effectiveFrom,
      newDailyDoseMcg: proposed.totalMcg,
      newConcentrationMcgPerMl: newProgram.concentrationMcgPerMl,
      history: input.programs.map((program) => ({
        effectiveFrom: program.effectiveFrom,
        dailyDoseMcg: dailyDose(program).totalMcg,
      })),
      reservoirConcentrationMcgPerMl: input.lastRefill?.concentrationMcgPerMl ?? null,
      refillConcentrationMcgPerMl: input.refillConcentrationMcgPerMl ?? null,
      timeZone: input.timeZone,
    },
    settings,
  );
  const projection = projectReservoir({
    lastRefill: input.lastRefill,
    programs: [...input.programs, newProgram],
    alarmVolumeMl: input.alarmVolumeMl,
    timeZone: input.timeZone,
  });
  const projected = projection.kind === 'projected' ? projection : null;
  const before = previous?.dose.totalMcg ?? 0;
  return {
    previous,
    proposed,
    changePercent: previous && before > 0 ? ((proposed.totalMcg - before) / before) * 100 : null,
    decision: decideWrite(findings, input.override),
    due: projected
      ? refillDueDate(projected, {
          highRisk: input.highRisk,
          settings: settings.refill,
          timeZone: input.timeZone,
        })
      : null,
    alarmAt: projected?.alarmAt ?? null,
    emptyAt: projected?.emptyAt ?? null,
  };
}
