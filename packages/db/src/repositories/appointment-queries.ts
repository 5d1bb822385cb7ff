import {
  type AppointmentDto,
  type AppointmentPage,
  type AppointmentStatus,
  type PatientAppointmentsQuery,
  type SiteAppointmentList,
  type SiteAppointmentsQuery,
} from '@pumpdesk/contracts';
import { addDays, calendarDateInZone, parseCalendarDate, startOfDayInZone } from '@pumpdesk/domain';
import { type Principal, requirePermission, requireSiteAccess, siteWhere } from '../access/principal.ts';
import { type Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { auditRead } from './audit.ts';
import { requirePatient } from './clinical-write-support.ts';
import { RecordNotFoundError } from './errors.ts';
import { decodeCursor, encodeCursor, InvalidCursorError } from './cursor.ts';

// Who sees which appointment: an appointment belongs to its patient's site and is held at its own site
// (they may differ). Reads go by either: a site's day list shows every appointment held there (its staff
// must know who is coming, also a patient registered elsewhere) and a patient's list shows all of that
// patient's appointments. Changing one needs both sites (appointment-writes.ts).

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export const appointmentSelect = {
  id: true,
  kind: true,
  status: true,
  startsAt: true,
  durationMinutes: true,
  patient: { select: { id: true, mrn: true, givenName: true, familyName: true } },
  site: { select: { id: true, name: true, timeZone: true } },
  clinician: { select: { id: true, name: true } },
  atHome: true,
  notes: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.AppointmentSelect;

export type AppointmentRowWithRefs = Prisma.AppointmentGetPayload<{ select: typeof appointmentSelect }>;

export function appointmentEndsAt(startsAt: Date, durationMinutes: number): Date {
  return new Date(startsAt.getTime() + durationMinutes * MINUTE_MS);
}

export function toAppointmentDto(row: AppointmentRowWithRefs): AppointmentDto {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    startsAt: row.startsAt.toISOString(),
    endsAt: appointmentEndsAt(row.startsAt, row.durationMinutes).toISOString(),
    durationMinutes: row.durationMinutes,
    patient: row.patient,
    site: row.site,
    clinician: row.clinician,
    atHome: row.atHome,
    notes: row.notes,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * A patient's appointments by start time (earliest first), filtered by status and a start window,
 * keyset-paginated. Throws ForbiddenError (a role that reads no patient data), RecordNotFoundError for
 * an unknown or deleted patient or one at another site. The read is audited (appointment.list).
 */
export async function listPatientAppointments(
  prisma: PrismaClient,
  principal: Principal,
  patientId: string,
  query: PatientAppointmentsQuery,
): Promise<AppointmentPage> {
  requirePermission(principal, 'patients:read');
  const { siteId } = await requirePatient(prisma, principal, patientId);
  const rows = await prisma.appointment.findMany({
    where: {
      AND: [
        { patientId },
        query.status?.length ? { status: { in: query.status } } : {},
        query.from ? { startsAt: { gte: new Date(query.from) } } : {},
        query.to ? { startsAt: { lt: new Date(query.to) } } : {},
        afterCursor(query.cursor),
      ],
    },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    take: query.limit + 1,
    select: appointmentSelect,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  await auditRead(prisma, principal, {
    action: 'appointment.list',
    entityType: 'patient',
    entityId: patientId,
    siteId,
    summary: { count: page.length },
  });
  return {
    items: page.map(toAppointmentDto),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor([last.startsAt.toISOString(), last.id]) : null,
  };
}

function afterCursor(cursor: string | undefined): Prisma.AppointmentWhereInput {
  if (cursor === undefined) return {};
  const [at, id] = decodeCursor(cursor, 2) ?? [];
  const startsAt = at === undefined ? new Date(NaN) : new Date(at);
  if (!id || !/^[0-9a-f-]{36}$/i.test(id) || !Number.isFinite(startsAt.getTime())) {
    throw new InvalidCursorError('The cursor is not one this list issued.');
  }
  return { OR: [{ startsAt: { gt: startsAt } }, { startsAt, id: { gt: id } }] };
}

/**
 * A site's appointments for one day or a range of days of its own calendar (its IANA zone: in London
 * in summer, 23:30 UTC is already the next day), ordered by start. Without `date` or `from`/`to`, today
 * in the site's zone. Patients deleted since stay out. Throws RecordNotFoundError for an unknown site
 * and OutOfScopeError (the same 404) for a site the user does not work at; audited (appointment.list).
 */
export async function listSiteAppointments(
  prisma: PrismaClient,
  principal: Principal,
  siteId: string,
  query: SiteAppointmentsQuery,
  now: Date,
): Promise<SiteAppointmentList> {
  requirePermission(principal, 'patients:read');
  requireSiteScope(principal, siteId);
  const site = await prisma.site.findUnique({
    where: { id: siteId },
    select: { id: true, name: true, timeZone: true },
  });
  if (!site) throw new RecordNotFoundError('site', siteId);
  const first = parseCalendarDate(query.date ?? query.from ?? calendarDateInZone(now, site.timeZone));
  const last = query.date ? first : query.to ? parseCalendarDate(query.to) : first;
  const rows = await prisma.appointment.findMany({
    where: {
      siteId,
      patient: { deletedAt: null },
      startsAt: {
        gte: startOfDayInZone(first, site.timeZone),
        lt: startOfDayInZone(addDays(last, 1), site.timeZone),
      },
      ...(query.status?.length ? { status: { in: query.status } } : {}),
    },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    select: appointmentSelect,
  });
  await auditRead(prisma, principal, {
    action: 'appointment.list',
    entityType: 'site',
    entityId: siteId,
    siteId,
    summary: { count: rows.length, from: first, to: last },
  });
  return { site, from: first, to: last, items: rows.map(toAppointmentDto) };
}

/** A site-scoped list of a site the user does not work at answers like an unknown site: 404. */
function requireSiteScope(principal: Principal, siteId: string): void {
  requireSiteAccess(principal, siteId, 'site', siteId);
}

/** What a calendar feed shows: no patient names, no notes (the feed leaves the app). */
export interface CalendarFeedAppointment {
  id: string;
  kind: AppointmentDto['kind'];
  status: AppointmentStatus;
  startsAt: Date;
  endsAt: Date;
  mrn: string;
  siteName: string;
  atHome: boolean;
  clinicianName: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface CalendarFeed {
  /** The site's or clinician's name, for X-WR-CALNAME. */
  name: string;
  /** The site's zone (a clinician's feed: none, events are in UTC anyway). */
  timeZone: string | null;
  appointments: CalendarFeedAppointment[];
}

/** The feed window: 30 days back (recent history) to a year ahead. */
export const CALENDAR_FEED_PAST_DAYS = 30;
export const CALENDAR_FEED_FUTURE_DAYS = 365;

const feedSelect = {
  id: true,
  kind: true,
  status: true,
  startsAt: true,
  durationMinutes: true,
  atHome: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  patient: { select: { mrn: true } },
  site: { select: { name: true } },
  clinician: { select: { name: true } },
} satisfies Prisma.AppointmentSelect;

async function feedAppointments(
  prisma: PrismaClient,
  where: Prisma.AppointmentWhereInput,
  now: Date,
): Promise<CalendarFeedAppointment[]> {
  const rows = await prisma.appointment.findMany({
    where: {
      ...where,
      patient: { deletedAt: null },
      startsAt: {
        gte: new Date(now.getTime() - CALENDAR_FEED_PAST_DAYS * DAY_MS),
        lt: new Date(now.getTime() + CALENDAR_FEED_FUTURE_DAYS * DAY_MS),
      },
    },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    select: feedSelect,
  });
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    status: row.status,
    startsAt: row.startsAt,
    endsAt: appointmentEndsAt(row.startsAt, row.durationMinutes),
    mrn: row.patient.mrn,
    siteName: row.site.name,
    atHome: row.atHome,
    clinicianName: row.clinician?.name ?? null,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }));
}

/**
 * A site's appointments for its calendar feed, read as the feed token's owner: RecordNotFoundError
 * for an unknown site, OutOfScopeError (the same 404) for a site the owner does not work at. Audited
 * (calendar_feed.read).
 */
export async function siteCalendarFeed(
  prisma: PrismaClient,
  principal: Principal,
  siteId: string,
  now: Date,
): Promise<CalendarFeed> {
  requirePermission(principal, 'patients:read');
  requireSiteScope(principal, siteId);
  const site = await prisma.site.findUnique({
    where: { id: siteId },
    select: { name: true, timeZone: true },
  });
  if (!site) throw new RecordNotFoundError('site', siteId);
  const appointments = await feedAppointments(prisma, { siteId }, now);
  await auditFeedRead(prisma, principal, { entityType: 'site', entityId: siteId, siteId }, appointments);
  return { name: site.name, timeZone: site.timeZone, appointments };
}

/**
 * A clinician's appointments for their calendar feed, at the sites the feed token's owner works at
 * only (a colleague's feed shows nothing of other sites). RecordNotFoundError for an unknown user.
 */
export async function clinicianCalendarFeed(
  prisma: PrismaClient,
  principal: Principal,
  userId: string,
  now: Date,
): Promise<CalendarFeed> {
  requirePermission(principal, 'patients:read');
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { name: true } });
  if (!user) throw new RecordNotFoundError('user', userId);
  const appointments = await feedAppointments(prisma, { clinicianId: userId, ...siteWhere(principal) }, now);
  await auditFeedRead(
    prisma,
    principal,
    { entityType: 'user', entityId: userId, siteId: null },
    appointments,
  );
  return { name: user.name, timeZone: null, appointments };
}

async function auditFeedRead(
  prisma: PrismaClient,
  principal: Principal,
  about: { entityType: string; entityId: string; siteId: string | null },
  appointments: readonly CalendarFeedAppointment[],
): Promise<void> {
  await auditRead(prisma, principal, {
    action: 'calendar_feed.read',
    ...about,
    summary: { count: appointments.length },
  });
}
