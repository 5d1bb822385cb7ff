import { calendarDateInZone, compareCalendarDates, parseCalendarDate } from '@pumpdesk/domain';
import { type Principal, requireSiteAccess } from '../access/principal.ts';
import { type Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { FieldRuleError, InvalidReferenceError, RecordNotFoundError } from './errors.ts';

// What the visit, trial and appointment writes share: the checks that need the database (the
// patient's site and zone, who works where), throwing the data layer's errors (errors.ts).

/** The patient as a write needs it, locked for the rest of the transaction. */
export interface PatientForWrite {
  id: string;
  siteId: string;
  status: string;
  timeZone: string;
}

/**
 * Reads the patient (not soft-deleted) and locks its row until the transaction ends, so two writes
 * about the same patient (two bookings of the same slot) run one after the other. A patient at a site
 * the principal does not work at is an OutOfScopeError (a 404 naming `record`: the visit, trial or
 * appointment asked for, else the patient), checked before anything is written.
 */
export async function lockPatientForWrite(
  tx: Prisma.TransactionClient,
  principal: Principal,
  patientId: string,
  record: { entity: string; id: string } = { entity: 'patient', id: patientId },
): Promise<PatientForWrite> {
  const rows = await tx.$queryRaw<PatientForWrite[]>`
    SELECT p.id::text AS "id", p.site_id::text AS "siteId", p.status::text AS "status",
           s.time_zone AS "timeZone"
      FROM patients p JOIN sites s ON s.id = p.site_id
     WHERE p.id = ${patientId}::uuid AND p.deleted_at IS NULL
       FOR UPDATE OF p`;
  const patient = rows[0];
  if (!patient) throw new RecordNotFoundError('patient', patientId);
  requireSiteAccess(principal, patient.siteId, record.entity, record.id);
  return patient;
}

/**
 * The site of a patient whose records a list shows: RecordNotFoundError unless the patient exists and
 * is not soft-deleted, OutOfScopeError (the same 404) when it is at a site the principal does not work at.
 */
export async function requirePatient(
  db: PrismaClient | Prisma.TransactionClient,
  principal: Principal,
  patientId: string,
): Promise<{ siteId: string }> {
  const patient = await db.patient.findFirst({
    where: { id: patientId, deletedAt: null },
    select: { siteId: true },
  });
  if (!patient) throw new RecordNotFoundError('patient', patientId);
  requireSiteAccess(principal, patient.siteId, 'patient', patientId);
  return patient;
}

/**
 * True when the user is an active clinician (a nurse or a physician: the people who see patients)
 * who works at the site (user_sites, or every site).
 */
export async function userWorksAtSite(
  tx: Prisma.TransactionClient,
  userId: string,
  siteId: string,
): Promise<boolean> {
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: {
      active: true,
      role: true,
      allSites: true,
      sites: { where: { siteId }, select: { siteId: true } },
    },
  });
  return (
    !!user &&
    user.active &&
    (user.role === 'nurse' || user.role === 'physician') &&
    (user.allSites || user.sites.length > 0)
  );
}

/** Throws an InvalidReferenceError on `path` unless the user works at the site. */
export async function requireUserAtSite(
  tx: Prisma.TransactionClient,
  userId: string,
  siteId: string,
  path: string,
): Promise<void> {
  if (!(await userWorksAtSite(tx, userId, siteId))) {
    throw new InvalidReferenceError(path, `User ${userId} is not an active nurse or physician of this site.`);
  }
}

/** Throws a FieldRuleError on `path` when `date` is after today in the site's zone. */
export function requireNotInFuture(date: string, now: Date, timeZone: string, path: string): void {
  const today = calendarDateInZone(now, timeZone);
  if (compareCalendarDates(parseCalendarDate(date), today) > 0) {
    throw FieldRuleError.at(path, 'in_future', `${date} is after today (${today}) in the site's calendar.`);
  }
}

/** The names of the fields a patch sets (for the audit summary: names only, never values of free text). */
export function changedFieldNames(patch: Record<string, unknown>): string[] {
  return Object.entries(patch)
    .filter(([key, value]) => key !== 'version' && value !== undefined)
    .map(([key]) => key)
    .sort();
}
