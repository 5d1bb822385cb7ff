import {
  type DoseProgramRecord,
  type FindingDto,
  type RefillAmendmentValues,
  REFILL_CORRECTABLE_FIELDS,
  type RefillInputValues,
  type RefillListPage,
  type RefillListQuery,
  type RefillPreview as RefillPreviewDto,
  type RefillRecord,
  type RefillWriteResult,
} from '@pumpdesk/contracts';
import {
  alarmVolumeOf,
  calendarDateInZone,
  compareCalendarDates,
  type DoseProgram,
  parseCalendarDate,
  previewRefill,
  type RefillFacts,
  type RefillPreview,
  toCalendarDate,
} from '@pumpdesk/domain';
import { type Principal, requirePermission, requireSiteAccess } from '../access/principal.ts';
import { decimalToNumber } from '../assessment/engine-inputs.ts';
import { type Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { refreshPumpSchedules } from '../schedule/refresh-pump-schedules.ts';
import { auditRead, recordAudit } from './audit.ts';
import { decodeCursor, encodeCursor, InvalidCursorError } from './cursor.ts';
import {
  FieldRuleError,
  pumpNotImplanted,
  RecordNotFoundError,
  SafetyRefusalError,
  VersionConflictError,
} from './errors.ts';
import {
  auditRefusal,
  findingDto,
  judgeDoseProgram,
  loadPumpForWrite,
  localTime,
  lockPumpForWrite,
  overrideOf,
  requirePlausibleProgramStart,
  saveJudgedDoseProgram,
  toDoseChangeComparison,
  toEngineProgram,
} from './dose-program-writes.ts';
import { type IdempotencyScope, withIdempotency, WRITE_TRANSACTION_OPTIONS } from './idempotency.ts';
import { loadPumpContext, type PumpContext } from './pump-context-repository.ts';

// Refills (docs/domain.md, "Refill math"): judged by the engine's previewRefill (concentration against
// the program in force or a new program of the same step, capacity, expiry, residual gap, pocket fill),
// stored with their findings and the alarm/empty/due dates the engine computes from them (snapshots),
// corrected by amendments that are judged again. Every write locks the pump row first (loadPumpForWrite)
// so refills and programs of one pump are judged one after the other against the latest history.
// Access: refills:write (and programs:write for a refill carrying a new program), then the patient's
// site as soon as the pump is loaded, before anything is written.

/** A refill that carries a new program also needs the right to program. */
function requireRefillPermissions(principal: Principal, values: Pick<RefillInputValues, 'newProgram'>): void {
  requirePermission(principal, 'refills:write');
  if (values.newProgram) requirePermission(principal, 'programs:write');
}

/** A device clock a little ahead of the server's is not a refill "in the future". */
const CLOCK_SKEW_MS = 2 * 60_000;

/** The refill's values the engine judges. */
type RefillValues = Pick<
  RefillInputValues,
  | 'performedAt'
  | 'expectedResidualMl'
  | 'withdrawnVolumeMl'
  | 'concentrationMcgPerMl'
  | 'volumeFilledMl'
  | 'reservoirVolumeAfterMl'
  | 'drugExpiry'
>;

function refillFactsOf(values: RefillValues): RefillFacts {
  return {
    at: new Date(values.performedAt),
    expectedResidualMl: values.expectedResidualMl,
    withdrawnVolumeMl: values.withdrawnVolumeMl,
    concentrationMcgPerMl: values.concentrationMcgPerMl,
    volumeFilledMl: values.volumeFilledMl,
    reservoirVolumeAfterMl: values.reservoirVolumeAfterMl,
    drugExpiry: values.drugExpiry === null ? null : parseCalendarDate(values.drugExpiry),
  };
}

/**
 * previewRefill against the pump's history; `newProgramFields` carry the new program's override. The
 * first program of a replacement pump is judged against the previous pump's doses (judgeDoseProgram).
 */
function judgeRefill(
  context: PumpContext,
  values: RefillValues,
  newProgram: DoseProgram | null,
  newProgramFields: RefillInputValues['newProgram'],
): RefillPreview {
  const { facts } = context;
  const refill = refillFactsOf(values);
  const override = newProgramFields ? overrideOf(newProgramFields) : null;
  const judged = previewRefill({
    refill,
    reservoirMl: facts.model.reservoirMl,
    programs: facts.programs,
    newProgram,
    newProgramOverride: override,
    patientGroup: context.patientGroup,
    highRisk: context.highRisk,
    alarmVolumeMl: alarmVolumeOf(facts),
    timeZone: context.timeZone,
    settings: context.settings,
  });
  if (!newProgram || !context.previousPump) return judged;
  const program = judgeDoseProgram(context, newProgram, override, {
    at: refill.at,
    volumeAfterMl: refill.reservoirVolumeAfterMl,
    concentrationMcgPerMl: refill.concentrationMcgPerMl,
  });
  return { ...judged, program, allowed: judged.decision.allowed && program.decision.allowed };
}

/**
 * When a refill can have been done: not in the future, not before the pump's implant day nor after its
 * explant day (the clinic's calendar: an explanted pump's refill being amended), and strictly between
 * its neighbours on record (a second refill at the same instant as another is a double entry). Throws
 * a FieldRuleError on body.performedAt.
 */
function requirePlausiblePerformedAt(
  at: Date,
  bounds: { now: Date; context: PumpContext; after: Date | null; before: Date | null },
): void {
  const fail = (code: string, message: string) => {
    throw FieldRuleError.at('body.performedAt', code, message);
  };
  const { context } = bounds;
  const { timeZone } = context;
  if (at.getTime() > bounds.now.getTime() + CLOCK_SKEW_MS) {
    fail('in_future', `${localTime(at, timeZone)} is in the future.`);
  }
  const day = calendarDateInZone(at, timeZone);
  if (compareCalendarDates(day, context.facts.implantDate) < 0) {
    fail('before_implant', `${day} is before the pump was implanted (${context.facts.implantDate}).`);
  }
  if (context.explantDate !== null && compareCalendarDates(day, context.explantDate) > 0) {
    fail('after_explant', `${day} is after the pump was explanted (${context.explantDate}).`);
  }
  if (bounds.after && at.getTime() <= bounds.after.getTime()) {
    fail(
      'not_after_previous_refill',
      `The previous refill on record was at ${localTime(bounds.after, timeZone)}; a refill must come after it.`,
    );
  }
  if (bounds.before && at.getTime() >= bounds.before.getTime()) {
    fail(
      'not_before_next_refill',
      `The next refill on record was at ${localTime(bounds.before, timeZone)}; an amended refill must come before it.`,
    );
  }
}

function refusalOf(judgement: RefillPreview): SafetyRefusalError {
  const program = judgement.program?.decision;
  return new SafetyRefusalError(
    [...judgement.decision.blocking, ...(program?.blocking ?? [])],
    [...judgement.decision.findings, ...(program?.findings ?? [])],
  );
}

function datesOf(judgement: RefillPreview) {
  return {
    alarmAt: judgement.alarmAt?.toISOString() ?? null,
    emptyAt: judgement.emptyAt?.toISOString() ?? null,
    alarmDate: judgement.due?.alarmDate ?? null,
    dueDate: judgement.due?.dueDate ?? null,
    dueDateBoundBy: judgement.due?.boundBy ?? null,
    dueMessage: judgement.due?.message ?? null,
  };
}

/** The snapshot columns: what the engine said about the reservoir when the refill was recorded. */
function snapshotsOf(judgement: RefillPreview) {
  return {
    findings: judgement.decision.findings.map(findingDto),
    alarmAtSnapshot: judgement.alarmAt,
    emptyAtSnapshot: judgement.emptyAt,
    dueDateSnapshot: judgement.due ? new Date(`${judgement.due.dueDate}T00:00:00.000Z`) : null,
    dueDateReasonSnapshot: judgement.due?.boundBy ?? null,
  };
}

function newProgramOf(input: RefillInputValues): DoseProgram | null {
  return input.newProgram ? toEngineProgram(input.newProgram, new Date(input.performedAt)) : null;
}

/**
 * A refill's new program takes effect at the refill, so it must meet the bounds of any new program
 * (requirePlausibleProgramStart): in particular not more than the titration window back. A refill
 * entered later than that is recorded without the program, and the program separately, from now.
 */
function requirePlausibleRefillProgram(context: PumpContext, program: DoseProgram, now: Date): void {
  const { windowHours } = context.settings.titration;
  if (program.effectiveFrom.getTime() < now.getTime() - windowHours * 3_600_000) {
    throw FieldRuleError.at(
      'body.performedAt',
      'program_too_late',
      `A new program can be recorded with a refill only within ${windowHours} h of the refill (the titration check judges a program against the doses of the ${windowHours} h before it); record the refill without newProgram and the program separately, from now.`,
    );
  }
  requirePlausibleProgramStart(context, program.effectiveFrom, now, 'body.performedAt');
}

/**
 * POST /api/pumps/:pumpId/refills/preview: the same checks and dates as the record, nothing saved.
 * Throws RecordNotFoundError, DomainConflictError (PUMP_NOT_IMPLANTED) or FieldRuleError (performedAt).
 * Needs the permissions the record would; a read of the pump's history, audited as refill.preview.
 */
export async function previewRefillForPump(
  prisma: PrismaClient,
  principal: Principal,
  pumpId: string,
  input: RefillInputValues,
  now: Date,
): Promise<RefillPreviewDto> {
  requireRefillPermissions(principal, input);
  const context = await loadPumpContext(prisma, principal, pumpId);
  if (!context) throw new RecordNotFoundError('pump', pumpId);
  if (!context.implanted) throw pumpNotImplanted(pumpId, 'new program or refill');
  const at = new Date(input.performedAt);
  requirePlausiblePerformedAt(at, {
    now,
    context,
    after: context.facts.lastRefill?.at ?? null,
    before: null,
  });
  const newProgram = newProgramOf(input);
  if (newProgram) requirePlausibleRefillProgram(context, newProgram, now);
  const judgement = judgeRefill(context, input, newProgram, input.newProgram);
  const refused = refusalOf(judgement);
  await auditRead(prisma, principal, {
    action: 'refill.preview',
    entityType: 'pump',
    entityId: pumpId,
    siteId: context.siteId,
    summary: {
      allowed: judgement.allowed,
      withNewProgram: newProgram !== null,
      findingCodes: refused.findings.map((finding) => finding.code),
    },
  });
  return {
    allowed: judgement.allowed,
    blocking: refused.blocking.map(findingDto),
    findings: refused.findings.map(findingDto),
    programComparison: judgement.program && toDoseChangeComparison(judgement.program),
    ...datesOf(judgement),
  };
}

const refillRecordSelect = {
  id: true,
  pumpId: true,
  performedAt: true,
  performedBy: { select: { id: true, name: true } },
  location: true,
  expectedResidualMl: true,
  withdrawnVolumeMl: true,
  concentrationMcgPerMl: true,
  volumeFilledMl: true,
  reservoirVolumeAfterMl: true,
  drugLot: true,
  drugExpiry: true,
  notes: true,
  complications: true,
  billingCodes: true,
  findings: true,
  alarmAtSnapshot: true,
  emptyAtSnapshot: true,
  dueDateSnapshot: true,
  dueDateReasonSnapshot: true,
  amendedAt: true,
  amendmentReason: true,
  version: true,
  createdAt: true,
} satisfies Prisma.RefillSelect;

type RefillRecordRow = Prisma.RefillGetPayload<{ select: typeof refillRecordSelect }>;

/** The stored findings: written by this file as FindingDto[]; anything else is not shown as one. */
function storedFindings(value: Prisma.JsonValue): FindingDto[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) =>
    item !== null && typeof item === 'object' && !Array.isArray(item) && typeof item['code'] === 'string'
      ? [item as unknown as FindingDto]
      : [],
  );
}

function toRefillRecord(row: RefillRecordRow): RefillRecord {
  return {
    id: row.id,
    pumpId: row.pumpId,
    performedAt: row.performedAt.toISOString(),
    performedBy: row.performedBy,
    location: row.location,
    expectedResidualMl: decimalToNumber(row.expectedResidualMl),
    withdrawnVolumeMl: decimalToNumber(row.withdrawnVolumeMl),
    concentrationMcgPerMl: decimalToNumber(row.concentrationMcgPerMl),
    volumeFilledMl: decimalToNumber(row.volumeFilledMl),
    reservoirVolumeAfterMl: decimalToNumber(row.reservoirVolumeAfterMl),
    drugLot: row.drugLot,
    drugExpiry: row.drugExpiry && toCalendarDate(row.drugExpiry),
    notes: row.notes,
    complications: row.complications,
    billingCodes: row.billingCodes,
    findings: storedFindings(row.findings),
    alarmAtSnapshot: row.alarmAtSnapshot?.toISOString() ?? null,
    emptyAtSnapshot: row.emptyAtSnapshot?.toISOString() ?? null,
    dueDateSnapshot: row.dueDateSnapshot && toCalendarDate(row.dueDateSnapshot),
    dueDateReasonSnapshot: row.dueDateReasonSnapshot,
    amendedAt: row.amendedAt?.toISOString() ?? null,
    amendmentReason: row.amendmentReason,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
  };
}

const dateColumn = (date: string | null): Date | null =>
  date === null ? null : new Date(`${date}T00:00:00.000Z`);

/**
 * POST /api/pumps/:pumpId/refills: judges the refill (and the new program of the same step, if any)
 * with the pump locked, then saves the program (the same code as POST .../dose-programs, effective at
 * the refill), the refill with its findings and snapshots, their audit events and the worklist row,
 * in ONE transaction, guarded by the Idempotency-Key when given (idempotency.ts). Refusals throw
 * (SafetyRefusalError, audited as 'refused' after the rollback; FieldRuleError; RecordNotFoundError;
 * DomainConflictError PUMP_NOT_IMPLANTED; IdempotencyKeyReusedError) and write nothing. The principal
 * performed it (and programmed the new program).
 */
export async function recordRefill(
  prisma: PrismaClient,
  principal: Principal,
  input: {
    pumpId: string;
    values: RefillInputValues;
    now: Date;
    idempotency: Omit<IdempotencyScope, 'userId'>;
  },
) {
  const { pumpId, values } = input;
  requireRefillPermissions(principal, values);
  let siteId: string | null = null;
  try {
    return await withIdempotency<RefillWriteResult>(
      prisma,
      { ...input.idempotency, userId: principal.userId },
      async (tx) => {
        const { patientId, context } = await loadPumpForWrite(tx, principal, pumpId);
        siteId = context.siteId;
        const at = new Date(values.performedAt);
        requirePlausiblePerformedAt(at, {
          now: input.now,
          context,
          after: context.facts.lastRefill?.at ?? null,
          before: null,
        });
        const newProgram = newProgramOf(values);
        if (newProgram) requirePlausibleRefillProgram(context, newProgram, input.now);
        const judgement = judgeRefill(context, values, newProgram, values.newProgram);
        if (!judgement.allowed) throw refusalOf(judgement);
        let doseProgram: DoseProgramRecord | null = null;
        if (newProgram && values.newProgram && judgement.program) {
          doseProgram = await saveJudgedDoseProgram(tx, principal, {
            pumpId,
            siteId: context.siteId,
            program: newProgram,
            fields: values.newProgram,
            judgement: judgement.program,
            withRefill: true,
          });
        }
        const row = await tx.refill.create({
          data: {
            pumpId,
            performedAt: at,
            performedById: principal.userId,
            location: values.location,
            expectedResidualMl: values.expectedResidualMl,
            withdrawnVolumeMl: values.withdrawnVolumeMl,
            concentrationMcgPerMl: values.concentrationMcgPerMl,
            volumeFilledMl: values.volumeFilledMl,
            reservoirVolumeAfterMl: values.reservoirVolumeAfterMl,
            drugLot: values.drugLot,
            drugExpiry: dateColumn(values.drugExpiry),
            notes: values.notes,
            complications: values.complications,
            billingCodes: values.billingCodes,
            ...snapshotsOf(judgement),
          },
          select: refillRecordSelect,
        });
        await recordAudit(tx, principal, {
          action: 'refill.create',
          entityType: 'refill',
          entityId: row.id,
          outcome: 'success',
          siteId: context.siteId,
          summary: {
            pumpId,
            doseProgramId: doseProgram?.id ?? null,
            findingCodes: judgement.decision.findings.map((finding) => finding.code),
            dueDate: judgement.due?.dueDate ?? null,
          },
        });
        await refreshPumpSchedules(tx, [patientId]);
        const body: RefillWriteResult = {
          refill: toRefillRecord(row),
          doseProgram,
          findings: judgement.decision.findings.map(findingDto),
          ...datesOf(judgement),
        };
        return { status: 201, body };
      },
    );
  } catch (error) {
    if (error instanceof SafetyRefusalError) {
      await auditRefusal(prisma, principal, 'refill.create', 'pump', pumpId, error, siteId);
    }
    throw error;
  }
}

/**
 * PATCH /api/refills/:refillId: corrects a refill. The merged record is judged again (a correction
 * cannot bring in a mismatch or an overfill), its findings and snapshots recomputed, amended_at and
 * the reason set and the version bumped, guarded by the version the client read (VersionConflictError
 * otherwise), with its audit event (the corrected field names and the reason) and the worklist row,
 * in one transaction. The program it is judged against is the one in force at the (corrected) time.
 * Needs refills:write and the patient's site (a refill elsewhere answers 404 as the refill).
 */
export async function amendRefill(
  prisma: PrismaClient,
  principal: Principal,
  input: { refillId: string; amendment: RefillAmendmentValues; now: Date },
): Promise<RefillWriteResult> {
  requirePermission(principal, 'refills:write');
  const { refillId, amendment } = input;
  let siteId: string | null = null;
  try {
    return await prisma.$transaction(async (tx) => {
      const current = await tx.refill.findFirst({
        where: { id: refillId, pump: { patient: { deletedAt: null } } },
        select: { ...refillRecordSelect, pump: { select: { patient: { select: { siteId: true } } } } },
      });
      if (!current) throw new RecordNotFoundError('refill', refillId);
      siteId = current.pump.patient.siteId;
      requireSiteAccess(principal, siteId, 'refill', refillId);
      const { patientId } = await lockPumpForWrite(tx, principal, current.pumpId);
      if (current.version !== amendment.version) {
        throw new VersionConflictError('The refill', current.version);
      }
      const context = await loadPumpContext(tx, principal, current.pumpId);
      if (!context) throw new RecordNotFoundError('refill', refillId);
      const before = toRefillRecord(current);
      const merged = { ...before, ...definedCorrections(amendment) };
      const at = new Date(merged.performedAt);
      const neighbours = await neighbourRefills(tx, current.pumpId, refillId, current.performedAt);
      requirePlausiblePerformedAt(at, { now: input.now, context, ...neighbours });
      const judgement = judgeRefill(context, merged, null, null);
      if (!judgement.allowed) throw refusalOf(judgement);
      const changed = REFILL_CORRECTABLE_FIELDS.filter(
        (field) => JSON.stringify(merged[field]) !== JSON.stringify(before[field]),
      );
      const updated = await tx.refill.updateMany({
        where: { id: refillId, version: amendment.version },
        data: {
          performedAt: at,
          expectedResidualMl: merged.expectedResidualMl,
          withdrawnVolumeMl: merged.withdrawnVolumeMl,
          concentrationMcgPerMl: merged.concentrationMcgPerMl,
          volumeFilledMl: merged.volumeFilledMl,
          reservoirVolumeAfterMl: merged.reservoirVolumeAfterMl,
          drugLot: merged.drugLot,
          drugExpiry: dateColumn(merged.drugExpiry),
          notes: merged.notes,
          complications: merged.complications,
          ...snapshotsOf(judgement),
          amendedAt: input.now,
          amendmentReason: amendment.amendmentReason,
          version: { increment: 1 },
        },
      });
      if (updated.count === 0) throw new VersionConflictError('The refill', current.version);
      await recordAudit(tx, principal, {
        action: 'refill.amend',
        entityType: 'refill',
        entityId: refillId,
        outcome: 'success',
        siteId: context.siteId,
        summary: {
          pumpId: current.pumpId,
          changedFields: changed,
          // The reason is free text: it stays on the refill row (amendment_reason), never in the trail.
          reasonGiven: true,
          version: current.version + 1,
          findingCodes: judgement.decision.findings.map((finding) => finding.code),
        },
      });
      await refreshPumpSchedules(tx, [patientId]);
      const row = await tx.refill.findUniqueOrThrow({ where: { id: refillId }, select: refillRecordSelect });
      return {
        refill: toRefillRecord(row),
        doseProgram: null,
        findings: judgement.decision.findings.map(findingDto),
        ...datesOf(judgement),
      };
    }, WRITE_TRANSACTION_OPTIONS);
  } catch (error) {
    if (error instanceof SafetyRefusalError) {
      await auditRefusal(prisma, principal, 'refill.amend', 'refill', refillId, error, siteId);
    }
    throw error;
  }
}

/** The corrections the amendment gives (the fields left out keep their recorded value). */
function definedCorrections(amendment: RefillAmendmentValues): Partial<RefillRecord> {
  return Object.fromEntries(
    REFILL_CORRECTABLE_FIELDS.filter((field) => amendment[field] !== undefined).map((field) => [
      field,
      // One spelling of the instant, so an unchanged time given with another offset is not a change.
      field === 'performedAt' ? new Date(amendment.performedAt ?? '').toISOString() : amendment[field],
    ]),
  );
}

/** The performedAt of the refills just before and just after this one on the same pump. */
async function neighbourRefills(
  tx: Prisma.TransactionClient,
  pumpId: string,
  refillId: string,
  performedAt: Date,
): Promise<{ after: Date | null; before: Date | null }> {
  // One after the other: the transaction's one connection runs one query at a time.
  const previous = await tx.refill.findFirst({
    where: { pumpId, id: { not: refillId }, performedAt: { lte: performedAt } },
    orderBy: { performedAt: 'desc' },
    select: { performedAt: true },
  });
  const next = await tx.refill.findFirst({
    where: { pumpId, id: { not: refillId }, performedAt: { gt: performedAt } },
    orderBy: { performedAt: 'asc' },
    select: { performedAt: true },
  });
  return { after: previous?.performedAt ?? null, before: next?.performedAt ?? null };
}

/**
 * GET /api/pumps/:pumpId/refills: newest first (performedAt, then id), keyset-paginated. Null for no
 * such pump; throws InvalidCursorError for a cursor this list did not issue. Audited as refill.list.
 */
export async function listRefills(
  prisma: PrismaClient,
  principal: Principal,
  pumpId: string,
  query: RefillListQuery,
): Promise<RefillListPage | null> {
  requirePermission(principal, 'patients:read');
  const pump = await prisma.pump.findFirst({
    where: { id: pumpId, patient: { deletedAt: null } },
    select: { id: true, patient: { select: { siteId: true } } },
  });
  if (!pump) return null;
  requireSiteAccess(principal, pump.patient.siteId, 'pump', pumpId);
  const rows = await prisma.refill.findMany({
    where: { pumpId, ...beforeCursor(query.cursor) },
    orderBy: [{ performedAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    select: refillRecordSelect,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  await auditRead(prisma, principal, {
    action: 'refill.list',
    entityType: 'pump',
    entityId: pumpId,
    siteId: pump.patient.siteId,
    summary: { count: page.length },
  });
  return {
    items: page.map(toRefillRecord),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor([last.performedAt.toISOString(), last.id]) : null,
  };
}

function beforeCursor(cursor: string | undefined): Prisma.RefillWhereInput {
  if (cursor === undefined) return {};
  const key = decodeCursor(cursor, 2);
  const performedAt = key ? new Date(key[0] ?? '') : null;
  const id = key?.[1] ?? '';
  if (!performedAt || !Number.isFinite(performedAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new InvalidCursorError('The cursor is not one this list issued.');
  }
  return { OR: [{ performedAt: { lt: performedAt } }, { performedAt, id: { lt: id } }] };
}
