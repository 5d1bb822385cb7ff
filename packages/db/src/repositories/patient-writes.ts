import { type PatientChanges, type PatientCreate, type PatientRecord } from '@pumpdesk/contracts';
import {
  calendarDateInZone,
  type CalendarDate,
  calendarDateToUtcDate,
  parseCalendarDate,
} from '@pumpdesk/domain';
import { type Principal, requirePermission, requireSiteAccess, worksAtSite } from '../access/principal.ts';
import { type Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { refreshPumpSchedules } from '../schedule/refresh-pump-schedules.ts';
import { recordAudit } from './audit.ts';
import {
  databaseConstraintOf,
  DomainConflictError,
  FieldRuleError,
  InvalidReferenceError,
  VersionConflictError,
} from './errors.ts';
import { type PatientRecordRow, patientRecordSelect, toPatientRecord } from './patient-record.ts';
import {
  applyPatientRules,
  type PatientFieldRefusal,
  type PatientValues,
  type ProposedPatient,
} from './patient-rules.ts';

// Creating, changing and (soft-)deleting a patient: each in ONE transaction with its audit event and
// the refresh of the patient's worklist row (risk flags, site, physician and status move worklists).
// Audit summaries hold ids and changed field names only: never a name, an MRN or a free-text reason.

// Refusals are the data layer's errors (errors.ts), with the body's field paths: the field rules →
// FieldRuleError (400), an unusable site or physician, or a site the principal does not work at →
// InvalidReferenceError (422), an MRN on record
// → DomainConflictError MRN_TAKEN (409), deleting a patient with an implanted pump →
// DomainConflictError PATIENT_HAS_IMPLANTED_PUMP (409). Nothing is written.

const bodyPath = (refusal: PatientFieldRefusal) => ({
  path: `body.${refusal.field}`,
  code: refusal.code,
  message: refusal.message,
});

/**
 * A new patient (status candidate unless given), registered by the principal (patients:write) at one
 * of their sites. `now` decides "today" in the site's zone.
 */
export async function createPatient(
  prisma: PrismaClient,
  principal: Principal,
  input: { patient: PatientCreate; now: Date },
): Promise<PatientRecord> {
  requirePermission(principal, 'patients:write');
  // What the client chose: the contract's defaults count (plain values), the two fields the rules
  // derive only when present.
  const sent = new Set(
    (Object.keys(input.patient) as (keyof PatientCreate)[]).filter((key) => input.patient[key] !== undefined),
  );
  return prisma.$transaction(async (tx) => {
    const values = await checkedValues(tx, principal, input.patient, {
      sent,
      now: input.now,
      checkSite: true,
      checkPhysician: true,
      mrnOf: null,
    });
    const created = await insertOrRefuse(() =>
      tx.patient.create({ data: toColumns(values), select: { id: true, version: true } }),
    );
    await recordAudit(tx, principal, {
      action: 'patient.create',
      entityType: 'patient',
      entityId: created.id,
      outcome: 'success',
      siteId: values.siteId,
      summary: { version: created.version, siteId: values.siteId, status: values.status },
    });
    await refreshPumpSchedules(tx, [created.id]);
    return toPatientRecord(
      await tx.patient.findUniqueOrThrow({ where: { id: created.id }, select: patientRecordSelect }),
    );
  });
}

/**
 * Applies the changes to the patient if it is still at `expectedVersion`; null when there is no such
 * (undeleted) patient. The merged record is judged like a create. References are re-checked only when
 * they change: an edit of a name is not blocked because the physician has left since.
 * Changes equal to the stored values write nothing (same version, no audit event). The patient must be
 * at one of the principal's sites (else OutOfScopeError, a 404), and may be moved only to another.
 */
export async function updatePatient(
  prisma: PrismaClient,
  principal: Principal,
  input: { id: string; expectedVersion: number; changes: PatientChanges; now: Date },
): Promise<PatientRecord | null> {
  requirePermission(principal, 'patients:write');
  return prisma.$transaction(async (tx) => {
    const row = await tx.patient.findFirst({
      where: { id: input.id, deletedAt: null },
      select: patientRecordSelect,
    });
    if (!row) return null;
    requireSiteAccess(principal, row.siteId, 'patient', row.id);
    if (row.version !== input.expectedVersion) throw new VersionConflictError('The patient', row.version);

    const stored = valuesOf(row);
    const changes: Partial<PatientValues> = input.changes;
    const sent = new Set(Object.keys(changes));
    const siteChanged = changes.siteId !== undefined && changes.siteId !== stored.siteId;
    const physicianChanged =
      changes.responsiblePhysicianId !== undefined &&
      changes.responsiblePhysicianId !== stored.responsiblePhysicianId;
    const values = await checkedValues(
      tx,
      principal,
      { ...stored, ...changes },
      {
        sent,
        now: input.now,
        checkSite: siteChanged,
        checkPhysician: siteChanged || physicianChanged,
        mrnOf: { id: row.id, mrn: stored.mrn },
      },
    );

    const changed = (Object.keys(values) as (keyof PatientValues)[]).filter(
      (key) => values[key] !== stored[key],
    );
    if (changed.length === 0) return toPatientRecord(row);

    const columns = toColumns(values);
    const updated = await insertOrRefuse(() =>
      tx.patient.updateMany({
        where: { id: row.id, version: input.expectedVersion, deletedAt: null },
        data: {
          ...Object.fromEntries(changed.map((key) => [key, columns[key]])),
          version: { increment: 1 },
        },
      }),
    );
    if (updated.count === 0) throw await conflictOrGone(tx, row.id);
    await recordAudit(tx, principal, {
      action: 'patient.update',
      entityType: 'patient',
      entityId: row.id,
      outcome: 'success',
      siteId: values.siteId,
      summary: { version: row.version + 1, changes: changed },
    });
    await refreshPumpSchedules(tx, [row.id]);
    return toPatientRecord(
      await tx.patient.findUniqueOrThrow({ where: { id: row.id }, select: patientRecordSelect }),
    );
  });
}

/**
 * Soft-deletes the patient if it is still at `expectedVersion`: hidden from lists and detail, every
 * row of its history kept (its MRN stays taken). False when there is no such (undeleted) patient.
 *
 * Decision: a patient with an implanted pump is not deleted (409 PATIENT_HAS_IMPLANTED_PUMP): deleting
 * them would drop a pump that still needs refilling from every worklist (withdrawal risk). Record the
 * explant, or set a status such as transferred, instead.
 */
export async function deletePatient(
  prisma: PrismaClient,
  principal: Principal,
  input: { id: string; expectedVersion: number; now: Date },
): Promise<boolean> {
  requirePermission(principal, 'patients:delete');
  return prisma.$transaction(async (tx) => {
    const row = await tx.patient.findFirst({
      where: { id: input.id, deletedAt: null },
      select: {
        id: true,
        version: true,
        siteId: true,
        _count: { select: { pumps: { where: { status: 'implanted' } } } },
      },
    });
    if (!row) return false;
    requireSiteAccess(principal, row.siteId, 'patient', row.id);
    if (row.version !== input.expectedVersion) throw new VersionConflictError('The patient', row.version);
    if (row._count.pumps > 0) {
      throw new DomainConflictError(
        'PATIENT_HAS_IMPLANTED_PUMP',
        'The patient has an implanted pump: record its explant (or change the status) instead of deleting the patient.',
      );
    }
    const deleted = await tx.patient.updateMany({
      where: { id: row.id, version: input.expectedVersion, deletedAt: null },
      data: { deletedAt: input.now, version: { increment: 1 } },
    });
    if (deleted.count === 0) throw await conflictOrGone(tx, row.id);
    await recordAudit(tx, principal, {
      action: 'patient.delete',
      entityType: 'patient',
      entityId: row.id,
      outcome: 'success',
      siteId: row.siteId,
      summary: { version: row.version + 1 },
    });
    await refreshPumpSchedules(tx, [row.id]);
    return true;
  });
}

// ─── Checks ──────────────────────────────────────────────────────────────────────────────────────

/**
 * The record to write, or a refusal: field rules (400) first, then references (422: a new site must
 * also be one the principal works at), then the MRN (409), each listing every field it refuses.
 */
async function checkedValues(
  tx: Prisma.TransactionClient,
  principal: Principal,
  proposed: ProposedPatient,
  options: {
    sent: ReadonlySet<string>;
    now: Date;
    checkSite: boolean;
    checkPhysician: boolean;
    /** The patient being changed (its own MRN is no clash), null for a create. */
    mrnOf: { id: string; mrn: string } | null;
  },
): Promise<PatientValues> {
  const site = await tx.site.findUnique({
    where: { id: proposed.siteId },
    select: { id: true, active: true, timeZone: true },
  });
  const today = site ? calendarDateInZone(options.now, site.timeZone) : null;
  const { values, refusals } = applyPatientRules(proposed, options.sent, today);
  if (refusals.length > 0) throw new FieldRuleError(refusals.map(bodyPath));

  // A new assignment needs an active site; a patient already at a site since closed keeps it.
  if (!site || (options.checkSite && !site.active)) {
    throw new InvalidReferenceError(
      'body.siteId',
      site ? `Site ${values.siteId} is closed.` : `No site with id ${values.siteId}.`,
    );
  } else if (options.checkSite && !worksAtSite(principal, site.id)) {
    // Registering (or moving) a patient where one does not work would hand the record to others.
    throw new InvalidReferenceError('body.siteId', `You do not work at site ${values.siteId}.`);
  } else if (options.checkPhysician && values.responsiblePhysicianId !== null) {
    const problem = await physicianProblem(tx, values.responsiblePhysicianId, values.siteId);
    if (problem) throw new InvalidReferenceError('body.responsiblePhysicianId', problem);
  }

  if (options.mrnOf === null || values.mrn !== options.mrnOf.mrn) {
    // Case-insensitive, so an MRN stored before upper-casing cannot be duplicated in another case.
    // Deleted patients count: their history keeps the MRN.
    const clash = await tx.patient.findFirst({
      where: {
        mrn: { equals: values.mrn, mode: 'insensitive' },
        ...(options.mrnOf ? { id: { not: options.mrnOf.id } } : {}),
      },
      select: { id: true },
    });
    if (clash) throw mrnTaken();
  }
  return values;
}

/** Why this user cannot be the patient's responsible physician at the site, or null when they can. */
async function physicianProblem(
  tx: Prisma.TransactionClient,
  userId: string,
  siteId: string,
): Promise<string | null> {
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { active: true, role: true, sites: { where: { siteId }, select: { siteId: true } } },
  });
  if (!user) return `No user with id ${userId}.`;
  if (!user.active || user.role !== 'physician') return `User ${userId} is not an active physician.`;
  if (user.sites.length === 0) return `User ${userId} does not work at site ${siteId}.`;
  return null;
}

function mrnTaken(): DomainConflictError {
  const message = 'Another patient record (possibly deleted) has this MRN.';
  return new DomainConflictError('MRN_TAKEN', message, [{ path: 'body.mrn', code: 'mrn_taken', message }]);
}

/** Runs the write; a unique violation (two requests racing for one MRN) becomes MRN_TAKEN. */
async function insertOrRefuse<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (databaseConstraintOf(error) === 'unique') throw mrnTaken();
    throw error;
  }
}

/** The guarded write hit no row: someone changed the patient meanwhile (or deleted it). */
async function conflictOrGone(tx: Prisma.TransactionClient, id: string): Promise<VersionConflictError> {
  const now = await tx.patient.findUnique({ where: { id }, select: { version: true } });
  return new VersionConflictError('The patient', now?.version ?? null);
}

// ─── Rows ⇄ values ───────────────────────────────────────────────────────────────────────────────

function valuesOf(row: PatientRecordRow): PatientValues {
  // The record without what a write never sets (id, version, timestamps) and with the references as ids.
  const {
    id: _id,
    version: _version,
    createdAt: _created,
    updatedAt: _updated,
    site: _site,
    responsiblePhysician: _physician,
    ...values
  } = toPatientRecord(row);
  return { ...values, siteId: row.siteId, responsiblePhysicianId: row.responsiblePhysicianId };
}

function toColumns(values: PatientValues): Omit<PatientValues, 'dateOfBirth'> & { dateOfBirth: Date } {
  const dateOfBirth: CalendarDate = parseCalendarDate(values.dateOfBirth);
  return { ...values, dateOfBirth: calendarDateToUtcDate(dateOfBirth) };
}
