import { type DoseProgramRecord, type FindingDto, type PatientDetail } from '@pumpdesk/contracts';
import {
  type ClinicSettings,
  type DoseProgram,
  doseProgramSchema,
  type DueDateBound,
  type FindingCode,
  type PatientGroup,
  parseCalendarDate,
  previewRefill,
  programInForceAt,
  projectReservoir,
  volumeAt,
  inRecordedOrder,
} from '@pumpdesk/domain';
import { type ParsedRefill, type RefillNewProgram } from './refill-form.ts';

// The refill judged in the browser as it is typed, with the engine functions the API runs
// (@pumpdesk/domain previewRefill): the findings of the values typed so far and the alarm and due
// dates the refill would bring. The server's preview on the confirm step remains the authority.

/** What the engine needs about the pump, gathered from the patient detail, dose history and settings. */
export interface RefillEngineContext {
  reservoirMl: number;
  alarmVolumeMl: number;
  /** The pump's programs (engine form) in the server's order, with the records they came from (same order). */
  programs: readonly DoseProgram[];
  programRecords: readonly DoseProgramRecord[];
  lastRefill: { at: Date; volumeAfterMl: number } | null;
  patientGroup: PatientGroup;
  highRisk: boolean;
  timeZone: string;
  settings: ClinicSettings;
}

/** A stored program (API record) as the engine's DoseProgram. */
export function toEngineProgram(record: DoseProgramRecord): DoseProgram {
  return doseProgramSchema.parse({
    effectiveFrom: new Date(record.effectiveFrom),
    concentrationMcgPerMl: record.concentrationMcgPerMl,
    mode: record.mode,
    continuousDoseMcgPerDay: record.continuousDoseMcgPerDay,
    steps: record.steps,
    boluses: record.boluses,
    patientBolus: record.patientBolus,
  });
}

export function refillEngineContext(
  patient: PatientDetail,
  pump: NonNullable<PatientDetail['currentPump']>,
  records: readonly DoseProgramRecord[],
  settings: ClinicSettings,
): RefillEngineContext {
  const programRecords = inRecordedOrder(records);
  return {
    reservoirMl: pump.reservoirMl,
    alarmVolumeMl: pump.alarmVolumeMl,
    programs: programRecords.map(toEngineProgram),
    programRecords,
    lastRefill: pump.lastRefill
      ? { at: new Date(pump.lastRefill.performedAt), volumeAfterMl: pump.lastRefill.reservoirVolumeAfterMl }
      : null,
    patientGroup: { ageGroup: patient.ageGroup, origin: patient.spasticityOrigin },
    highRisk: patient.risk.highRisk,
    timeZone: patient.site.timeZone,
    settings,
  };
}

/** The program record in force at `at` (the engine's rule), or null without programs. */
export function programRecordInForceAt(context: RefillEngineContext, at: Date): DoseProgramRecord | null {
  const program = programInForceAt(context.programs, at);
  if (!program) return null;
  return context.programRecords[context.programs.indexOf(program)] ?? null;
}

/** What the pump should hold at `at` by the engine's projection from the last refill (mL, 2 decimals). */
export function estimatedResidualMl(context: RefillEngineContext, at: Date | null): number | null {
  if (!at) return null;
  const projection = projectReservoir({
    lastRefill: context.lastRefill,
    programs: context.programs,
    alarmVolumeMl: context.alarmVolumeMl,
    timeZone: context.timeZone,
  });
  if (projection.kind !== 'projected') return null;
  const volume = volumeAt(projection, at);
  return volume === null ? null : Math.round(volume * 100) / 100;
}

/**
 * The new program a physician records with a change of concentration: the program in force, same
 * schedule (so the same mcg/day), at the concentration filled.
 */
export function sameDoseProgramAt(
  record: DoseProgramRecord,
  concentrationMcgPerMl: number,
  reason: string,
): RefillNewProgram {
  return {
    concentrationMcgPerMl,
    mode: record.mode,
    continuousDoseMcgPerDay: record.continuousDoseMcgPerDay,
    steps: record.steps,
    boluses: record.boluses,
    patientBolus: record.patientBolus,
    reason,
    titrationOverrideReason: null,
  };
}

export interface LiveRefillDates {
  alarmDate: string | null;
  dueDate: string;
  dueDateBoundBy: DueDateBound;
  dueMessage: string;
}

export interface LiveRefillJudgement {
  /** The findings of the values typed so far, most serious first. */
  findings: FindingDto[];
  /** Refusals among them: the refill cannot be recorded as typed. */
  blocking: FindingDto[];
  /** The concentration the refill is compared with (the program in force at the refill). */
  programConcentrationMcgPerMl: number | null;
  /** Null until the refill time and a volume are typed, or when the engine cannot project. */
  dates: LiveRefillDates | null;
  /** True when `dates` assume the reservoir reads the volume filled (the reading is not typed yet). */
  datesUseVolumeFilled: boolean;
}

/** The values a finding is about: it is shown only once every one of them has been typed. */
const FINDING_NEEDS: Partial<Record<FindingCode, readonly (keyof ParsedRefill)[]>> = {
  RESIDUAL_GAP: ['expectedResidualMl', 'withdrawnVolumeMl'],
  CONCENTRATION_MISMATCH: ['concentrationMcgPerMl'],
  NON_STANDARD_CONCENTRATION: ['concentrationMcgPerMl'],
  TRIAL_CONCENTRATION: ['concentrationMcgPerMl'],
  POSSIBLE_POCKET_FILL: ['volumeFilledMl', 'reservoirVolumeAfterMl'],
  DRUG_EXPIRED: ['drugExpiry'],
};

/**
 * Runs the engine's previewRefill on what has been typed. A value not typed yet is stood in for by
 * one that raises no finding of its own (the program's concentration, no gap, 0 mL), and the findings
 * about it are left out; the dates need the refill time and the volume after the fill (or, until that
 * reading is typed, the volume filled).
 */
export function judgeRefillLive(
  context: RefillEngineContext,
  parsed: ParsedRefill,
  newProgram: RefillNewProgram | null,
  now: Date,
): LiveRefillJudgement {
  const at = parsed.at ?? now;
  const inForce = programInForceAt(context.programs, at);
  const fallbackConcentration = inForce?.concentrationMcgPerMl ?? newProgram?.concentrationMcgPerMl ?? 1;
  const expected = parsed.expectedResidualMl ?? parsed.withdrawnVolumeMl ?? 0;
  const volumeAfter = parsed.reservoirVolumeAfterMl ?? parsed.volumeFilledMl;
  const judged = previewRefill({
    refill: {
      at,
      expectedResidualMl: expected,
      withdrawnVolumeMl: parsed.withdrawnVolumeMl ?? expected,
      concentrationMcgPerMl: parsed.concentrationMcgPerMl ?? fallbackConcentration,
      volumeFilledMl: parsed.volumeFilledMl ?? parsed.reservoirVolumeAfterMl ?? 0,
      reservoirVolumeAfterMl: volumeAfter ?? 0,
      drugExpiry: parsed.drugExpiry === null ? null : parseCalendarDate(parsed.drugExpiry),
    },
    reservoirMl: context.reservoirMl,
    programs: context.programs,
    newProgram: newProgram
      ? doseProgramSchema.parse({ ...withoutReasons(newProgram), effectiveFrom: at })
      : null,
    newProgramOverride: null,
    patientGroup: context.patientGroup,
    highRisk: context.highRisk,
    alarmVolumeMl: context.alarmVolumeMl,
    timeZone: context.timeZone,
    settings: context.settings,
  });
  const typed = (finding: { code: FindingCode; facts?: Readonly<Record<string, unknown>> }) => {
    if (finding.code === 'VOLUME_ABOVE_CAPACITY') {
      const field =
        finding.facts?.field === 'reservoirVolumeAfterMl' ? 'reservoirVolumeAfterMl' : 'volumeFilledMl';
      return parsed[field] !== null;
    }
    return (FINDING_NEEDS[finding.code] ?? []).every((key) => parsed[key] !== null);
  };
  const programFindings = judged.program ? judged.program.decision.findings : [];
  const all = [
    ...judged.decision.findings,
    ...(parsed.concentrationMcgPerMl === null ? [] : programFindings),
  ];
  const findings = all.filter(typed).map(({ code, severity, message }) => ({ code, severity, message }));
  const blockingCodes = new Set(['refusal', 'override_required']);
  return {
    findings,
    blocking: findings.filter((finding) => blockingCodes.has(finding.severity)),
    programConcentrationMcgPerMl: judged.programConcentrationMcgPerMl,
    dates:
      parsed.at && volumeAfter !== null && judged.due
        ? {
            alarmDate: judged.due.alarmDate,
            dueDate: judged.due.dueDate,
            dueDateBoundBy: judged.due.boundBy,
            dueMessage: judged.due.message,
          }
        : null,
    datesUseVolumeFilled: parsed.reservoirVolumeAfterMl === null && parsed.volumeFilledMl !== null,
  };
}

function withoutReasons(program: RefillNewProgram) {
  const { reason: _reason, titrationOverrideReason: _override, ...schedule } = program;
  return schedule;
}
