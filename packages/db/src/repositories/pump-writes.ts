import {
  type Interrogation,
  type interrogationInputSchema,
  type Pump,
  type pumpExplantInputSchema,
  type pumpImplantInputSchema,
  type pumpReplaceInputSchema,
} from '@pumpdesk/contracts';
import {
  type CalendarDate,
  calendarDateInZone,
  calendarDateToUtcDate,
  compareCalendarDates,
  parseCalendarDate,
  toCalendarDate,
} from '@pumpdesk/domain';
import { type z } from 'zod';
import { type Principal, requirePermission, requireSiteAccess } from '../access/principal.ts';
import { decimalToNumber } from '../assessment/engine-inputs.ts';
import { type PatientStatus, type ExplantReason } from '../generated/prisma/enums.ts';
import { type Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { refreshPumpSchedules } from '../schedule/refresh-pump-schedules.ts';
import { recordAudit } from './audit.ts';
import {
  databaseConstraintOf,
  DomainConflictError,
  FieldRuleError,
  type FieldViolation,
  InvalidReferenceError,
  pumpNotImplanted,
  RecordNotFoundError,
  VersionConflictError,
} from './errors.ts';
import { readInterrogation, requirePump } from './pump-queries.ts';

// The pump's life: implant, interrogation, explant, replacement. Each write is one transaction with
// its audit event and the refresh of the patient's computed dates. Every write first locks the
// patient's row, so two writes on the same patient's pumps run one after the other and the checks
// below ("no implanted pump yet", "still implanted") hold when the write lands; the partial unique
// index (one implanted pump per patient) stays the last line of defence, mapped to the same 409.
// Access: the principal's role first (pumps:write, interrogations:write), then, once the patient is
// locked and read, its site (OutOfScopeError, a 404), before anything is written.

type Tx = Prisma.TransactionClient;
type PumpImplantInput = z.output<typeof pumpImplantInputSchema>;
type InterrogationInput = z.output<typeof interrogationInputSchema>;
type PumpExplantInput = z.output<typeof pumpExplantInputSchema>;
type PumpReplaceInput = z.output<typeof pumpReplaceInputSchema>;

/**
 * Device and workstation clocks drift: an interrogation stamped a few minutes ahead of the server is
 * "now", not the future.
 */
const CLOCK_SKEW_MS = 5 * 60_000;

// ─── Patient status decisions ────────────────────────────────────────────────────────────────────

/**
 * An implant starts the therapy: a candidate, a trial patient or a patient whose earlier pump came
 * out becomes active. Inactive and transferred stay as the clinician set them (they are a choice
 * about the patient, not a fact about the pump); deceased patients are refused before this.
 */
export function patientStatusAfterImplant(status: PatientStatus): PatientStatus {
  return status === 'candidate' || status === 'trial' || status === 'explanted' ? 'active' : status;
}

/**
 * After an explant the patient has no implanted pump left (one per patient). Only reasons that end
 * the therapy move the status: therapy stopped or the patient's request make an active or inactive
 * patient `explanted`; a post-mortem explant records the death (`deceased`). Every other reason
 * (battery, infection, malfunction, catheter...) expects a new pump, so the status stays.
 */
export function patientStatusAfterExplant(reason: ExplantReason, status: PatientStatus): PatientStatus {
  if (reason === 'deceased') return 'deceased';
  if (
    (reason === 'therapy_stopped' || reason === 'patient_request') &&
    (status === 'active' || status === 'inactive')
  ) {
    return 'explanted';
  }
  return status;
}

// ─── Shared steps ────────────────────────────────────────────────────────────────────────────────

/**
 * Locks the (undeleted) patient's row for the transaction and reads what the checks need; throws
 * OutOfScopeError (as `scope`, the record the request named) when the principal does not work at the
 * patient's site.
 */
async function lockPatient(
  tx: Tx,
  principal: Principal,
  patientId: string,
  scope: { entity: string; id: string } = { entity: 'patient', id: patientId },
) {
  await tx.$queryRaw`SELECT id FROM patients WHERE id = ${patientId}::uuid FOR UPDATE`;
  const patient = await tx.patient.findFirst({
    where: { id: patientId, deletedAt: null },
    select: {
      id: true,
      status: true,
      dateOfBirth: true,
      siteId: true,
      site: { select: { timeZone: true } },
    },
  });
  if (!patient) throw new RecordNotFoundError(scope.entity, scope.id);
  requireSiteAccess(principal, patient.siteId, scope.entity, scope.id);
  return patient;
}

/** The pump's patient, locked (and its site checked), then the pump re-read under the lock. */
async function lockPumpAndPatient(tx: Tx, principal: Principal, pumpId: string) {
  const owner = await tx.pump.findFirst({
    where: { id: pumpId, patient: { deletedAt: null } },
    select: { patientId: true },
  });
  if (!owner) throw new RecordNotFoundError('pump', pumpId);
  const patient = await lockPatient(tx, principal, owner.patientId, { entity: 'pump', id: pumpId });
  const pump = await tx.pump.findUniqueOrThrow({
    where: { id: pumpId },
    select: {
      id: true,
      patientId: true,
      status: true,
      version: true,
      implantDate: true,
      eriReportedDate: true,
      catheterId: true,
      catheter: { select: { id: true, status: true, implantDate: true } },
      model: { select: { reservoirMl: true } },
    },
  });
  return { patient, pump, timeZone: patient.site.timeZone, siteId: patient.siteId };
}

const notImplanted = (pumpId: string) => pumpNotImplanted(pumpId, 'interrogation, explant or replacement');

/** Day `date` must not be after today in the site's zone. */
function notInFuture(errors: FieldViolation[], path: string, date: CalendarDate, today: CalendarDate) {
  if (compareCalendarDates(date, today) > 0) {
    errors.push({
      path,
      message: `is after today (${today}) in the site's time zone`,
      code: 'in_future',
    });
  }
}

function notBefore(
  errors: FieldViolation[],
  path: string,
  date: CalendarDate,
  limit: CalendarDate,
  what: string,
  code: string,
) {
  if (compareCalendarDates(date, limit) < 0)
    errors.push({ path, message: `is before ${what} (${limit})`, code });
}

/** The model a new pump is of: it must exist and be active; the override below its reservoir. */
async function checkNewPump(
  tx: Tx,
  input: { modelId: string; serialNumber: string; alarmVolumeOverrideMl: number | null },
  paths: { modelId: string; serialNumber: string; alarmVolumeOverrideMl: string },
  errors: FieldViolation[],
) {
  const model = await tx.pumpModel.findUnique({
    where: { id: input.modelId },
    select: { active: true, reservoirMl: true },
  });
  if (!model?.active) {
    throw new InvalidReferenceError(
      paths.modelId,
      `No active pump model with id ${input.modelId}.`,
      'is not an active pump model',
    );
  }
  const reservoirMl = decimalToNumber(model.reservoirMl);
  if (input.alarmVolumeOverrideMl !== null && input.alarmVolumeOverrideMl >= reservoirMl) {
    errors.push({
      path: paths.alarmVolumeOverrideMl,
      message: `must be below the model's reservoir (${String(reservoirMl)} mL)`,
      code: 'too_big',
    });
  }
  if (errors.length > 0) throw new FieldRuleError(errors);
  await checkSerialFree(tx, input.modelId, input.serialNumber, paths.serialNumber);
}

async function checkSerialFree(db: Tx | PrismaClient, modelId: string, serialNumber: string, path: string) {
  const taken = await db.pump.findUnique({
    where: { modelId_serialNumber: { modelId, serialNumber } },
    select: { id: true },
  });
  if (taken) throw serialTaken(serialNumber, path);
}

const serialTaken = (serialNumber: string, path: string) =>
  new DomainConflictError(
    'SERIAL_TAKEN',
    `A pump of this model with serial number ${serialNumber} is already on record.`,
    [{ path, message: 'is already on record for this model', code: 'serial_taken' }],
  );

/**
 * A unique violation that slipped past the checks (a concurrent write by another path): which rule it
 * was, re-read after the transaction rolled back, so the client gets the same 409 as the check gives.
 */
async function explainUniqueViolation(
  prisma: PrismaClient,
  error: unknown,
  /** The patient an implant was for (a replacement keeps its old pump implanted until it commits). */
  implantFor: string | null,
  newPump: { modelId: string; serialNumber: string },
  serialPath: string,
): Promise<unknown> {
  if (databaseConstraintOf(error) !== 'unique') return error;
  if (implantFor !== null) {
    const implanted = await prisma.pump.findFirst({
      where: { patientId: implantFor, status: 'implanted' },
      select: { id: true },
    });
    if (implanted) return alreadyImplanted(implanted.id);
  }
  try {
    await checkSerialFree(prisma, newPump.modelId, newPump.serialNumber, serialPath);
  } catch (refusal) {
    return refusal;
  }
  return error;
}

const alreadyImplanted = (pumpId: string) =>
  new DomainConflictError(
    'PUMP_ALREADY_IMPLANTED',
    `The patient already has an implanted pump (${pumpId}); record a replacement instead.`,
  );

async function updatePatientStatus(tx: Tx, patientId: string, from: PatientStatus, to: PatientStatus) {
  if (from === to) return null;
  await tx.patient.update({ where: { id: patientId }, data: { status: to, version: { increment: 1 } } });
  return { from, to };
}

/** The old pump, closed, guarded by the version the client read. */
async function closePump(
  tx: Tx,
  pump: { id: string; version: number },
  expectedVersion: number,
  data: { explantDate: CalendarDate; explantReason: ExplantReason; explantNote: string | null },
) {
  const updated = await tx.pump.updateMany({
    where: { id: pump.id, version: expectedVersion, status: 'implanted' },
    data: {
      status: 'explanted',
      explantDate: calendarDateToUtcDate(data.explantDate),
      explantReason: data.explantReason,
      explantNote: data.explantNote,
      version: { increment: 1 },
    },
  });
  if (updated.count === 0) throw new VersionConflictError('The pump', pump.version);
}

// ─── Implant ─────────────────────────────────────────────────────────────────────────────────────

/**
 * Implants a pump in a patient who has none implanted, on an in-use catheter of theirs or a new one.
 * Answers the pump as the contract shows it.
 */
export async function implantPump(
  prisma: PrismaClient,
  principal: Principal,
  input: { patientId: string; body: PumpImplantInput; now: Date },
): Promise<Pump> {
  requirePermission(principal, 'pumps:write');
  const { body, patientId } = input;
  try {
    return await prisma.$transaction(async (tx) => {
      const patient = await lockPatient(tx, principal, patientId);
      if (patient.status === 'deceased') {
        throw new DomainConflictError('PATIENT_DECEASED', 'The patient is recorded as deceased.');
      }
      const implanted = await tx.pump.findFirst({
        where: { patientId, status: 'implanted' },
        select: { id: true },
      });
      if (implanted) throw alreadyImplanted(implanted.id);

      const today = calendarDateInZone(input.now, patient.site.timeZone);
      const birth = toCalendarDate(patient.dateOfBirth);
      const implantDate = parseCalendarDate(body.implantDate);
      const errors: FieldViolation[] = [];
      notInFuture(errors, 'body.implantDate', implantDate, today);
      notBefore(errors, 'body.implantDate', implantDate, birth, 'the date of birth', 'before_birth');
      const lastExplant = await tx.pump.findFirst({
        where: { patientId, explantDate: { not: null } },
        orderBy: { explantDate: 'desc' },
        select: { explantDate: true },
      });
      if (lastExplant?.explantDate) {
        const previous = toCalendarDate(lastExplant.explantDate);
        notBefore(
          errors,
          'body.implantDate',
          implantDate,
          previous,
          'the previous pump’s explant',
          'before_previous_explant',
        );
      }

      const { catheter } = body;
      if ('catheterId' in catheter) {
        const existing = await tx.catheter.findFirst({
          where: { id: catheter.catheterId, patientId, status: 'in_use' },
          select: { implantDate: true },
        });
        if (!existing) {
          throw new InvalidReferenceError(
            'body.catheter.catheterId',
            `No in-use catheter of this patient with id ${catheter.catheterId}.`,
            'is not an in-use catheter of this patient',
          );
        }
        const catheterDate = toCalendarDate(existing.implantDate);
        notBefore(
          errors,
          'body.implantDate',
          implantDate,
          catheterDate,
          'the catheter’s implant',
          'before_catheter',
        );
      } else {
        const catheterDate = parseCalendarDate(catheter.implantDate);
        notInFuture(errors, 'body.catheter.implantDate', catheterDate, today);
        notBefore(
          errors,
          'body.catheter.implantDate',
          catheterDate,
          birth,
          'the date of birth',
          'before_birth',
        );
        if (compareCalendarDates(catheterDate, implantDate) > 0) {
          errors.push({
            path: 'body.catheter.implantDate',
            message: `is after the pump's implant date (${implantDate})`,
            code: 'after_pump_implant',
          });
        }
      }
      // Throws the field errors gathered so far, then checks the serial number.
      await checkNewPump(tx, body, newPumpPaths('body'), errors);

      const newCatheter = !('catheterId' in catheter);
      const catheterId =
        'catheterId' in catheter
          ? catheter.catheterId
          : (
              await tx.catheter.create({
                data: {
                  patientId,
                  implantDate: calendarDateToUtcDate(parseCalendarDate(catheter.implantDate)),
                  tipLevel: catheter.tipLevel,
                  notes: catheter.notes,
                },
                select: { id: true },
              })
            ).id;
      const pump = await tx.pump.create({
        data: {
          patientId,
          modelId: body.modelId,
          catheterId,
          serialNumber: body.serialNumber,
          implantDate: calendarDateToUtcDate(implantDate),
          alarmVolumeOverrideMl: body.alarmVolumeOverrideMl,
        },
        select: { id: true },
      });
      const patientStatus = await updatePatientStatus(
        tx,
        patientId,
        patient.status,
        patientStatusAfterImplant(patient.status),
      );
      await recordAudit(tx, principal, {
        action: 'pump.implant',
        entityType: 'pump',
        entityId: pump.id,
        outcome: 'success',
        siteId: patient.siteId,
        summary: {
          patientId,
          modelId: body.modelId,
          catheterId,
          newCatheter,
          fields: Object.keys(body),
          ...(patientStatus ? { patientStatus } : {}),
        },
      });
      await refreshPumpSchedules(tx, [patientId]);
      return await requirePump(tx, pump.id);
    });
  } catch (error) {
    throw await explainUniqueViolation(prisma, error, patientId, body, 'body.serialNumber');
  }
}

const newPumpPaths = (prefix: string) => ({
  modelId: `${prefix}.modelId`,
  serialNumber: `${prefix}.serialNumber`,
  alarmVolumeOverrideMl: `${prefix}.alarmVolumeOverrideMl`,
});

// ─── Interrogation ───────────────────────────────────────────────────────────────────────────────

/**
 * Records what the programmer read from an implanted pump. The first interrogation showing ERI (end of
 * service included: the contract's eriReported) dates the pump's `eri_reported_date` (in the site's
 * zone); an earlier one entered later moves it back, because the battery's end of service counts from
 * the first day the pump reported it. The refresh below gives the engine the new latest interrogation:
 * its stopping alarms (motor stall, critical error, empty reservoir, end of service) make the refill
 * critical, and end of service dates the battery's end. The principal is who performed it.
 */
export async function recordInterrogation(
  prisma: PrismaClient,
  principal: Principal,
  input: { pumpId: string; body: InterrogationInput; now: Date },
): Promise<{ interrogation: Interrogation; pump: Pump }> {
  requirePermission(principal, 'interrogations:write');
  const { body } = input;
  return prisma.$transaction(async (tx) => {
    const { pump, timeZone, siteId } = await lockPumpAndPatient(tx, principal, input.pumpId);
    if (pump.status !== 'implanted') throw notImplanted(pump.id);

    const interrogatedAt = new Date(body.interrogatedAt);
    const day = calendarDateInZone(interrogatedAt, timeZone);
    const errors: FieldViolation[] = [];
    if (interrogatedAt.getTime() > input.now.getTime() + CLOCK_SKEW_MS) {
      errors.push({ path: 'body.interrogatedAt', message: 'is in the future', code: 'in_future' });
    }
    notBefore(
      errors,
      'body.interrogatedAt',
      day,
      toCalendarDate(pump.implantDate),
      'the pump’s implant',
      'before_implant',
    );
    const reservoirMl = decimalToNumber(pump.model.reservoirMl);
    if (body.reservoirVolumeMl !== null && body.reservoirVolumeMl > reservoirMl) {
      errors.push({
        path: 'body.reservoirVolumeMl',
        message: `is more than the reservoir holds (${String(reservoirMl)} mL)`,
        code: 'too_big',
      });
    }
    if (errors.length > 0) throw new FieldRuleError(errors);

    const created = await tx.pumpInterrogation.create({
      data: {
        pumpId: pump.id,
        interrogatedAt,
        performedById: principal.userId,
        reason: body.reason,
        batteryStatus: body.batteryStatus,
        eriReported: body.eriReported,
        reservoirVolumeMl: body.reservoirVolumeMl,
        alarms: body.alarms,
        notes: body.notes,
      },
      select: { id: true },
    });
    const previousEri = pump.eriReportedDate ? toCalendarDate(pump.eriReportedDate) : null;
    const eriDateSet =
      body.eriReported && (previousEri === null || compareCalendarDates(day, previousEri) < 0);
    if (eriDateSet) {
      await tx.pump.update({
        where: { id: pump.id },
        data: { eriReportedDate: calendarDateToUtcDate(day), version: { increment: 1 } },
      });
    }
    await recordAudit(tx, principal, {
      action: 'pump.interrogation',
      entityType: 'pump',
      entityId: pump.id,
      outcome: 'success',
      siteId,
      summary: {
        patientId: pump.patientId,
        interrogationId: created.id,
        batteryStatus: body.batteryStatus,
        eriReported: body.eriReported,
        fields: Object.keys(body),
        ...(eriDateSet ? { eriReportedDate: { from: previousEri, to: day } } : {}),
      },
    });
    await refreshPumpSchedules(tx, [pump.patientId]);
    return {
      interrogation: await readInterrogation(tx, created.id),
      pump: await requirePump(tx, pump.id),
    };
  });
}

// ─── Explant ─────────────────────────────────────────────────────────────────────────────────────

/**
 * Closes an implanted pump (and its catheter when it came out too). The patient's status follows
 * {@link patientStatusAfterExplant}. A stale `version` throws VersionConflictError: nothing written.
 */
export async function explantPump(
  prisma: PrismaClient,
  principal: Principal,
  input: { pumpId: string; body: PumpExplantInput; now: Date },
): Promise<Pump> {
  requirePermission(principal, 'pumps:write');
  const { body } = input;
  return prisma.$transaction(async (tx) => {
    const { patient, pump, timeZone } = await lockPumpAndPatient(tx, principal, input.pumpId);
    if (pump.version !== body.version) throw new VersionConflictError('The pump', pump.version);
    if (pump.status !== 'implanted') throw notImplanted(pump.id);

    const explantDate = parseCalendarDate(body.explantDate);
    const errors = await explantDateErrors(
      tx,
      'body.explantDate',
      explantDate,
      pump,
      timeZone,
      calendarDateInZone(input.now, timeZone),
    );
    const catheter = body.catheterRemoved ? pump.catheter : null;
    if (body.catheterRemoved && !catheter) {
      errors.push({
        path: 'body.catheterRemoved',
        message: 'the pump has no catheter on record',
        code: 'no_catheter',
      });
    }
    if (catheter?.status === 'removed') {
      errors.push({
        path: 'body.catheterRemoved',
        message: 'the catheter is already removed',
        code: 'already_removed',
      });
    }
    if (catheter) {
      notBefore(
        errors,
        'body.explantDate',
        explantDate,
        toCalendarDate(catheter.implantDate),
        'the catheter’s implant',
        'before_catheter',
      );
    }
    if (errors.length > 0) throw new FieldRuleError(errors);

    await closePump(tx, pump, body.version, {
      explantDate,
      explantReason: body.reason,
      explantNote: body.note,
    });
    if (catheter) {
      await tx.catheter.update({
        where: { id: catheter.id },
        data: {
          status: 'removed',
          removedDate: calendarDateToUtcDate(explantDate),
          version: { increment: 1 },
        },
      });
    }
    const patientStatus = await updatePatientStatus(
      tx,
      pump.patientId,
      patient.status,
      patientStatusAfterExplant(body.reason, patient.status),
    );
    await recordAudit(tx, principal, {
      action: 'pump.explant',
      entityType: 'pump',
      entityId: pump.id,
      outcome: 'success',
      siteId: patient.siteId,
      summary: {
        patientId: pump.patientId,
        reason: body.reason,
        version: pump.version + 1,
        fields: Object.keys(body),
        ...(catheter ? { catheterRemoved: catheter.id } : {}),
        ...(patientStatus ? { patientStatus } : {}),
      },
    });
    await refreshPumpSchedules(tx, [pump.patientId]);
    return await requirePump(tx, pump.id);
  });
}

/**
 * An explant (or replacement) date must not be in the future, before the implant, nor before the day
 * (site calendar) of the pump's latest refill, interrogation or program start: those records say the
 * pump was still in the patient then, and a backdated explant would leave them on a pump already out
 * (and start a replacement's battery too early).
 */
async function explantDateErrors(
  tx: Tx,
  path: string,
  date: CalendarDate,
  pump: { id: string; implantDate: Date },
  timeZone: string,
  today: CalendarDate,
): Promise<FieldViolation[]> {
  const errors: FieldViolation[] = [];
  notInFuture(errors, path, date, today);
  notBefore(errors, path, date, toCalendarDate(pump.implantDate), 'the pump’s implant', 'before_implant');
  const [refill, interrogation, program] = await Promise.all([
    tx.refill.findFirst({
      where: { pumpId: pump.id },
      orderBy: [{ performedAt: 'desc' }, { id: 'desc' }],
      select: { id: true, performedAt: true },
    }),
    tx.pumpInterrogation.findFirst({
      where: { pumpId: pump.id },
      orderBy: [{ interrogatedAt: 'desc' }, { id: 'desc' }],
      select: { id: true, interrogatedAt: true },
    }),
    tx.doseProgram.findFirst({
      where: { pumpId: pump.id },
      orderBy: [{ effectiveFrom: 'desc' }, { id: 'desc' }],
      select: { id: true, effectiveFrom: true },
    }),
  ]);
  const later: [Date | undefined, string, string][] = [
    [refill?.performedAt, `the pump’s last refill (${refill?.id ?? ''}) on`, 'before_last_refill'],
    [
      interrogation?.interrogatedAt,
      `the pump’s last interrogation (${interrogation?.id ?? ''}) on`,
      'before_last_interrogation',
    ],
    [
      program?.effectiveFrom,
      `the start of the pump’s latest dose program (${program?.id ?? ''}) on`,
      'before_program_start',
    ],
  ];
  for (const [instant, what, code] of later) {
    if (instant) notBefore(errors, path, date, calendarDateInZone(instant, timeZone), what, code);
  }
  return errors;
}

// ─── Replacement ─────────────────────────────────────────────────────────────────────────────────

/**
 * Replaces an implanted pump in one transaction: the old one is explanted on `replacementDate` and
 * the new one implanted that day on the same catheter. Dose programs and refills belong to a pump,
 * so nothing carries over: the new pump needs its program and first fill recorded, and until then
 * the engine says NO_PROGRAM / NO_REFILL, which is the truth. The patient's status does not change.
 */
export async function replacePump(
  prisma: PrismaClient,
  principal: Principal,
  input: { pumpId: string; body: PumpReplaceInput; now: Date },
): Promise<{ explanted: Pump; implanted: Pump }> {
  requirePermission(principal, 'pumps:write');
  const { body } = input;
  try {
    return await prisma.$transaction(async (tx) => {
      const { pump, timeZone, siteId } = await lockPumpAndPatient(tx, principal, input.pumpId);
      if (pump.version !== body.version) throw new VersionConflictError('The pump', pump.version);
      if (pump.status !== 'implanted') throw notImplanted(pump.id);

      const replacementDate = parseCalendarDate(body.replacementDate);
      const errors = await explantDateErrors(
        tx,
        'body.replacementDate',
        replacementDate,
        pump,
        timeZone,
        calendarDateInZone(input.now, timeZone),
      );
      await checkNewPump(tx, body.newPump, newPumpPaths('body.newPump'), errors);

      await closePump(tx, pump, body.version, {
        explantDate: replacementDate,
        explantReason: body.explantReason,
        explantNote: body.note,
      });
      const created = await tx.pump.create({
        data: {
          patientId: pump.patientId,
          modelId: body.newPump.modelId,
          catheterId: pump.catheterId,
          serialNumber: body.newPump.serialNumber,
          implantDate: calendarDateToUtcDate(replacementDate),
          alarmVolumeOverrideMl: body.newPump.alarmVolumeOverrideMl,
        },
        select: { id: true },
      });
      await recordAudit(tx, principal, {
        action: 'pump.replace',
        entityType: 'pump',
        entityId: created.id,
        outcome: 'success',
        siteId,
        summary: {
          patientId: pump.patientId,
          explantedPumpId: pump.id,
          implantedPumpId: created.id,
          catheterId: pump.catheterId,
          explantReason: body.explantReason,
          modelId: body.newPump.modelId,
          fields: Object.keys(body),
        },
      });
      await refreshPumpSchedules(tx, [pump.patientId]);
      return {
        explanted: await requirePump(tx, pump.id),
        implanted: await requirePump(tx, created.id),
      };
    });
  } catch (error) {
    throw await explainUniqueViolation(prisma, error, null, body.newPump, 'body.newPump.serialNumber');
  }
}
