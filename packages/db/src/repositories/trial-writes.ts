import { type TrialCreate, type TrialDto, type TrialUpdate } from '@pumpdesk/contracts';
import { calendarDateToUtcDate, parseCalendarDate } from '@pumpdesk/domain';
import { requirePermission } from '../access/principal.ts';
import { type PrismaClient } from '../generated/prisma/client.ts';
import { refreshPumpSchedules } from '../schedule/refresh-pump-schedules.ts';
import { recordAudit } from './audit.ts';
import {
  changedFieldNames,
  lockPatientForWrite,
  requireNotInFuture,
  requireUserAtSite,
} from './clinical-write-support.ts';
import { RecordNotFoundError, VersionConflictError } from './errors.ts';
import { toTrialDto, trialSelect } from './trial-queries.ts';
import { ashworthToDb } from './visit-queries.ts';
import { type WriteContext } from './visit-writes.ts';

// Screening trials. Recording the first one moves a candidate into the trial phase: the status says
// where the patient is in the pathway, and a trial on record means screening has begun. Only
// `candidate` moves: a patient already on therapy (a re-trial after explant, say) keeps the status.

/**
 * Records a trial (a physician's: pumps:write). Throws ForbiddenError, RecordNotFoundError (also a
 * patient at another site), FieldRuleError (trial date after today in the site's
 * zone) or InvalidReferenceError (performer not at the site): nothing is written then.
 */
export async function createTrial(
  prisma: PrismaClient,
  patientId: string,
  input: TrialCreate,
  context: WriteContext,
): Promise<TrialDto> {
  requirePermission(context.principal, 'pumps:write');
  return prisma.$transaction(async (tx) => {
    const patient = await lockPatientForWrite(tx, context.principal, patientId);
    requireNotInFuture(input.trialDate, context.now, patient.timeZone, 'body.trialDate');
    const performedById = input.performedById ?? context.principal.userId;
    await requireUserAtSite(tx, performedById, patient.siteId, 'body.performedById');
    const row = await tx.trial.create({
      data: {
        patientId,
        trialDate: calendarDateToUtcDate(parseCalendarDate(input.trialDate)),
        bolusMcg: input.bolusMcg,
        performedById,
        ashworthBefore: ashworthToDb(input.ashworthBefore),
        ashworthAfter: ashworthToDb(input.ashworthAfter),
        pennBefore: input.pennBefore,
        pennAfter: input.pennAfter,
        outcome: input.outcome,
        notes: input.notes,
      },
      select: trialSelect,
    });
    const startsTrialPhase = patient.status === 'candidate';
    if (startsTrialPhase) {
      await tx.patient.update({
        where: { id: patientId },
        data: { status: 'trial', version: { increment: 1 } },
      });
    }
    await recordAudit(tx, context.principal, {
      action: 'trial.create',
      entityType: 'trial',
      entityId: row.id,
      outcome: 'success',
      siteId: patient.siteId,
      summary: {
        patientId,
        trialDate: input.trialDate,
        outcome: row.outcome,
        version: row.version,
        ...(startsTrialPhase ? { patientStatus: { from: 'candidate', to: 'trial' } } : {}),
      },
    });
    if (startsTrialPhase) {
      await recordAudit(tx, context.principal, {
        action: 'patient.update',
        entityType: 'patient',
        entityId: patientId,
        outcome: 'success',
        siteId: patient.siteId,
        summary: { changes: ['status'], status: { from: 'candidate', to: 'trial' }, cause: 'trial.create' },
      });
    }
    await refreshPumpSchedules(tx, [patientId]);
    return toTrialDto(row);
  });
}

/** Corrects a trial if nobody changed it since `version` was read (else VersionConflictError). */
export async function updateTrial(
  prisma: PrismaClient,
  trialId: string,
  patch: TrialUpdate,
  context: WriteContext,
): Promise<TrialDto> {
  requirePermission(context.principal, 'pumps:write');
  return prisma.$transaction(async (tx) => {
    const current = await tx.trial.findFirst({
      where: { id: trialId, patient: { deletedAt: null } },
      select: { patientId: true },
    });
    if (!current) throw new RecordNotFoundError('trial', trialId);
    const patient = await lockPatientForWrite(tx, context.principal, current.patientId, {
      entity: 'trial',
      id: trialId,
    });
    if (patch.trialDate !== undefined) {
      requireNotInFuture(patch.trialDate, context.now, patient.timeZone, 'body.trialDate');
    }
    if (patch.performedById !== undefined) {
      await requireUserAtSite(tx, patch.performedById, patient.siteId, 'body.performedById');
    }
    const updated = await tx.trial.updateMany({
      where: { id: trialId, version: patch.version },
      data: {
        ...(patch.trialDate === undefined
          ? {}
          : { trialDate: calendarDateToUtcDate(parseCalendarDate(patch.trialDate)) }),
        ...(patch.bolusMcg === undefined ? {} : { bolusMcg: patch.bolusMcg }),
        ...(patch.performedById === undefined ? {} : { performedById: patch.performedById }),
        ...(patch.ashworthBefore === undefined ? {} : { ashworthBefore: ashworthToDb(patch.ashworthBefore) }),
        ...(patch.ashworthAfter === undefined ? {} : { ashworthAfter: ashworthToDb(patch.ashworthAfter) }),
        ...(patch.pennBefore === undefined ? {} : { pennBefore: patch.pennBefore }),
        ...(patch.pennAfter === undefined ? {} : { pennAfter: patch.pennAfter }),
        ...(patch.outcome === undefined ? {} : { outcome: patch.outcome }),
        ...(patch.notes === undefined ? {} : { notes: patch.notes }),
        version: { increment: 1 },
      },
    });
    if (updated.count === 0) {
      const now = await tx.trial.findUnique({ where: { id: trialId }, select: { version: true } });
      throw new VersionConflictError('The trial', now?.version ?? null);
    }
    const row = await tx.trial.findUniqueOrThrow({ where: { id: trialId }, select: trialSelect });
    await recordAudit(tx, context.principal, {
      action: 'trial.update',
      entityType: 'trial',
      entityId: trialId,
      outcome: 'success',
      siteId: patient.siteId,
      summary: { patientId: current.patientId, version: row.version, changes: changedFieldNames(patch) },
    });
    await refreshPumpSchedules(tx, [current.patientId]);
    return toTrialDto(row);
  });
}
