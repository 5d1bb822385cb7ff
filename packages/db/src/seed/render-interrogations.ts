import { volumeAt } from '@pumpdesk/domain';
import { type BatteryStatus, type PumpAlarm, type Prisma } from '../generated/prisma/client.ts';
import { decimal } from './records.ts';
import { relativeInstant } from './refill-event.ts';
import { aNurse, aPhysician, idAt, type RenderContext } from './render-context.ts';
import { eriReportedDay, type RelPump } from './therapy-timeline.ts';

// Pump interrogations: one before every refill (the residual the pump expects), one at every review,
// the one that first showed ERI, and a post-MRI check for some SynchroMed pumps (the motor stops in
// the scanner and must be checked afterwards).

interface Reading {
  day: number;
  minute: number;
  reason: Prisma.PumpInterrogationCreateManyInput['reason'];
  byPhysician: boolean;
  notes: string | null;
}

export function renderInterrogations(
  context: RenderContext,
  pump: RelPump,
  pumpId: string,
  reviewDays: readonly number[],
  endDay: number,
): Prisma.PumpInterrogationCreateManyInput[] {
  const end = pump.explantDay ?? endDay;
  const readings: Reading[] = pump.refills
    .filter((refill) => !refill.implantFill)
    .map((refill) => ({
      day: refill.day,
      minute: refill.minute - 5,
      reason: 'refill' as const,
      byPhysician: false,
      notes: null,
    }));
  const refillDays = new Set(readings.map((reading) => reading.day));
  for (const day of reviewDays) {
    if (day > pump.implantDay && day < end && !refillDays.has(day)) {
      readings.push({ day, minute: 10 * 60 + 15, reason: 'routine', byPhysician: true, notes: null });
    }
  }
  const eriDay = eriReportedDay(pump, endDay);
  if (eriDay !== null) {
    readings.push({
      day: eriDay,
      minute: 11 * 60,
      reason: 'alarm',
      byPhysician: false,
      notes: 'Elective replacement indicator: replacement to be booked within 90 days',
    });
  }
  if (pump.model.manufacturer === 'Medtronic' && end - pump.implantDay > 120 && context.random.chance(0.04)) {
    const day = context.random.int(pump.implantDay + 60, end - 30);
    readings.push({
      day,
      minute: 15 * 60,
      reason: 'post_mri',
      byPhysician: false,
      notes: 'After MRI (lumbar spine): motor resumed, log checked, program unchanged',
    });
  }
  return readings.map((reading) => interrogationRow(context, pump, pumpId, reading, eriDay));
}

function interrogationRow(
  context: RenderContext,
  pump: RelPump,
  pumpId: string,
  reading: Reading,
  eriDay: number | null,
): Prisma.PumpInterrogationCreateManyInput {
  const at = context.clock.instant(reading.day, reading.minute);
  const volume = reservoirVolume(pump, reading.day, reading.minute);
  const eri = eriDay !== null && reading.day >= eriDay;
  const alarms: PumpAlarm[] = [];
  if (eri) alarms.push('elective_replacement');
  if (volume !== null && volume <= 0) alarms.push('empty_reservoir');
  else if (volume !== null && volume <= pump.alarmVolumeMl) alarms.push('low_reservoir');
  return {
    id: idAt(context, at),
    pumpId,
    interrogatedAt: at,
    performedById: reading.byPhysician ? aPhysician(context) : aNurse(context),
    reason: reading.reason,
    batteryStatus: batteryStatus(pump, reading.day, eri),
    eriReported: eri,
    reservoirVolumeMl: volume === null ? null : decimal(volume, 2),
    alarms,
    notes: reading.notes,
    createdAt: at,
  };
}

/** The volume the pump reports at a moment: the engine's projection from the last fill before it. */
function reservoirVolume(pump: RelPump, day: number, minute: number): number | null {
  const at = relativeInstant(day, minute);
  const before = pump.refills.filter((refill) => refill.projection.refillAt.getTime() <= at.getTime()).at(-1);
  if (!before) return null;
  return volumeAt(before.projection, at);
}

/** `low` in the last year before the battery's expected end, `eri` once it has been reported. */
function batteryStatus(pump: RelPump, day: number, eri: boolean): BatteryStatus {
  if (eri) return 'eri';
  const expectedEnd = Math.min(pump.eriAfterDays ?? Infinity, pump.model.batteryLifeMinYears * 365);
  return day - pump.implantDay >= expectedEnd - 365 ? 'low' : 'ok';
}
