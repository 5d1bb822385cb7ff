import { type ClinicSettings, pumpSchedule, type PumpSchedule } from '@pumpdesk/domain';
import {
  reviewDatesOf,
  toAppointmentSlot,
  toImplantedPumpFactsFromRows,
  toWithdrawalRiskFactors,
} from '../assessment/engine-inputs.ts';
import { type Prisma } from '../generated/prisma/client.ts';
import { pumpEngineSelect } from '../repositories/engine-selects.ts';
import { readClinicSettings } from '../repositories/settings-repository.ts';
import { insertPumpSchedules, type PumpScheduleRow } from './insert-pump-schedules.ts';

// The worklist table (pump_schedules) is derived data: one row per implanted pump of a patient in
// care, computed by the domain's pumpSchedule from the patient's records and the clinic's settings.
// Every write that can move a date calls refreshPumpSchedules inside its own transaction, so the table
// changes exactly when the records do; a settings change rebuilds every row in its transaction.

/** Patients whose pump the clinic no longer looks after: no worklist row. */
const OUT_OF_CARE = ['deceased', 'transferred'] as const;

const scheduleSelect = {
  id: true,
  siteId: true,
  responsiblePhysicianId: true,
  highRisk: true,
  injuryAtOrAboveT6: true,
  cannotCommunicate: true,
  site: { select: { timeZone: true } },
  pumps: {
    where: { status: 'implanted' },
    take: 1,
    select: {
      ...pumpEngineSelect,
      refills: {
        orderBy: [{ performedAt: 'desc' }, { createdAt: 'desc' }],
        take: 1,
        select: { performedAt: true, reservoirVolumeAfterMl: true },
      },
    },
  },
  followUpVisits: { select: { visitDate: true, type: true } },
  appointments: {
    where: { kind: 'refill', status: 'booked' },
    select: { kind: true, status: true, startsAt: true },
  },
} satisfies Prisma.PatientSelect;

type ScheduleSourceRow = Prisma.PatientGetPayload<{ select: typeof scheduleSelect }>;

const inCare = { deletedAt: null, status: { notIn: [...OUT_OF_CARE] } } satisfies Prisma.PatientWhereInput;

/**
 * Recomputes the worklist row of each of these patients from their records, inside the caller's
 * transaction: every clinical write that can move a date (refill, program, pump, interrogation,
 * visit, appointment, patient risk flags, site, physician, status, soft delete) calls it after writing.
 * A patient without an implanted pump, deleted or out of care ends up with no row.
 */
export async function refreshPumpSchedules(
  tx: Prisma.TransactionClient,
  patientIds: readonly string[],
): Promise<void> {
  const ids = [...new Set(patientIds)].sort();
  if (ids.length === 0) return;
  await lockForRefresh(tx, ids);
  const settings = await readClinicSettings(tx);
  const rows = await tx.patient.findMany({ where: { id: { in: ids }, ...inCare }, select: scheduleSelect });
  await tx.pumpSchedule.deleteMany({ where: { patientId: { in: ids } } });
  await insertPumpSchedules(
    tx,
    rows.flatMap((row) => scheduleRowOf(row, settings)),
  );
}

/**
 * Rebuilds the whole table inside the caller's transaction (a settings change moves every date; the
 * demo loader fills it after a bulk insert). Works through the patients in id order, `batchSize` at a
 * time, so memory stays flat at any caseload. Returns the number of rows written.
 */
export async function rebuildPumpSchedules(
  tx: Prisma.TransactionClient,
  options: { batchSize?: number } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  const settings = await readClinicSettings(tx);
  await tx.$executeRaw`DELETE FROM pump_schedules`;
  let written = 0;
  let after: string | null = null;
  for (;;) {
    const rows: ScheduleSourceRow[] = await tx.patient.findMany({
      where: { ...inCare, pumps: { some: { status: 'implanted' } }, ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: 'asc' },
      take: batchSize,
      select: scheduleSelect,
    });
    if (rows.length === 0) return written;
    const schedules = rows.flatMap((row) => scheduleRowOf(row, settings));
    await insertPumpSchedules(tx, schedules);
    written += schedules.length;
    after = rows.at(-1)?.id ?? null;
  }
}

/**
 * Serialises the refreshes of one patient, and each refresh with a settings change: the settings row
 * is read FOR SHARE (a settings update waits, or is waited for) and the patients' rows are locked in id
 * order (the order every write takes them, so no deadlock). Without it, two writes for the same
 * patient at once (a visit and a dose change) could each compute the row without the other's record,
 * and the later commit would leave a stale row. The reads after the lock see every committed write.
 */
async function lockForRefresh(tx: Prisma.TransactionClient, patientIds: readonly string[]): Promise<void> {
  await tx.$queryRaw`SELECT id FROM organisation WHERE id = 1 FOR SHARE`;
  await tx.$queryRaw`SELECT id FROM patients WHERE id = ANY(${[...patientIds]}::uuid[]) ORDER BY id FOR UPDATE`;
}

function scheduleRowOf(row: ScheduleSourceRow, settings: ClinicSettings): PumpScheduleRow[] {
  const pump = row.pumps[0];
  if (!pump) return [];
  const schedule: PumpSchedule = pumpSchedule({
    timeZone: row.site.timeZone,
    settings,
    patient: toWithdrawalRiskFactors(row),
    pump: toImplantedPumpFactsFromRows(pump),
    reviewDates: reviewDatesOf(row.followUpVisits),
    appointments: row.appointments.map(toAppointmentSlot),
  });
  return [
    {
      pumpId: pump.id,
      patientId: row.id,
      siteId: row.siteId,
      responsiblePhysicianId: row.responsiblePhysicianId,
      schedule,
    },
  ];
}
