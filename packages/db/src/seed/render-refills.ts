import { type Prisma } from '../generated/prisma/client.ts';
import { decimal, type PatientRecords } from './records.ts';
import { aNurse, aPhysician, idAt, type RenderContext } from './render-context.ts';
import { type RelRefill } from './refill-event.ts';
import { type RelPump } from './therapy-timeline.ts';

const MS_PER_DAY = 86_400_000;

/** Dose program rows (with their steps and boluses) of one pump. Programs are entered by physicians. */
export function renderPrograms(
  context: RenderContext,
  pump: RelPump,
  pumpId: string,
  rows: Pick<PatientRecords, 'dosePrograms' | 'doseProgramSteps' | 'doseProgramBoluses'>,
): void {
  for (const program of pump.programs) {
    const { spec, reason, overrideReason } = program.change;
    const effectiveFrom = context.clock.instant(program.day, program.minute);
    const id = idAt(context, effectiveFrom);
    rows.dosePrograms.push({
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
    });
    for (const step of spec.steps) {
      rows.doseProgramSteps.push({
        id: idAt(context, effectiveFrom),
        programId: id,
        startMinute: step.startMinute,
        rateMcgPerHour: decimal(step.rateMcgPerHour, 4),
      });
    }
    for (const bolus of spec.boluses) {
      rows.doseProgramBoluses.push({
        id: idAt(context, effectiveFrom),
        programId: id,
        startMinute: bolus.startMinute,
        doseMcg: decimal(bolus.doseMcg, 3),
        durationMinutes: bolus.durationMinutes,
      });
    }
  }
}

/** Refill rows of one pump, with the projection snapshot computed when each was recorded. */
export function renderRefills(
  context: RenderContext,
  pump: RelPump,
  pumpId: string,
): Prisma.RefillCreateManyInput[] {
  return pump.refills.map((refill) => {
    const performedAt = context.clock.instant(refill.day, refill.minute);
    const ms = performedAt.getTime();
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
      reservoirVolumeAfterMl: decimal(refill.afterMl, 2),
      ...drugLot(context, refill),
      notes: refill.note,
      billingCodes: billingCodes(pump, refill),
      alarmAtSnapshot: new Date(Math.round(ms + refill.daysToAlarm * MS_PER_DAY)),
      emptyAtSnapshot: new Date(Math.round(ms + refill.daysToEmpty * MS_PER_DAY)),
      dueDateSnapshot: context.clock.dbDate(refill.dueDay),
      dueDateReasonSnapshot: refill.boundBy,
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
