import { type Prisma } from '../generated/prisma/client.ts';

// The columns the scheduling engine reads, selected the same way by every repository that feeds it
// (engine-inputs.ts maps them): a column the engine starts to need is added once, here.

export const pumpModelEngineSelect = {
  manufacturer: true,
  model: true,
  reservoirMl: true,
  defaultAlarmVolumeMl: true,
  batteryLifeMinYears: true,
  batteryLifeMaxYears: true,
  eriToEndOfServiceDays: true,
} satisfies Prisma.PumpModelSelect;

export const doseProgramEngineSelect = {
  id: true,
  createdAt: true,
  effectiveFrom: true,
  concentrationMcgPerMl: true,
  mode: true,
  continuousDoseMcgPerDay: true,
  ptmBolusDoseMcg: true,
  ptmMaxPerDay: true,
  ptmLockoutMinutes: true,
  reason: true,
  steps: { select: { startMinute: true, rateMcgPerHour: true, weekdays: true } },
  boluses: { select: { startMinute: true, doseMcg: true, durationMinutes: true, weekdays: true } },
} satisfies Prisma.DoseProgramSelect;

/**
 * The pump's latest interrogation (its stopping alarms and end of service reach the engine): the
 * latest by instant, the last recorded on a tie.
 */
export const latestInterrogationEngineSelect = {
  orderBy: [{ interrogatedAt: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
  take: 1,
  select: { interrogatedAt: true, batteryStatus: true, alarms: true },
} satisfies Prisma.Pump$interrogationsArgs;

/**
 * A pump's own columns the engine reads, with its model, every program and its latest interrogation
 * (engine-inputs.ts).
 */
export const pumpEngineSelect = {
  id: true,
  implantDate: true,
  alarmVolumeOverrideMl: true,
  eriReportedDate: true,
  model: { select: pumpModelEngineSelect },
  dosePrograms: { select: doseProgramEngineSelect },
  interrogations: latestInterrogationEngineSelect,
} satisfies Prisma.PumpSelect;
