import { type PatientListItem, type PatientListPage, type PatientListQuery } from '@pumpdesk/contracts';
import { toCalendarDate, withdrawalRisk } from '@pumpdesk/domain';
import { type Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
}

const patientListSelect = {
  id: true,
  mrn: true,
  givenName: true,
  familyName: true,
  dateOfBirth: true,
  sex: true,
  diagnosis: true,
  status: true,
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
      refillDueDate: true,
      model: { select: { manufacturer: true, model: true, reservoirMl: true } },
    },
  },
} satisfies Prisma.PatientSelect;

type PatientListRow = Prisma.PatientGetPayload<{ select: typeof patientListSelect }>;

/**
 * One page of patients, sorted by family name, given name, id. Soft-deleted patients never appear.
 * `q` matches an MRN prefix or part of either name, case-insensitively.
 */
export async function listPatients(prisma: PrismaClient, query: PatientListQuery): Promise<PatientListPage> {
  const rows = await prisma.patient.findMany({
    where: { AND: [patientFilter(query), afterCursor(query.cursor)] },
    orderBy: [{ familyName: 'asc' }, { givenName: 'asc' }, { id: 'asc' }],
    take: query.limit + 1,
    select: patientListSelect,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toListItem),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor([last.familyName, last.givenName, last.id]) : null,
  };
}

function patientFilter(query: PatientListQuery): Prisma.PatientWhereInput {
  const q = query.q?.trim();
  return {
    deletedAt: null,
    ...(query.siteId ? { siteId: query.siteId } : {}),
    ...(query.status?.length ? { status: { in: query.status } } : {}),
    ...(q
      ? {
          OR: [
            { mrn: { startsWith: q, mode: 'insensitive' } },
            { familyName: { contains: q, mode: 'insensitive' } },
            { givenName: { contains: q, mode: 'insensitive' } },
          ],
        }
      : {}),
  };
}

function afterCursor(cursor: string | undefined): Prisma.PatientWhereInput {
  if (cursor === undefined) return {};
  const key = decodeCursor(cursor, 3);
  if (!key) throw new InvalidCursorError('The cursor is not one this list issued.');
  const [familyName, givenName, id] = key as [string, string, string];
  return {
    OR: [
      { familyName: { gt: familyName } },
      { familyName, givenName: { gt: givenName } },
      { familyName, givenName, id: { gt: id } },
    ],
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
          refillDueDate: pump.refillDueDate ? toCalendarDate(pump.refillDueDate) : null,
        }
      : null,
  };
}
