import { pennIssue, type Visit, type VisitCreate, type VisitUpdate } from '@pumpdesk/contracts';
import { calendarDateToUtcDate, parseCalendarDate } from '@pumpdesk/domain';
import { type Principal, requirePermission } from '../access/principal.ts';
import { type PrismaClient } from '../generated/prisma/client.ts';
import { refreshPumpSchedules } from '../schedule/refresh-pump-schedules.ts';
import { recordAudit } from './audit.ts';
import {
  changedFieldNames,
  lockPatientForWrite,
  requireNotInFuture,
  requireUserAtSite,
} from './clinical-write-support.ts';
import { FieldRuleError, RecordNotFoundError, VersionConflictError } from './errors.ts';
import { ashworthToDb, toVisitDto, visitSelect } from './visit-queries.ts';

// Recording and correcting follow-up visits. A review moves the patient's next review due date, so
// every write refreshes the patient's computed schedule in the same transaction.

export interface WriteContext {
  /**
   * The user the request acts for: whose role and sites the write is checked against, the audit
   * event's actor, and the clinician when the body names none.
   */
  principal: Principal;
  /** The request's clock, read at the edge: "today" is its day in the site's zone. */
  now: Date;
}

/**
 * Records a visit for the patient. Throws ForbiddenError (the role may not record visits),
 * RecordNotFoundError (no such patient, or one at another site), FieldRuleError (a visit date after
 * today in the site's zone) or InvalidReferenceError (a clinician not at the site): nothing is written then.
 */
export async function createVisit(
  prisma: PrismaClient,
  patientId: string,
  input: VisitCreate,
  context: WriteContext,
): Promise<Visit> {
  requirePermission(context.principal, 'visits:write');
  return prisma.$transaction(async (tx) => {
    const patient = await lockPatientForWrite(tx, context.principal, patientId);
    requireNotInFuture(input.visitDate, context.now, patient.timeZone, 'body.visitDate');
    const clinicianId = input.clinicianId ?? context.principal.userId;
    await requireUserAtSite(tx, clinicianId, patient.siteId, 'body.clinicianId');
    const row = await tx.followUpVisit.create({
      data: {
        patientId,
        visitDate: calendarDateToUtcDate(parseCalendarDate(input.visitDate)),
        type: input.type,
        clinicianId,
        ashworth: ashworthToDb(input.ashworth),
        pennFrequency: input.pennFrequency,
        pennSeverity: input.pennSeverity,
        notes: input.notes,
        billingCodes: input.billingCodes,
      },
      select: visitSelect,
    });
    await recordAudit(tx, context.principal, {
      action: 'visit.create',
      entityType: 'follow_up_visit',
      entityId: row.id,
      outcome: 'success',
      siteId: patient.siteId,
      summary: { patientId, type: row.type, visitDate: input.visitDate, version: row.version },
    });
    await refreshPumpSchedules(tx, [patientId]);
    return toVisitDto(row);
  });
}

/**
 * Corrects a visit if nobody changed it since `version` was read (else VersionConflictError, nothing
 * written). The Penn pair is judged with the stored value of the half the patch leaves out.
 */
export async function updateVisit(
  prisma: PrismaClient,
  visitId: string,
  patch: VisitUpdate,
  context: WriteContext,
): Promise<Visit> {
  requirePermission(context.principal, 'visits:write');
  return prisma.$transaction(async (tx) => {
    const current = await tx.followUpVisit.findFirst({
      where: { id: visitId, patient: { deletedAt: null } },
      select: { patientId: true, pennFrequency: true, pennSeverity: true },
    });
    if (!current) throw new RecordNotFoundError('visit', visitId);
    const patient = await lockPatientForWrite(tx, context.principal, current.patientId, {
      entity: 'visit',
      id: visitId,
    });
    if (patch.visitDate !== undefined) {
      requireNotInFuture(patch.visitDate, context.now, patient.timeZone, 'body.visitDate');
    }
    if (patch.clinicianId !== undefined) {
      await requireUserAtSite(tx, patch.clinicianId, patient.siteId, 'body.clinicianId');
    }
    const issue = pennIssue(
      patch.pennFrequency === undefined ? current.pennFrequency : patch.pennFrequency,
      patch.pennSeverity === undefined ? current.pennSeverity : patch.pennSeverity,
    );
    if (issue) throw FieldRuleError.at(`body.${issue.path}`, 'penn_pair', issue.message);

    const updated = await tx.followUpVisit.updateMany({
      where: { id: visitId, version: patch.version },
      data: {
        ...(patch.visitDate === undefined
          ? {}
          : { visitDate: calendarDateToUtcDate(parseCalendarDate(patch.visitDate)) }),
        ...(patch.type === undefined ? {} : { type: patch.type }),
        ...(patch.clinicianId === undefined ? {} : { clinicianId: patch.clinicianId }),
        ...(patch.ashworth === undefined ? {} : { ashworth: ashworthToDb(patch.ashworth) }),
        ...(patch.pennFrequency === undefined ? {} : { pennFrequency: patch.pennFrequency }),
        ...(patch.pennSeverity === undefined ? {} : { pennSeverity: patch.pennSeverity }),
        ...(patch.notes === undefined ? {} : { notes: patch.notes }),
        ...(patch.billingCodes === undefined ? {} : { billingCodes: patch.billingCodes }),
        version: { increment: 1 },
      },
    });
    if (updated.count === 0) {
      const now = await tx.followUpVisit.findUnique({ where: { id: visitId }, select: { version: true } });
      throw new VersionConflictError('The visit', now?.version ?? null);
    }
    const row = await tx.followUpVisit.findUniqueOrThrow({ where: { id: visitId }, select: visitSelect });
    await recordAudit(tx, context.principal, {
      action: 'visit.update',
      entityType: 'follow_up_visit',
      entityId: visitId,
      outcome: 'success',
      siteId: patient.siteId,
      summary: { patientId: current.patientId, version: row.version, changes: changedFieldNames(patch) },
    });
    await refreshPumpSchedules(tx, [current.patientId]);
    return toVisitDto(row);
  });
}
