import {
  type AppointmentClose,
  type AppointmentCreate,
  type AppointmentDto,
  type AppointmentStatus,
  type AppointmentUpdate,
} from '@pumpdesk/contracts';
import { type Principal, requirePermission, requireSiteAccess, worksAtSite } from '../access/principal.ts';
import { type Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { refreshPumpSchedules } from '../schedule/refresh-pump-schedules.ts';
import { recordAudit } from './audit.ts';
import { appointmentEndsAt, appointmentSelect, toAppointmentDto } from './appointment-queries.ts';
import { changedFieldNames, lockPatientForWrite, requireUserAtSite } from './clinical-write-support.ts';
import {
  DomainConflictError,
  FieldRuleError,
  InvalidReferenceError,
  RecordNotFoundError,
  VersionConflictError,
} from './errors.ts';
import { type WriteContext } from './visit-writes.ts';

// Booking, moving and closing appointments. An appointment is booked, may be moved while booked, then
// closes exactly once: done, cancelled or no-show. A booked refill appointment on or before the due
// date is what clears NO_APPOINTMENT_BY_DUE_DATE, so every write refreshes the patient's schedule.

/** How far back a booking may start: a slot that began a moment ago is still bookable (walk-ins). */
export const BOOKING_GRACE_MS = 3_600_000;

/** The appointment is no longer booked: it cannot move or close again. */
const appointmentClosed = (status: AppointmentStatus): DomainConflictError =>
  new DomainConflictError(
    'APPOINTMENT_CLOSED',
    `The appointment is ${status.replace('_', '-')}: only a booked appointment can change.`,
  );

/** Another booked appointment of the same patient overlaps the requested time. */
const overlappingAppointment = (otherAppointmentId: string): DomainConflictError =>
  new DomainConflictError(
    'OVERLAPPING_APPOINTMENT',
    `The patient already has a booked appointment (${otherAppointmentId}) at that time.`,
  );

/**
 * Books an appointment. Throws ForbiddenError (the role may not book), RecordNotFoundError (patient,
 * also one at another site), FieldRuleError (start more than an hour ago), InvalidReferenceError
 * (unknown site or one the user does not work at, clinician not at the site) or
 * a DomainConflictError (OVERLAPPING_APPOINTMENT): nothing is written then.
 */
export async function createAppointment(
  prisma: PrismaClient,
  patientId: string,
  input: AppointmentCreate,
  context: WriteContext,
): Promise<AppointmentDto> {
  requirePermission(context.principal, 'appointments:write');
  return prisma.$transaction(async (tx) => {
    const patient = await lockPatientForWrite(tx, context.principal, patientId);
    const startsAt = new Date(input.startsAt);
    requireNotPast(startsAt, context.now);
    const siteId = input.siteId ?? patient.siteId;
    if (input.siteId !== undefined) await requireSite(tx, context.principal, input.siteId);
    if (input.clinicianId !== null)
      await requireUserAtSite(tx, input.clinicianId, siteId, 'body.clinicianId');
    await refuseOverlap(tx, patientId, startsAt, input.durationMinutes, null);
    const row = await tx.appointment.create({
      data: {
        patientId,
        kind: input.kind,
        startsAt,
        durationMinutes: input.durationMinutes,
        siteId,
        clinicianId: input.clinicianId,
        atHome: input.atHome,
        notes: input.notes,
      },
      select: appointmentSelect,
    });
    await recordAudit(tx, context.principal, {
      action: 'appointment.create',
      entityType: 'appointment',
      entityId: row.id,
      outcome: 'success',
      siteId: patient.siteId,
      summary: {
        patientId,
        kind: row.kind,
        siteId,
        startsAt: row.startsAt.toISOString(),
        version: row.version,
      },
    });
    await refreshPumpSchedules(tx, [patientId]);
    return toAppointmentDto(row);
  });
}

/**
 * Moves or reassigns a booked appointment (DomainConflictError APPOINTMENT_CLOSED once closed; VersionConflictError
 * on a stale version). A new start may not be more than an hour in the past either. The user must work
 * at the patient's site and the appointment's current site (else a 404) and at a new site it moves to
 * (else InvalidReferenceError on body.siteId).
 */
export async function rescheduleAppointment(
  prisma: PrismaClient,
  appointmentId: string,
  patch: AppointmentUpdate,
  context: WriteContext,
): Promise<AppointmentDto> {
  requirePermission(context.principal, 'appointments:write');
  return prisma.$transaction(async (tx) => {
    const current = await bookedAppointment(tx, context.principal, appointmentId, patch.version);
    const startsAt = patch.startsAt === undefined ? current.startsAt : new Date(patch.startsAt);
    if (patch.startsAt !== undefined) requireNotPast(startsAt, context.now);
    const siteId = patch.siteId ?? current.siteId;
    if (patch.siteId !== undefined) await requireSite(tx, context.principal, patch.siteId);
    const clinicianId = patch.clinicianId === undefined ? current.clinicianId : patch.clinicianId;
    if (clinicianId !== null && (patch.clinicianId !== undefined || patch.siteId !== undefined)) {
      // A move to another site keeps the clinician only if they work there too.
      await requireUserAtSite(
        tx,
        clinicianId,
        siteId,
        patch.clinicianId === undefined ? 'body.siteId' : 'body.clinicianId',
      );
    }
    const durationMinutes = patch.durationMinutes ?? current.durationMinutes;
    if (patch.startsAt !== undefined || patch.durationMinutes !== undefined) {
      await refuseOverlap(tx, current.patientId, startsAt, durationMinutes, appointmentId);
    }
    return writeBooked(tx, context, {
      appointmentId,
      current,
      version: patch.version,
      data: {
        ...(patch.startsAt === undefined ? {} : { startsAt }),
        ...(patch.durationMinutes === undefined ? {} : { durationMinutes }),
        ...(patch.siteId === undefined ? {} : { siteId }),
        ...(patch.clinicianId === undefined ? {} : { clinicianId }),
        ...(patch.atHome === undefined ? {} : { atHome: patch.atHome }),
        ...(patch.notes === undefined ? {} : { notes: patch.notes }),
      },
      action: 'appointment.update',
      summary: { changes: changedFieldNames(patch) },
    });
  });
}

export type AppointmentClosing = 'done' | 'cancelled' | 'no_show';

const CLOSE_ACTIONS: Record<AppointmentClosing, { action: string; noteLabel: string }> = {
  done: { action: 'appointment.complete', noteLabel: 'Completed' },
  cancelled: { action: 'appointment.cancel', noteLabel: 'Cancelled' },
  no_show: { action: 'appointment.no_show', noteLabel: 'No-show' },
};

/**
 * Closes a booked appointment: done, cancelled or no-show (the only transitions there are). The
 * reason is appended to the notes ("Cancelled: patient unwell"): it is free text, so it stays out of
 * the audit trail, which records the transition.
 */
export async function closeAppointment(
  prisma: PrismaClient,
  appointmentId: string,
  to: AppointmentClosing,
  input: AppointmentClose,
  context: WriteContext,
): Promise<AppointmentDto> {
  requirePermission(context.principal, 'appointments:write');
  return prisma.$transaction(async (tx) => {
    const current = await bookedAppointment(tx, context.principal, appointmentId, input.version);
    const { action, noteLabel } = CLOSE_ACTIONS[to];
    const reasonLine = input.reason === undefined ? null : `${noteLabel}: ${input.reason}`;
    return writeBooked(tx, context, {
      appointmentId,
      current,
      version: input.version,
      data: {
        status: to,
        ...(reasonLine === null
          ? {}
          : { notes: current.notes ? `${current.notes}\n${reasonLine}` : reasonLine }),
      },
      action,
      summary: { status: { from: 'booked', to }, reasonGiven: input.reason !== undefined },
    });
  });
}

/**
 * The booked appointment a change applies to, its patient locked, at the version the client read.
 * Changing it needs the user to work at both the patient's site and the site the appointment is held
 * at (it may be another one): either out of scope is a 404 naming the appointment (OutOfScopeError),
 * checked before the version and status so neither says anything about another site's appointment.
 */
async function bookedAppointment(
  tx: Prisma.TransactionClient,
  principal: Principal,
  appointmentId: string,
  version: number,
) {
  const current = await currentAppointment(tx, appointmentId);
  const patient = await lockPatientForWrite(tx, principal, current.patientId, {
    entity: 'appointment',
    id: appointmentId,
  });
  requireSiteAccess(principal, current.siteId, 'appointment', appointmentId);
  if (current.version !== version) throw new VersionConflictError('The appointment', current.version);
  if (current.status !== 'booked') throw appointmentClosed(current.status);
  return { ...current, patientSiteId: patient.siteId };
}

/**
 * Writes a change to a booked appointment, guarded by the version read and the booked status (a
 * concurrent close between the read and the write is a version conflict), then its audit event
 * (patient, new version and the change's own summary) and the patient's schedule refresh.
 */
async function writeBooked(
  tx: Prisma.TransactionClient,
  context: WriteContext,
  change: {
    appointmentId: string;
    current: { patientId: string; patientSiteId: string; version: number };
    version: number;
    data: Prisma.AppointmentUpdateManyMutationInput;
    action: string;
    summary: Record<string, unknown>;
  },
): Promise<AppointmentDto> {
  const { appointmentId, current } = change;
  const updated = await tx.appointment.updateMany({
    where: { id: appointmentId, version: change.version, status: 'booked' },
    data: { ...change.data, version: { increment: 1 } },
  });
  if (updated.count === 0) throw new VersionConflictError('The appointment', current.version);
  const row = await tx.appointment.findUniqueOrThrow({
    where: { id: appointmentId },
    select: appointmentSelect,
  });
  await recordAudit(tx, context.principal, {
    action: change.action,
    entityType: 'appointment',
    entityId: appointmentId,
    outcome: 'success',
    siteId: current.patientSiteId,
    summary: { patientId: current.patientId, version: row.version, ...change.summary },
  });
  await refreshPumpSchedules(tx, [current.patientId]);
  return toAppointmentDto(row);
}

async function currentAppointment(tx: Prisma.TransactionClient, appointmentId: string) {
  const current = await tx.appointment.findFirst({
    where: { id: appointmentId, patient: { deletedAt: null } },
    select: {
      patientId: true,
      status: true,
      version: true,
      startsAt: true,
      durationMinutes: true,
      siteId: true,
      clinicianId: true,
      notes: true,
    },
  });
  if (!current) throw new RecordNotFoundError('appointment', appointmentId);
  return current;
}

function requireNotPast(startsAt: Date, now: Date): void {
  if (startsAt.getTime() < now.getTime() - BOOKING_GRACE_MS) {
    throw FieldRuleError.at('body.startsAt', 'in_past', 'An appointment cannot start more than an hour ago.');
  }
}

/** An appointment is held at an active site the user works at (another site's calendar is not theirs). */
async function requireSite(
  tx: Prisma.TransactionClient,
  principal: Principal,
  siteId: string,
): Promise<void> {
  const site = await tx.site.findUnique({ where: { id: siteId }, select: { active: true } });
  if (!site?.active || !worksAtSite(principal, siteId)) {
    throw new InvalidReferenceError('body.siteId', `No active site with id ${siteId} among yours.`);
  }
}

/**
 * Refuses a second booked appointment of the same patient overlapping [start, start + duration):
 * a patient cannot be in two places (double booking by mistake). Back-to-back slots are fine.
 */
async function refuseOverlap(
  tx: Prisma.TransactionClient,
  patientId: string,
  startsAt: Date,
  durationMinutes: number,
  exceptId: string | null,
): Promise<void> {
  const endsAt = appointmentEndsAt(startsAt, durationMinutes);
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM appointments
     WHERE patient_id = ${patientId}::uuid AND status = 'booked'
       AND (${exceptId}::uuid IS NULL OR id <> ${exceptId}::uuid)
       AND starts_at < ${endsAt}
       AND starts_at + make_interval(mins => duration_minutes) > ${startsAt}
     ORDER BY starts_at LIMIT 1`;
  const other = rows[0];
  if (other) throw overlappingAppointment(other.id);
}
