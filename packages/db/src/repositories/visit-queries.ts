import { type AshworthScore, type Visit, type VisitListPage, type VisitListQuery } from '@pumpdesk/contracts';
import { toCalendarDate } from '@pumpdesk/domain';
import { type Principal, requirePermission } from '../access/principal.ts';
import {
  type AshworthScore as DbAshworthScore,
  type Prisma,
  type PrismaClient,
} from '../generated/prisma/client.ts';
import { auditRead } from './audit.ts';
import { requirePatient } from './clinical-write-support.ts';
import { decodeCursor, encodeCursor, InvalidCursorError } from './cursor.ts';

// The Modified Ashworth scale: '1+' for people, mas_1_plus for the ordinal Postgres enum.
const ASHWORTH_TO_DB: Record<AshworthScore, DbAshworthScore> = {
  '0': 'mas_0',
  '1': 'mas_1',
  '1+': 'mas_1_plus',
  '2': 'mas_2',
  '3': 'mas_3',
  '4': 'mas_4',
};
const ASHWORTH_FROM_DB = Object.fromEntries(
  Object.entries(ASHWORTH_TO_DB).map(([score, value]) => [value, score]),
) as Record<DbAshworthScore, AshworthScore>;

export function ashworthToDb(score: AshworthScore | null): DbAshworthScore | null {
  return score === null ? null : ASHWORTH_TO_DB[score];
}

export function ashworthFromDb(value: DbAshworthScore | null): AshworthScore | null {
  return value === null ? null : ASHWORTH_FROM_DB[value];
}

export const visitSelect = {
  id: true,
  patientId: true,
  visitDate: true,
  type: true,
  clinician: { select: { id: true, name: true } },
  ashworth: true,
  pennFrequency: true,
  pennSeverity: true,
  notes: true,
  billingCodes: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.FollowUpVisitSelect;

type VisitRow = Prisma.FollowUpVisitGetPayload<{ select: typeof visitSelect }>;

export function toVisitDto(row: VisitRow): Visit {
  return {
    id: row.id,
    patientId: row.patientId,
    visitDate: toCalendarDate(row.visitDate),
    type: row.type,
    clinician: row.clinician,
    ashworth: ashworthFromDb(row.ashworth),
    pennFrequency: row.pennFrequency,
    pennSeverity: row.pennSeverity,
    notes: row.notes,
    billingCodes: row.billingCodes,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * One page of a patient's follow-up visits, newest first (visit date, then id: uuid v7, so the later
 * recorded of one day comes first). Throws ForbiddenError (a role that reads no patient data),
 * RecordNotFoundError for an unknown or deleted patient or one at another site, and InvalidCursorError
 * for a cursor this list did not issue. The read is audited (visit.list).
 */
export async function listVisits(
  prisma: PrismaClient,
  principal: Principal,
  patientId: string,
  query: VisitListQuery,
): Promise<VisitListPage> {
  requirePermission(principal, 'patients:read');
  const { siteId } = await requirePatient(prisma, principal, patientId);
  const rows = await prisma.followUpVisit.findMany({
    where: { patientId, ...beforeCursor(query.cursor) },
    orderBy: [{ visitDate: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    select: visitSelect,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  await auditRead(prisma, principal, {
    action: 'visit.list',
    entityType: 'patient',
    entityId: patientId,
    siteId,
    summary: { count: page.length },
  });
  return {
    items: page.map(toVisitDto),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor([toCalendarDate(last.visitDate), last.id]) : null,
  };
}

function beforeCursor(cursor: string | undefined): Prisma.FollowUpVisitWhereInput {
  if (cursor === undefined) return {};
  const key = decodeCursor(cursor, 2);
  const [date, id] = key ?? [];
  if (!date || !id || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new InvalidCursorError('The cursor is not one this list issued.');
  }
  const visitDate = new Date(`${date}T00:00:00.000Z`);
  return { OR: [{ visitDate: { lt: visitDate } }, { visitDate, id: { lt: id } }] };
}
