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
  calendarDateInZone,
  dailyDose,
  type DoseChangePreview,
  type DoseProgram,
  doseProgramSchema,
  type Finding,
  type PhysicianOverride,
  previewDoseChange,
  type RefillPoint,
  startOfDayInZone,
} from '@pumpdesk/domain';
import { type Principal, requirePermission, requireSiteAccess } from '../access/principal.ts';
import { decimalToNumber } from '../assessment/engine-inputs.ts';
import { type Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { type AuditActor, auditRead, recordAudit } from './audit.ts';
import { FieldRuleError, pumpNotImplanted, RecordNotFoundError, SafetyRefusalError } from './errors.ts';
import { doseProgramEngineSelect } from './engine-selects.ts';
import { type IdempotencyScope, withIdempotency } from './idempotency.ts';
import { loadPumpContext, type PumpContext } from './pump-context-repository.ts';
import { refreshPumpSchedules } from '../schedule/refresh-pump-schedules.ts';

// Dose programs are the dose history: a change is a NEW program (the table is append-only, a trigger
// refuses UPDATE and DELETE). The preview, the create and a refill that changes the concentration all
// judge a program with the same engine call (previewDoseChange) and save it with the same code.

/** The schedule and strength of a program as entered, without when it starts or why. */
export type ProgramFields = Omit<DoseProgramInputValues, 'effectiveFrom'>;

export const findingDto = ({ code, severity, message }: Finding): FindingDto => ({ code, severity, message });

/**
 * Locks the pump's patient row, then the pump row, until the transaction ends, so two writes judged
 * against the same history (two physicians programming the same pump, a refill and a program) run one
 * after the other: the second sees the first's rows. The patient comes FIRST, as in every other write
 * and in refreshPumpSchedules (which locks the patients it refreshes): locks taken in one order
 * everywhere cannot deadlock. A pump never changes patient, so reading its patient id unlocked is safe.
 * Throws RecordNotFoundError for no such pump (or a deleted patient's), OutOfScopeError (a 404, before
 * any lock) when the principal does not work at the patient's site.
 */
export async function lockPumpForWrite(
  tx: Prisma.TransactionClient,
  principal: Principal,
  pumpId: string,
): Promise<{ patientId: string; siteId: string }> {
  const owner = await tx.pump.findUnique({
    where: { id: pumpId },
    select: { patientId: true, patient: { select: { siteId: true } } },
  });
  if (!owner) throw new RecordNotFoundError('pump', pumpId);
  requireSiteAccess(principal, owner.patient.siteId, 'pump', pumpId);
  const patients = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text AS "id" FROM patients
     WHERE id = ${owner.patientId}::uuid AND deleted_at IS NULL
       FOR UPDATE`;
  if (patients.length === 0) throw new RecordNotFoundError('pump', pumpId);
  await tx.$queryRaw`SELECT id FROM pumps WHERE id = ${pumpId}::uuid FOR UPDATE`;
  return { patientId: owner.patientId, siteId: owner.patient.siteId };
}

/** The pump's context after locking it; throws for an unknown, out-of-scope or explanted pump. */
export async function loadPumpForWrite(
  tx: Prisma.TransactionClient,
  principal: Principal,
  pumpId: string,
): Promise<{ patientId: string; context: PumpContext }> {
  const { patientId } = await lockPumpForWrite(tx, principal, pumpId);
  const context = await loadPumpContext(tx, principal, pumpId);
  if (!context) throw new RecordNotFoundError('pump', pumpId);
  if (!context.implanted) throw pumpNotImplanted(pumpId, 'new program or refill');
  return { patientId, context };
}

/** How far ahead a program may be planned: far enough for a planned wean, not a typo such as 2099. */
export const PROGRAM_MAX_DAYS_AHEAD = 90;

const MS_PER_HOUR = 3_600_000;

/** An instant as the clinic reads it: `2027-03-14 09:30 (Europe/London)`. */
export function localTime(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
  return `${calendarDateInZone(at, timeZone)} ${parts} (${timeZone})`;
}

/**
 * When a new program may take effect (`path` names the field, body.effectiveFrom or, for a refill's
 * program, body.performedAt); throws a FieldRuleError otherwise:
 * - not more than `settings.titration.windowHours` before now. The titration check judges a program
 *   against the doses in force during the window before it; a program backdated further would put its
 *   own start outside the window of the program recorded right after it, which would then be judged
 *   against it instead of the dose the patient was really on (100 → 130 dated two days back, then
 *   169 now: +30% twice, +69% in fact). Within the window, a program recorded late (set in theatre,
 *   entered the next morning) is still inside the window of a program recorded right after it, so
 *   the next titration check still sees the dose before it. (A start dated back can still shorten
 *   the time the record says a dose was in force by at most one window: the check is on the dates
 *   as recorded.)
 * - not more than PROGRAM_MAX_DAYS_AHEAD days ahead: the table is append-only and every later
 *   program must start after this one, so a start in 2099 would block the pump for good.
 * - not before the pump's implant day (the site's calendar);
 * - after every program on record: the history is appended to, never rewritten, and the titration
 *   checks judge a program against those before it, so one slipped in before a later program would
 *   escape them.
 */
export function requirePlausibleProgramStart(
  context: PumpContext,
  effectiveFrom: Date,
  now: Date,
  path: string,
): void {
  const fail = (code: string, message: string): never => {
    throw FieldRuleError.at(path, code, message);
  };
  const { timeZone } = context;
  const { windowHours } = context.settings.titration;
  const earliest = new Date(now.getTime() - windowHours * MS_PER_HOUR);
  if (effectiveFrom.getTime() < earliest.getTime()) {
    fail(
      'before_titration_window',
      `A new program can take effect at the earliest ${windowHours} h before now (${localTime(earliest, timeZone)}): the titration check judges it against the doses of the ${windowHours} h before it.`,
    );
  }
  const latestAllowed = new Date(now.getTime() + PROGRAM_MAX_DAYS_AHEAD * 24 * MS_PER_HOUR);
  if (effectiveFrom.getTime() > latestAllowed.getTime()) {
    fail(
      'too_far_ahead',
      `A new program can take effect at the latest ${PROGRAM_MAX_DAYS_AHEAD} days from now (${localTime(latestAllowed, timeZone)}).`,
    );
  }
  if (effectiveFrom.getTime() < startOfDayInZone(context.facts.implantDate, timeZone).getTime()) {
    fail(
      'before_implant',
      `${calendarDateInZone(effectiveFrom, timeZone)} is before the pump was implanted (${context.facts.implantDate}).`,
    );
  }
  const latest = Math.max(...context.facts.programs.map((program) => program.effectiveFrom.getTime()));
  if (effectiveFrom.getTime() <= latest) {
    fail(
      'not_after_latest_program',
      `A new program must take effect after the latest program on record (${localTime(new Date(latest), timeZone)}).`,
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

/**
 * previewDoseChange against the pump's history, its last refill (or `withRefill`, a refill recorded in
 * the same step), zone and settings.
 *
 * The first program of a replacement pump has no history on its own pump, so the engine would judge
 * it with no titration or unit-slip check at all (150 mcg/day on the old pump, 1500 on the new one:
 * a unit slip passed as a warning). It is judged instead against the previous pump's programs
 * followed by a stop (dose 0) when that pump was explanted: the engine's stop rules then apply as for
 * any interruption: the reference stays the last dose the patient was on (so 1500 after 150 is a unit
 * slip, 250 a titration beyond the limit), and when the whole titration window before the new program
 * is a stop (a gap between the pumps), restarting needs an override (RESTART_AFTER_STOP). The
 * reservoir projection stays this pump's own, and the comparison shows the old pump's last program as
 * the previous one.
 */
export function judgeDoseProgram(
  context: PumpContext,
  program: DoseProgram,
  override: PhysicianOverride | null,
  withRefill: (RefillPoint & { concentrationMcgPerMl: number }) | null = null,
): DoseChangePreview {
  const { facts } = context;
  const judge = (programs: readonly DoseProgram[]) =>
    previewDoseChange({
      newProgram: program,
      patientGroup: context.patientGroup,
      highRisk: context.highRisk,
      programs,
      lastRefill:
        withRefill ??
        (facts.lastRefill && context.lastRefillConcentrationMcgPerMl !== null
          ? { ...facts.lastRefill, concentrationMcgPerMl: context.lastRefillConcentrationMcgPerMl }
          : null),
      alarmVolumeMl: alarmVolumeOf(facts),
      timeZone: context.timeZone,
      settings: context.settings,
      override,
      refillConcentrationMcgPerMl: withRefill?.concentrationMcgPerMl ?? null,
    });
  const own = judge(facts.programs);
  const previousPump = facts.programs.length === 0 ? context.previousPump : null;
  const last = previousPump?.programs.at(-1);
  if (!previousPump || !last) return own;
  const stop: DoseProgram = {
    effectiveFrom: previousPump.stoppedAt,
    concentrationMcgPerMl: last.concentrationMcgPerMl,
    mode: 'simple_continuous',
    continuousDoseMcgPerDay: 0,
    steps: [],
    boluses: [],
    patientBolus: null,
  };
  const againstPreviousPump = judge([...previousPump.programs, stop]);
  const lastDose = dailyDose(last);
  return {
    ...own,
    previous: { program: last, dose: lastDose },
    changePercent:
      lastDose.totalMcg > 0 ? ((own.proposed.totalMcg - lastDose.totalMcg) / lastDose.totalMcg) * 100 : null,
    decision: againstPreviousPump.decision,
  };
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
 * POST .../dose-programs/preview: the program judged, nothing saved (programs:write: only who may save
 * it judges it). Throws RecordNotFoundError or PUMP_NOT_IMPLANTED (DomainConflictError). `now` is when
 * the program starts when the input gives no effectiveFrom. A read of the pump's history: audited as
 * dose_program.preview.
 */
export async function previewDoseProgram(
  prisma: PrismaClient,
  principal: Principal,
  pumpId: string,
  input: DoseProgramInputValues,
  now: Date,
): Promise<DoseProgramPreview> {
  requirePermission(principal, 'programs:write');
  const context = await loadPumpContext(prisma, principal, pumpId);
  if (!context) throw new RecordNotFoundError('pump', pumpId);
  if (!context.implanted) throw pumpNotImplanted(pumpId, 'new program or refill');
  const program = toEngineProgram(input, effectiveFromOf(input, now));
  requirePlausibleProgramStart(context, program.effectiveFrom, now, 'body.effectiveFrom');
  const judgement = judgeDoseProgram(context, program, overrideOf(input));
  await auditRead(prisma, principal, {
    action: 'dose_program.preview',
    entityType: 'pump',
    entityId: pumpId,
    siteId: context.siteId,
    summary: {
      allowed: judgement.decision.allowed,
      findingCodes: judgement.decision.findings.map((finding) => finding.code),
    },
  });
  return toDoseChangeComparison(judgement);
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
 * does not allow it (defensive: callers check first to refuse before any write). `withRefill` says a
 * refill is recorded in the same step, for the audit record. The principal programmed it
 * (programs:write, checked again here: this is where a program is written), `siteId` is the patient's.
 */
export async function saveJudgedDoseProgram(
  tx: Prisma.TransactionClient,
  principal: Principal,
  input: {
    pumpId: string;
    siteId: string;
    program: DoseProgram;
    fields: ProgramFields;
    judgement: DoseChangePreview;
    withRefill?: boolean;
  },
): Promise<DoseProgramRecord> {
  requirePermission(principal, 'programs:write');
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
      programmedById: principal.userId,
      reason: fields.reason,
      titrationOverride: overridden,
      titrationOverrideReason: overridden ? fields.titrationOverrideReason : null,
      steps: { create: program.steps.map((step) => ({ ...step })) },
      boluses: { create: program.boluses.map((bolus) => ({ ...bolus })) },
    },
    select: doseProgramRecordSelect,
  });
  await recordAudit(tx, principal, {
    action: 'dose_program.create',
    entityType: 'dose_program',
    entityId: row.id,
    outcome: 'success',
    siteId: input.siteId,
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
 * transaction, guarded by the Idempotency-Key when given (idempotency.ts: the same program submitted
 * twice is saved once). A refusal is audited (outcome 'refused', the finding codes) in its own
 * transaction after the rollback, and rethrown as SafetyRefusalError. The principal (programs:write,
 * at the patient's site) is who programmed it.
 */
export async function createDoseProgram(
  prisma: PrismaClient,
  principal: Principal,
  input: {
    pumpId: string;
    fields: DoseProgramInputValues;
    /** Read once the pump is locked: a program "from now" starts after any program saved before it. */
    clock: () => Date;
    idempotency: Omit<IdempotencyScope, 'userId'>;
  },
) {
  requirePermission(principal, 'programs:write');
  const { pumpId, fields } = input;
  let siteId: string | null = null;
  try {
    return await withIdempotency<DoseProgramCreated>(
      prisma,
      { ...input.idempotency, userId: principal.userId },
      async (tx) => {
        const { patientId, context } = await loadPumpForWrite(tx, principal, pumpId);
        siteId = context.siteId;
        const now = input.clock();
        const program = toEngineProgram(fields, effectiveFromOf(fields, now));
        requirePlausibleProgramStart(context, program.effectiveFrom, now, 'body.effectiveFrom');
        const judgement = judgeDoseProgram(context, program, overrideOf(fields));
        const record = await saveJudgedDoseProgram(tx, principal, {
          pumpId,
          siteId: context.siteId,
          program,
          fields,
          judgement,
        });
        await refreshPumpSchedules(tx, [patientId]);
        const body: DoseProgramCreated = { program: record, comparison: toDoseChangeComparison(judgement) };
        return { status: 201, body };
      },
    );
  } catch (error) {
    if (error instanceof SafetyRefusalError) {
      await auditRefusal(prisma, principal, 'dose_program.create', 'pump', pumpId, error, siteId);
    }
    throw error;
  }
}

/**
 * Records that the engine refused a write: the codes, never the entered values. It runs after the
 * rollback, in its own statement, and never throws: the client must get its 422 (the refusal) even
 * when the audit insert fails (the database gone, a pool timeout); the failure is kept on the refusal
 * (`auditFailure`) for the API to log with the request id.
 */
export async function auditRefusal(
  prisma: PrismaClient,
  actor: AuditActor,
  action: string,
  entityType: string,
  entityId: string,
  refusal: SafetyRefusalError,
  /** The patient's site, when the pump was loaded before the refusal. */
  siteId: string | null = null,
): Promise<void> {
  try {
    await recordAudit(prisma, actor, {
      action,
      entityType,
      entityId,
      outcome: 'refused',
      siteId,
      summary: { blockingCodes: refusal.blocking.map((finding) => finding.code) },
    });
  } catch (error) {
    refusal.auditFailure = error;
  }
}

/**
 * GET /api/pumps/:pumpId/dose-programs: the dose history, newest first; null for no such pump.
 * Audited as dose_program.list.
 */
export async function listDosePrograms(
  prisma: PrismaClient,
  principal: Principal,
  pumpId: string,
): Promise<DoseProgramHistory | null> {
  requirePermission(principal, 'patients:read');
  const pump = await prisma.pump.findFirst({
    where: { id: pumpId, patient: { deletedAt: null } },
    select: {
      patient: { select: { siteId: true } },
      dosePrograms: {
        orderBy: [{ effectiveFrom: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
        select: doseProgramRecordSelect,
      },
    },
  });
  if (!pump) return null;
  requireSiteAccess(principal, pump.patient.siteId, 'pump', pumpId);
  const items = pump.dosePrograms.map(toDoseProgramRecord);
  await auditRead(prisma, principal, {
    action: 'dose_program.list',
    entityType: 'pump',
    entityId: pumpId,
    siteId: pump.patient.siteId,
    summary: { count: items.length },
  });
  return { items };
}
