import {
  type PatientListItem,
  type PatientListPage,
  type PatientListQuery,
  type PatientSort,
} from '@pumpdesk/contracts';
import { calendarDateToUtcDate, isCalendarDate, toCalendarDate, withdrawalRisk } from '@pumpdesk/domain';
import { type Principal, requirePermission, siteWhere } from '../access/principal.ts';
import { type Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { auditRead } from './audit.ts';
import { decodeCursor, encodeCursor, InvalidCursorError } from './cursor.ts';

const patientListSelect = {
  id: true,
  mrn: true,
  givenName: true,
  familyName: true,
  dateOfBirth: true,
  sex: true,
  diagnosis: true,
  status: true,
  createdAt: true,
  highRisk: true,
  injuryAtOrAboveT6: true,
  cannotCommunicate: true,
  site: { select: { id: true, name: true } },
  responsiblePhysician: { select: { id: true, name: true } },
  pumps: {
    where: { status: 'implanted' },
    orderBy: { implantDate: 'desc' },
    take: 1,
    select: {
      id: true,
      serialNumber: true,
      implantDate: true,
      // The due date the worklist table holds (pump_schedules, refreshed with every write).
      schedule: { select: { refillDueDate: true } },
      model: { select: { manufacturer: true, model: true, reservoirMl: true } },
    },
  },
} satisfies Prisma.PatientSelect;

type PatientListRow = Prisma.PatientGetPayload<{ select: typeof patientListSelect }>;

/**
 * One page of patients in the requested order (family name, given name by default; the id breaks
 * ties). Soft-deleted patients never appear, nor patients at sites the principal does not work at (a
 * siteId filter outside them finds nothing). `q` matches an MRN prefix or part of either name,
 * case-insensitively. The cursor carries the sort and order it was issued for. Audited as
 * patient.list (the count only).
 */
export async function listPatients(
  prisma: PrismaClient,
  principal: Principal,
  query: PatientListQuery,
): Promise<PatientListPage> {
  requirePermission(principal, 'patients:read');
  const keys = SORT_KEYS[query.sort];
  const rows = await prisma.patient.findMany({
    where: { AND: [siteWhere(principal), patientFilter(query), afterCursor(query)] },
    orderBy: keys.map((key) => ({ [key.field]: query.order })),
    take: query.limit + 1,
    select: patientListSelect,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  await auditRead(prisma, principal, {
    action: 'patient.list',
    entityType: 'patient',
    entityId: null,
    siteId: null,
    summary: { count: page.length },
  });
  return {
    items: page.map(toListItem),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor([cursorTag(query), ...keys.map((key) => cursorValue(key, last))])
        : null,
  };
}

function patientFilter(query: PatientListQuery): Prisma.PatientWhereInput {
  const q = query.q?.trim();
  const filters: Prisma.PatientWhereInput[] = [{ deletedAt: null }];
  if (query.siteId) filters.push({ siteId: query.siteId });
  if (query.status?.length) filters.push({ status: { in: query.status } });
  if (query.physicianId) filters.push({ responsiblePhysicianId: query.physicianId });
  if (query.diagnosis?.length) filters.push({ diagnosis: { in: query.diagnosis } });
  // The same rule as the domain's withdrawalRisk (and the items' highRisk): the flag or a risk factor.
  if (query.highRisk === true) {
    filters.push({ OR: [{ highRisk: true }, { injuryAtOrAboveT6: true }, { cannotCommunicate: true }] });
  }
  if (query.highRisk === false) {
    filters.push({ highRisk: false, injuryAtOrAboveT6: false, cannotCommunicate: false });
  }
  if (query.hasPump !== undefined) {
    const implanted = { status: 'implanted' } satisfies Prisma.PumpWhereInput;
    filters.push({ pumps: query.hasPump ? { some: implanted } : { none: implanted } });
  }
  if (q) {
    filters.push({
      OR: [
        { mrn: { startsWith: q, mode: 'insensitive' } },
        { familyName: { contains: q, mode: 'insensitive' } },
        { givenName: { contains: q, mode: 'insensitive' } },
      ],
    });
  }
  return { AND: filters };
}

// ─── Sorting and the keyset cursor ──────────────────────────────────────────────────────────────

type SortField = 'familyName' | 'givenName' | 'mrn' | 'dateOfBirth' | 'createdAt' | 'id';
/** How a key travels in a cursor: text as is, a date as YYYY-MM-DD, an instant as ISO, an id as uuid. */
interface SortKey {
  field: SortField;
  kind: 'text' | 'date' | 'instant' | 'uuid';
}

const ID_KEY: SortKey = { field: 'id', kind: 'uuid' };
const SORT_KEYS: Record<PatientSort, readonly SortKey[]> = {
  name: [{ field: 'familyName', kind: 'text' }, { field: 'givenName', kind: 'text' }, ID_KEY],
  mrn: [{ field: 'mrn', kind: 'text' }, ID_KEY],
  dateOfBirth: [{ field: 'dateOfBirth', kind: 'date' }, ID_KEY],
  createdAt: [{ field: 'createdAt', kind: 'instant' }, ID_KEY],
};

/** The cursor's first part: a cursor issued for another sort or order is refused, never misread. */
function cursorTag(query: Pick<PatientListQuery, 'sort' | 'order'>): string {
  return `${query.sort}:${query.order}`;
}

function cursorValue(key: SortKey, row: PatientListRow): string {
  const value = row[key.field];
  if (value instanceof Date) return key.kind === 'date' ? toCalendarDate(value) : value.toISOString();
  return value;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A cursor part back to the column's value, or null when it cannot be one (a forged cursor). */
function parseCursorValue(key: SortKey, text: string): string | Date | null {
  switch (key.kind) {
    case 'text':
      return text;
    case 'uuid':
      return UUID_PATTERN.test(text) ? text : null;
    case 'date':
      return isCalendarDate(text) ? calendarDateToUtcDate(text) : null;
    case 'instant': {
      const instant = new Date(text);
      return INSTANT_PATTERN.test(text) && Number.isFinite(instant.getTime()) ? instant : null;
    }
  }
}

/** Rows after the cursor's row in the sort order: (k1 > v1) or (k1 = v1 and k2 > v2) or ... */
function afterCursor(query: PatientListQuery): Prisma.PatientWhereInput {
  if (query.cursor === undefined) return {};
  const keys = SORT_KEYS[query.sort];
  const parts = decodeCursor(query.cursor, keys.length + 1);
  const values = parts?.slice(1).map((text, index) => parseCursorValue(keys[index] as SortKey, text));
  if (!parts || parts[0] !== cursorTag(query) || !values || values.some((value) => value === null)) {
    throw new InvalidCursorError('The cursor is not one this list issued for this sort and order.');
  }
  const op = query.order === 'asc' ? 'gt' : 'lt';
  return {
    OR: keys.map((key, index) => ({
      ...Object.fromEntries(keys.slice(0, index).map((equal, i) => [equal.field, values[i]])),
      [key.field]: { [op]: values[index] },
    })),
  };
}

/** The identifying fields every patient shape of the API starts with. */
export function toPatientIdentity(
  row: Pick<
    PatientListRow,
    'id' | 'mrn' | 'givenName' | 'familyName' | 'dateOfBirth' | 'sex' | 'diagnosis' | 'status'
  >,
): Pick<
  PatientListItem,
  'id' | 'mrn' | 'givenName' | 'familyName' | 'dateOfBirth' | 'sex' | 'diagnosis' | 'status'
> {
  return {
    id: row.id,
    mrn: row.mrn,
    givenName: row.givenName,
    familyName: row.familyName,
    dateOfBirth: toCalendarDate(row.dateOfBirth),
    sex: row.sex,
    diagnosis: row.diagnosis,
    status: row.status,
  };
}

function toListItem(row: PatientListRow): PatientListItem {
  const pump = row.pumps[0];
  return {
    ...toPatientIdentity(row),
    highRisk: withdrawalRisk(row).highRisk,
    site: row.site,
    responsiblePhysician: row.responsiblePhysician,
    currentPump: pump
      ? {
          id: pump.id,
          manufacturer: pump.model.manufacturer,
          model: pump.model.model,
          reservoirMl: pump.model.reservoirMl.toNumber(),
          serialNumber: pump.serialNumber,
          implantDate: toCalendarDate(pump.implantDate),
          refillDueDate: pump.schedule?.refillDueDate ? toCalendarDate(pump.schedule.refillDueDate) : null,
        }
      : null,
  };
}
