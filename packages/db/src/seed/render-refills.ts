import {
  calendarDateToUtcDate,
  type DoseProgram,
  projectReservoir,
  refillDueDate,
  type RefillDueDate,
  type RefillPoint,
  withdrawalRisk,
} from '@pumpdesk/domain';
import { toDoseProgram, toRefillPoint } from '../assessment/engine-inputs.ts';
import { type Prisma } from '../generated/prisma/client.ts';
import { DEMO_CLINIC_SETTINGS } from './clinic-plan.ts';
import { decimal, type PatientRecords } from './records.ts';
import { aNurse, aPhysician, idAt, type RenderContext } from './render-context.ts';
import { type RelRefill } from './refill-event.ts';
import { type RelPump } from './therapy-timeline.ts';

/**
 * Dose program rows (with their steps and boluses) of one pump, entered by physicians. Returns the
 * programs as the engine reads them back from those rows (`toDoseProgram`, which also validates them).
 */
export function renderPrograms(
  context: RenderContext,
  pump: RelPump,
  pumpId: string,
  rows: Pick<PatientRecords, 'dosePrograms' | 'doseProgramSteps' | 'doseProgramBoluses'>,
): DoseProgram[] {
  return pump.programs.map((program) => {
    const { spec, reason, overrideReason } = program.change;
    const effectiveFrom = context.clock.instant(program.day, program.minute);
    const id = idAt(context, effectiveFrom);
    const row: Prisma.DoseProgramCreateManyInput = {
      id,
      pumpId,
      effectiveFrom,
      concentrationMcgPerMl: decimal(spec.concentration, 2),
      mode: spec.mode,
      continuousDoseMcgPerDay: spec.mode === 'simple_continuous' ? decimal(spec.baseDoseMcg, 3) : null,
      ptmBolusDoseMcg: spec.ptm ? decimal(spec.ptm.doseMcg, 3) : null,
      ptmMaxPerDay: spec.ptm?.maxPerDay ?? null,
      ptmLockoutMinutes: spec.ptm?.lockoutMinutes ?? null,
      dailyDoseMcg: decimal(spec.dailyDoseMcg, 3),
      programmedById: aPhysician(context),
      reason,
      titrationOverride: overrideReason !== null,
      titrationOverrideReason: overrideReason,
      createdAt: effectiveFrom,
    };
    const steps = spec.steps.map((step): Prisma.DoseProgramStepCreateManyInput => ({
      id: idAt(context, effectiveFrom),
      programId: id,
      startMinute: step.startMinute,
      rateMcgPerHour: decimal(step.rateMcgPerHour, 4),
    }));
    const boluses = spec.boluses.map((bolus): Prisma.DoseProgramBolusCreateManyInput => ({
      id: idAt(context, effectiveFrom),
      programId: id,
      startMinute: bolus.startMinute,
      doseMcg: decimal(bolus.doseMcg, 3),
      durationMinutes: bolus.durationMinutes,
    }));
    rows.dosePrograms.push(row);
    rows.doseProgramSteps.push(...steps);
    rows.doseProgramBoluses.push(...boluses);
    return toDoseProgram(row, steps, boluses);
  });
}

/** The engine's projection from a refill: alarm and empty instants and the due date. */
export interface EngineProjection {
  alarmAt: Date | null;
  emptyAt: Date | null;
  due: RefillDueDate;
}

/**
 * What the engine projects from `refill` with `programs` on record, as `assessPatient` does for the
 * pump (projectReservoir, then refillDueDate with the patient's margin and the clinic's settings), in
 * the site's zone.
 */
function projectFromRefill(
  context: RenderContext,
  refill: RefillPoint,
  programs: readonly DoseProgram[],
  alarmVolumeMl: number,
): EngineProjection {
  const timeZone = context.clock.timeZone;
  const projection = projectReservoir({ lastRefill: refill, programs, alarmVolumeMl, timeZone });
  if (projection.kind !== 'projected') throw new Error('A pump with a refill and a program always projects');
  const due = refillDueDate(projection, {
    highRisk: withdrawalRisk(context.profile).highRisk,
    settings: DEMO_CLINIC_SETTINGS.refill,
    timeZone,
  });
  return { alarmAt: projection.alarmAt, emptyAt: projection.emptyAt, due };
}

/**
 * Refill rows of one pump, each with the snapshot the engine computed when it was recorded: the
 * projection from that refill over the programs on record at that moment (effective at or before it;
 * in the demo, programs only change at refills).
 */
export function renderRefills(
  context: RenderContext,
  pump: RelPump,
  pumpId: string,
  programs: readonly DoseProgram[],
  alarmVolumeMl: number,
): Prisma.RefillCreateManyInput[] {
  return pump.refills.map((refill) => {
    const performedAt = context.clock.instant(refill.day, refill.minute);
    const afterMl = decimal(refill.afterMl, 2);
    const onRecord = programs.filter((program) => program.effectiveFrom.getTime() <= performedAt.getTime());
    const snapshot = projectFromRefill(
      context,
      toRefillPoint({ performedAt, reservoirVolumeAfterMl: afterMl }),
      onRecord,
      alarmVolumeMl,
    );
    return {
      id: idAt(context, performedAt),
      pumpId,
      performedAt,
      performedById: aNurse(context),
      location: refill.home ? 'home' : 'clinic',
      expectedResidualMl: decimal(refill.expectedResidualMl, 2),
      withdrawnVolumeMl: decimal(refill.withdrawnMl, 2),
      concentrationMcgPerMl: decimal(refill.spec.concentration, 2),
      volumeFilledMl: decimal(refill.filledMl, 2),
      reservoirVolumeAfterMl: afterMl,
      ...drugLot(context, refill),
      notes: refill.note,
      billingCodes: billingCodes(pump, refill),
      alarmAtSnapshot: snapshot.alarmAt,
      emptyAtSnapshot: snapshot.emptyAt,
      dueDateSnapshot: calendarDateToUtcDate(snapshot.due.dueDate),
      dueDateReasonSnapshot: snapshot.due.boundBy,
      createdAt: performedAt,
      updatedAt: performedAt,
    };
  });
}

/** A manufacturer-style lot number and an expiry 6–18 months after the refill. */
function drugLot(context: RenderContext, refill: RelRefill): { drugLot: string; drugExpiry: Date } {
  const { random, clock } = context;
  const date = clock.date(refill.day);
  const lot = `BAC${date.slice(2, 4)}${date.slice(5, 7)}-${String(random.int(100, 999))}${random.pick(['A', 'B', 'C'])}`;
  return { drugLot: lot, drugExpiry: clock.dbDate(refill.day + random.int(180, 540)) };
}

/** CPT 62369: analysis, reprogramming and refill; 95990: refill and maintenance only. */
function billingCodes(pump: RelPump, refill: RelRefill): string[] {
  if (refill.implantFill) return [];
  const reprogrammed = pump.programs.some(
    (program) => program.day === refill.day && program.minute === refill.minute,
  );
  return reprogrammed ? ['62369'] : ['95990'];
}
