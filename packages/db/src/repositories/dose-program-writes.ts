import {
  type DoseProgramCreated,
  type DoseProgramHistory,
  type DoseProgramInputValues,
  type DoseProgramPreview,
  type DoseProgramRecord,
  type FindingDto,
} from '@pumpdesk/contracts';
import {
  alarmVolumeOf,
  type DoseChangePreview,
  type DoseProgram,
  doseProgramSchema,
  type Finding,
  type PhysicianOverride,
  previewDoseChange,
} from '@pumpdesk/domain';
import { decimalToNumber } from '../assessment/engine-inputs.ts';
import { type Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { type AuditActor, recordAudit } from './audit.ts';
import { FieldRuleError, pumpNotImplanted, RecordNotFoundError, SafetyRefusalError } from './errors.ts';
import { doseProgramEngineSelect } from './engine-selects.ts';
import { WRITE_TRANSACTION_OPTIONS } from './idempotency.ts';
import { loadPumpContext, type PumpContext } from './pump-context-repository.ts';
import { refreshPumpSchedules } from '../schedule/refresh-pump-schedules.ts';

// Dose programs are the dose history: a change is a NEW program (the table is append-only, a trigger
// refuses UPDATE and DELETE). The preview, the create and a refill that changes the concentration all
// judge a program with the same engine call (previewDoseChange) and save it with the same code.

/** The schedule and strength of a program as entered, without when it starts or why. */
export type ProgramFields = Omit<DoseProgramInputValues, 'effectiveFrom'>;

export const findingDto = ({ code, severity, message }: Finding): FindingDto => ({ code, severity, message });

/**
 * Locks the pump row until the transaction ends, so two writes judged against the same history (two
 * physicians programming the same pump, a refill and a program) run one after the other: the second
 * sees the first's rows. Throws RecordNotFoundError for no such pump (or a deleted patient's).
 */
export async function lockPumpForWrite(
  tx: Prisma.TransactionClient,
  pumpId: string,
): Promise<{ patientId: string }> {
  const rows = await tx.$queryRaw<{ patientId: string }[]>`
    SELECT p.patient_id::text AS "patientId"
      FROM pumps p JOIN patients pa ON pa.id = p.patient_id
     WHERE p.id = ${pumpId}::uuid AND pa.deleted_at IS NULL
       FOR UPDATE OF p`;
  const row = rows[0];
  if (!row) throw new RecordNotFoundError('pump', pumpId);
  return row;
}

/** The pump's context after locking it; throws for an unknown or explanted pump. */
export async function loadPumpForWrite(
  tx: Prisma.TransactionClient,
  pumpId: string,
): Promise<{ patientId: string; context: PumpContext }> {
  const { patientId } = await lockPumpForWrite(tx, pumpId);
  const context = await loadPumpContext(tx, pumpId);
  if (!context) throw new RecordNotFoundError('pump', pumpId);
  if (!context.implanted) throw pumpNotImplanted(pumpId, 'new program or refill');
  return { patientId, context };
}

/**
 * A new program must take effect after every program on record: the history is appended to, never
 * rewritten, and the titration checks judge a program against those before it, so one slipped in
 * before a later program would escape them. Throws a FieldRuleError on `path`.
 */
export function requireAfterLatestProgram(context: PumpContext, effectiveFrom: Date, path: string): void {
  const latest = Math.max(...context.facts.programs.map((program) => program.effectiveFrom.getTime()));
  if (effectiveFrom.getTime() <= latest) {
    throw FieldRuleError.at(
      path,
      'not_after_latest_program',
      `A new program must take effect after the latest program on record (${new Date(latest).toISOString()}).`,
    );
  }
}

/** The entered program as the engine's DoseProgram, taking effect at `effectiveFrom`. */
export function toEngineProgram(fields: ProgramFields, effectiveFrom: Date): DoseProgram {
  const { reason: _reason, titrationOverrideReason: _override, ...schedule } = fields;
  return doseProgramSchema.parse({ ...schedule, effectiveFrom });
}

export function overrideOf(fields: Pick<ProgramFields, 'titrationOverrideReason'>): PhysicianOverride | null {
  return fields.titrationOverrideReason === null ? null : { reason: fields.titrationOverrideReason };
}

/** previewDoseChange against the pump's history, its last refill, zone and settings. */
export function judgeDoseProgram(
  context: PumpContext,
  program: DoseProgram,
  override: PhysicianOverride | null,
): DoseChangePreview {
  const { facts } = context;
  return previewDoseChange({
    newProgram: program,
    patientGroup: context.patientGroup,
    highRisk: context.highRisk,
    programs: facts.programs,
    lastRefill:
      facts.lastRefill && context.lastRefillConcentrationMcgPerMl !== null
        ? { ...facts.lastRefill, concentrationMcgPerMl: context.lastRefillConcentrationMcgPerMl }
        : null,
    alarmVolumeMl: alarmVolumeOf(facts),
    timeZone: context.timeZone,
    settings: context.settings,
    override,
  });
}

/** The preview as the API shows it: old vs new dose, change, findings, new dates. */
export function toDoseChangeComparison(preview: DoseChangePreview): DoseProgramPreview {
  return {
    previous: preview.previous && {
      effectiveFrom: preview.previous.program.effectiveFrom.toISOString(),
      concentrationMcgPerMl: preview.previous.program.concentrationMcgPerMl,
      dailyDoseMcg: preview.previous.dose.totalMcg,
    },
    proposed: {
      dailyDoseMcg: preview.proposed.totalMcg,
      averageDailyDoseMcg: preview.proposed.averageMcg,
      byWeekdayMcg: preview.proposed.byWeekday.map((day) => day.totalMcg),
    },
    changePercent: preview.changePercent,
    allowed: preview.decision.allowed,
    blocking: preview.decision.blocking.map(findingDto),
    findings: preview.decision.findings.map(findingDto),
    alarmAt: preview.alarmAt?.toISOString() ?? null,
    emptyAt: preview.emptyAt?.toISOString() ?? null,
    alarmDate: preview.due?.alarmDate ?? null,
    dueDate: preview.due?.dueDate ?? null,
    dueDateBoundBy: preview.due?.boundBy ?? null,
    dueMessage: preview.due?.message ?? null,
  };
}

/**
 * POST .../dose-programs/preview: the program judged, nothing saved. Throws RecordNotFoundError or
 * PUMP_NOT_IMPLANTED (DomainConflictError). `now` is when the program starts when the input gives no effectiveFrom.
 */
export async function previewDoseProgram(
  prisma: PrismaClient,
  pumpId: string,
  input: DoseProgramInputValues,
  now: Date,
): Promise<DoseProgramPreview> {
  const context = await loadPumpContext(prisma, pumpId);
  if (!context) throw new RecordNotFoundError('pump', pumpId);
  if (!context.implanted) throw pumpNotImplanted(pumpId, 'new program or refill');
  const program = toEngineProgram(input, effectiveFromOf(input, now));
  requireAfterLatestProgram(context, program.effectiveFrom, 'body.effectiveFrom');
  return toDoseChangeComparison(judgeDoseProgram(context, program, overrideOf(input)));
}

function effectiveFromOf(input: DoseProgramInputValues, now: Date): Date {
  return input.effectiveFrom === undefined ? now : new Date(input.effectiveFrom);
}

/** A program as the API shows it: what the engine reads, plus who programmed it and the override. */
export const doseProgramRecordSelect = {
  ...doseProgramEngineSelect,
  pumpId: true,
  dailyDoseMcg: true,
  titrationOverride: true,
  titrationOverrideReason: true,
  programmedBy: { select: { id: true, name: true } },
  steps: {
    orderBy: [{ startMinute: 'asc' }, { id: 'asc' }],
    select: doseProgramEngineSelect.steps.select,
  },
  boluses: {
    orderBy: [{ startMinute: 'asc' }, { id: 'asc' }],
    select: doseProgramEngineSelect.boluses.select,
  },
} satisfies Prisma.DoseProgramSelect;

type DoseProgramRecordRow = Prisma.DoseProgramGetPayload<{ select: typeof doseProgramRecordSelect }>;

const optionalDecimal = (value: Prisma.Decimal | null): number | null =>
  value === null ? null : decimalToNumber(value);

export function toDoseProgramRecord(row: DoseProgramRecordRow): DoseProgramRecord {
  return {
    id: row.id,
    pumpId: row.pumpId,
    effectiveFrom: row.effectiveFrom.toISOString(),
    concentrationMcgPerMl: decimalToNumber(row.concentrationMcgPerMl),
    mode: row.mode,
    continuousDoseMcgPerDay: optionalDecimal(row.continuousDoseMcgPerDay),
    steps: row.steps.map((step) => ({
      startMinute: step.startMinute,
      rateMcgPerHour: decimalToNumber(step.rateMcgPerHour),
      weekdays: step.weekdays,
    })),
    boluses: row.boluses.map((bolus) => ({
      startMinute: bolus.startMinute,
      doseMcg: decimalToNumber(bolus.doseMcg),
      durationMinutes: bolus.durationMinutes,
      weekdays: bolus.weekdays,
    })),
    patientBolus:
      row.ptmBolusDoseMcg !== null && row.ptmMaxPerDay !== null && row.ptmLockoutMinutes !== null
        ? {
            doseMcg: decimalToNumber(row.ptmBolusDoseMcg),
            maxPerDay: row.ptmMaxPerDay,
            lockoutMinutes: row.ptmLockoutMinutes,
          }
        : null,
    dailyDoseMcg: decimalToNumber(row.dailyDoseMcg),
    programmedBy: row.programmedBy,
    reason: row.reason,
    titrationOverride: row.titrationOverride,
    titrationOverrideReason: row.titrationOverrideReason,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Saves a judged program with its steps and boluses and audits it, inside the caller's transaction
 * (after loadPumpForWrite locked the pump). The one place a program is written: the create and a
 * refill that changes the concentration both come here. Throws SafetyRefusalError when the judgement
 * does not allow it (defensive: callers check first to refuse before any write). `withRefillId` names
 * the refill recorded in the same step, for the audit record.
 */
export async function saveJudgedDoseProgram(
  tx: Prisma.TransactionClient,
  input: {
    pumpId: string;
    program: DoseProgram;
    fields: ProgramFields;
    judgement: DoseChangePreview;
    programmedById: string;
    actor: AuditActor;
    withRefill?: boolean;
  },
): Promise<DoseProgramRecord> {
  const { program, fields, judgement } = input;
  if (!judgement.decision.allowed) {
    throw new SafetyRefusalError(judgement.decision.blocking, judgement.decision.findings);
  }
  // The override is recorded only when a finding needed it: a reason given "just in case" is not one.
  const overridden = judgement.decision.findings.some((finding) => finding.facts?.['overridden'] === true);
  const row = await tx.doseProgram.create({
    data: {
      pumpId: input.pumpId,
      effectiveFrom: program.effectiveFrom,
      concentrationMcgPerMl: program.concentrationMcgPerMl,
      mode: program.mode,
      continuousDoseMcgPerDay: program.continuousDoseMcgPerDay,
      ptmBolusDoseMcg: program.patientBolus?.doseMcg ?? null,
      ptmMaxPerDay: program.patientBolus?.maxPerDay ?? null,
      ptmLockoutMinutes: program.patientBolus?.lockoutMinutes ?? null,
      dailyDoseMcg: judgement.proposed.totalMcg,
      programmedById: input.programmedById,
      reason: fields.reason,
      titrationOverride: overridden,
      titrationOverrideReason: overridden ? fields.titrationOverrideReason : null,
      steps: { create: program.steps.map((step) => ({ ...step })) },
      boluses: { create: program.boluses.map((bolus) => ({ ...bolus })) },
    },
    select: doseProgramRecordSelect,
  });
  await recordAudit(tx, input.actor, {
    action: 'dose_program.create',
    entityType: 'dose_program',
    entityId: row.id,
    outcome: 'success',
    summary: {
      pumpId: input.pumpId,
      dailyDoseOldMcg: judgement.previous?.dose.totalMcg ?? null,
      dailyDoseNewMcg: judgement.proposed.totalMcg,
      changePercent: judgement.changePercent,
      override: overridden,
      findingCodes: judgement.decision.findings.map((finding) => finding.code),
      withRefill: input.withRefill ?? false,
    },
  });
  return toDoseProgramRecord(row);
}

/**
 * POST /api/pumps/:pumpId/dose-programs: judges the program against the pump's history with the pump
 * locked (two physicians programming at once cannot both pass the titration check against the same
 * old program), saves it with its audit event and refreshes the patient's worklist row, all in one
 * transaction. A refusal is audited (outcome 'refused', the finding codes) in its own transaction
 * after the rollback, and rethrown as SafetyRefusalError.
 */
export async function createDoseProgram(
  prisma: PrismaClient,
  input: {
    pumpId: string;
    fields: DoseProgramInputValues;
    userId: string;
    actor: AuditActor;
    /** Read once the pump is locked: a program "from now" starts after any program saved before it. */
    clock: () => Date;
  },
): Promise<DoseProgramCreated> {
  const { pumpId, fields } = input;
  try {
    return await prisma.$transaction(async (tx) => {
      const { patientId, context } = await loadPumpForWrite(tx, pumpId);
      const program = toEngineProgram(fields, effectiveFromOf(fields, input.clock()));
      requireAfterLatestProgram(context, program.effectiveFrom, 'body.effectiveFrom');
      const judgement = judgeDoseProgram(context, program, overrideOf(fields));
      const record = await saveJudgedDoseProgram(tx, {
        pumpId,
        program,
        fields,
        judgement,
        programmedById: input.userId,
        actor: input.actor,
      });
      await refreshPumpSchedules(tx, [patientId]);
      return { program: record, comparison: toDoseChangeComparison(judgement) };
    }, WRITE_TRANSACTION_OPTIONS);
  } catch (error) {
    if (error instanceof SafetyRefusalError) {
      await auditRefusal(prisma, input.actor, 'dose_program.create', 'pump', pumpId, error);
    }
    throw error;
  }
}

/** Records that the engine refused a write: the codes, never the entered values. */
export async function auditRefusal(
  prisma: PrismaClient,
  actor: AuditActor,
  action: string,
  entityType: string,
  entityId: string,
  refusal: SafetyRefusalError,
): Promise<void> {
  await recordAudit(prisma, actor, {
    action,
    entityType,
    entityId,
    outcome: 'refused',
    summary: { blockingCodes: refusal.blocking.map((finding) => finding.code) },
  });
}

/** GET /api/pumps/:pumpId/dose-programs: the dose history, newest first; null for no such pump. */
export async function listDosePrograms(
  prisma: PrismaClient,
  pumpId: string,
): Promise<DoseProgramHistory | null> {
  const pump = await prisma.pump.findFirst({
    where: { id: pumpId, patient: { deletedAt: null } },
    select: {
      dosePrograms: {
        orderBy: [{ effectiveFrom: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
        select: doseProgramRecordSelect,
      },
    },
  });
  return pump && { items: pump.dosePrograms.map(toDoseProgramRecord) };
}
