import {
  type Catheter,
  type Interrogation,
  type InterrogationListQuery,
  type InterrogationPage,
  type Pump,
  type PumpDetail,
  type PumpModel,
} from '@pumpdesk/contracts';
import { toCalendarDate } from '@pumpdesk/domain';
import { decimalToNumber } from '../assessment/engine-inputs.ts';
import { type Principal, requirePermission, requireSiteAccess } from '../access/principal.ts';
import { type Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { auditRead } from './audit.ts';
import { decodeCursor, encodeCursor, InvalidCursorError } from './cursor.ts';
import { pumpModelEngineSelect } from './engine-selects.ts';

// Reads of pumps, their catalogue, catheters and interrogations, mapped to the API contract. The
// writes (pump-writes.ts) answer with the same shapes, read back through these selects. Every read of
// a patient's pumps needs patients:read and the patient's site, and is audited once per request.

type Db = PrismaClient | Prisma.TransactionClient;

/** A model as the catalogue shows it: its id and the columns the engine reads. */
export const pumpModelSelect = { id: true, ...pumpModelEngineSelect } satisfies Prisma.PumpModelSelect;

const catheterSelect = {
  id: true,
  implantDate: true,
  tipLevel: true,
  status: true,
  removedDate: true,
  notes: true,
  version: true,
} satisfies Prisma.CatheterSelect;

export const pumpSelect = {
  id: true,
  patientId: true,
  status: true,
  serialNumber: true,
  implantDate: true,
  explantDate: true,
  explantReason: true,
  explantNote: true,
  alarmVolumeOverrideMl: true,
  eriReportedDate: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  model: { select: pumpModelSelect },
  catheter: { select: catheterSelect },
} satisfies Prisma.PumpSelect;

const interrogationSelect = {
  id: true,
  pumpId: true,
  interrogatedAt: true,
  performedBy: { select: { id: true, name: true } },
  reason: true,
  batteryStatus: true,
  eriReported: true,
  reservoirVolumeMl: true,
  alarms: true,
  notes: true,
  createdAt: true,
} satisfies Prisma.PumpInterrogationSelect;

type PumpModelRow = Prisma.PumpModelGetPayload<{ select: typeof pumpModelSelect }>;
type CatheterRow = Prisma.CatheterGetPayload<{ select: typeof catheterSelect }>;
type PumpRow = Prisma.PumpGetPayload<{ select: typeof pumpSelect }>;
type InterrogationRow = Prisma.PumpInterrogationGetPayload<{ select: typeof interrogationSelect }>;

const dateOrNull = (value: Date | null) => (value ? toCalendarDate(value) : null);

export function toPumpModelDto(row: PumpModelRow): PumpModel {
  return {
    id: row.id,
    manufacturer: row.manufacturer,
    model: row.model,
    reservoirMl: decimalToNumber(row.reservoirMl),
    defaultAlarmVolumeMl: decimalToNumber(row.defaultAlarmVolumeMl),
    batteryLifeMinYears: decimalToNumber(row.batteryLifeMinYears),
    batteryLifeMaxYears: decimalToNumber(row.batteryLifeMaxYears),
    eriToEndOfServiceDays: row.eriToEndOfServiceDays,
  };
}

function toCatheterDto(row: CatheterRow): Catheter {
  return {
    id: row.id,
    implantDate: toCalendarDate(row.implantDate),
    tipLevel: row.tipLevel,
    status: row.status,
    removedDate: dateOrNull(row.removedDate),
    notes: row.notes,
    version: row.version,
  };
}

export function toPumpDto(row: PumpRow): Pump {
  const model = toPumpModelDto(row.model);
  const override = row.alarmVolumeOverrideMl === null ? null : decimalToNumber(row.alarmVolumeOverrideMl);
  return {
    id: row.id,
    patientId: row.patientId,
    status: row.status,
    serialNumber: row.serialNumber,
    implantDate: toCalendarDate(row.implantDate),
    explantDate: dateOrNull(row.explantDate),
    explantReason: row.explantReason,
    explantNote: row.explantNote,
    alarmVolumeOverrideMl: override,
    alarmVolumeMl: override ?? model.defaultAlarmVolumeMl,
    eriReportedDate: dateOrNull(row.eriReportedDate),
    model,
    catheter: row.catheter ? toCatheterDto(row.catheter) : null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toInterrogationDto(row: InterrogationRow): Interrogation {
  return {
    id: row.id,
    pumpId: row.pumpId,
    interrogatedAt: row.interrogatedAt.toISOString(),
    performedBy: row.performedBy,
    reason: row.reason,
    batteryStatus: row.batteryStatus,
    eriReported: row.eriReported,
    reservoirVolumeMl: row.reservoirVolumeMl === null ? null : decimalToNumber(row.reservoirVolumeMl),
    alarms: row.alarms,
    notes: row.notes,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * The pump models a clinician can implant today (inactive models stay for the pumps that have them).
 * A catalogue, no patient data: every signed-in role may read it, so it takes no principal.
 */
export async function listActivePumpModels(prisma: PrismaClient): Promise<PumpModel[]> {
  const rows = await prisma.pumpModel.findMany({
    where: { active: true },
    orderBy: [{ manufacturer: 'asc' }, { model: 'asc' }, { reservoirMl: 'asc' }],
    select: pumpModelSelect,
  });
  return rows.map(toPumpModelDto);
}

/**
 * Every pump of a patient, newest implant first; null when there is no such (undeleted) patient.
 * Audited as pump.list.
 */
export async function listPatientPumps(
  prisma: PrismaClient,
  principal: Principal,
  patientId: string,
): Promise<Pump[] | null> {
  requirePermission(principal, 'patients:read');
  const patient = await prisma.patient.findFirst({
    where: { id: patientId, deletedAt: null },
    select: {
      siteId: true,
      pumps: {
        // The id (uuid v7) breaks ties: a replacement explants and implants on the same day.
        orderBy: [{ implantDate: 'desc' }, { id: 'desc' }],
        select: pumpSelect,
      },
    },
  });
  if (!patient) return null;
  requireSiteAccess(principal, patient.siteId, 'patient', patientId);
  const pumps = patient.pumps.map(toPumpDto);
  await auditRead(prisma, principal, {
    action: 'pump.list',
    entityType: 'patient',
    entityId: patientId,
    siteId: patient.siteId,
    summary: { count: pumps.length },
  });
  return pumps;
}

/** A pump a write just wrote, read back in its transaction. */
export async function requirePump(db: Db, pumpId: string): Promise<Pump> {
  return toPumpDto(await db.pump.findUniqueOrThrow({ where: { id: pumpId }, select: pumpSelect }));
}

/** One pump with its model, catheter and last interrogation; null when not found. Audited as pump.read. */
export async function getPumpDetail(
  prisma: PrismaClient,
  principal: Principal,
  pumpId: string,
): Promise<PumpDetail | null> {
  requirePermission(principal, 'patients:read');
  const row = await prisma.pump.findFirst({
    where: { id: pumpId, patient: { deletedAt: null } },
    select: {
      ...pumpSelect,
      patient: { select: { siteId: true } },
      interrogations: {
        orderBy: [{ interrogatedAt: 'desc' }, { id: 'desc' }],
        take: 1,
        select: interrogationSelect,
      },
    },
  });
  if (!row) return null;
  requireSiteAccess(principal, row.patient.siteId, 'pump', pumpId);
  const last = row.interrogations[0];
  const detail = { ...toPumpDto(row), lastInterrogation: last ? toInterrogationDto(last) : null };
  await auditRead(prisma, principal, {
    action: 'pump.read',
    entityType: 'pump',
    entityId: pumpId,
    siteId: row.patient.siteId,
    summary: { patientId: row.patientId },
  });
  return detail;
}

export async function readInterrogation(db: Db, id: string): Promise<Interrogation> {
  return toInterrogationDto(
    await db.pumpInterrogation.findUniqueOrThrow({ where: { id }, select: interrogationSelect }),
  );
}

/**
 * A pump's interrogations, newest first, keyset-paginated on (interrogatedAt, id); null when there is
 * no such pump. Throws InvalidCursorError for a cursor this list did not issue. Audited as
 * interrogation.list.
 */
export async function listInterrogations(
  prisma: PrismaClient,
  principal: Principal,
  pumpId: string,
  query: InterrogationListQuery,
): Promise<InterrogationPage | null> {
  requirePermission(principal, 'patients:read');
  const after = afterCursor(query.cursor);
  const pump = await prisma.pump.findFirst({
    where: { id: pumpId, patient: { deletedAt: null } },
    select: { id: true, patient: { select: { siteId: true } } },
  });
  if (!pump) return null;
  requireSiteAccess(principal, pump.patient.siteId, 'pump', pumpId);
  const rows = await prisma.pumpInterrogation.findMany({
    where: { pumpId, ...after },
    orderBy: [{ interrogatedAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    select: interrogationSelect,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  await auditRead(prisma, principal, {
    action: 'interrogation.list',
    entityType: 'pump',
    entityId: pumpId,
    siteId: pump.patient.siteId,
    summary: { count: page.length },
  });
  return {
    items: page.map(toInterrogationDto),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor([last.interrogatedAt.toISOString(), last.id]) : null,
  };
}

function afterCursor(cursor: string | undefined): Prisma.PumpInterrogationWhereInput {
  if (cursor === undefined) return {};
  const key = decodeCursor(cursor, 2);
  const at = key ? new Date(key[0] as string) : null;
  const id = key?.[1];
  if (!at || !Number.isFinite(at.getTime()) || !id || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new InvalidCursorError('The cursor is not one this list issued.');
  }
  return { OR: [{ interrogatedAt: { lt: at } }, { interrogatedAt: at, id: { lt: id } }] };
}
