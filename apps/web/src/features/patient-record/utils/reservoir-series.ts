import { type DoseProgramRecord, type PatientDetail } from '@pumpdesk/contracts';
import { type DoseProgram, projectReservoir, volumeAt } from '@pumpdesk/domain';
import { calendarDateToChartTime } from './chart-dates.ts';

const DAY_MS = 86_400_000;
/** With no empty date in sight (a stopped pump), the chart shows this long after the refill. */
const DEFAULT_SPAN_DAYS = 190;

export type ReservoirEvent = 'refill' | 'today' | 'due' | 'alarm' | 'empty';

export interface ReservoirPoint {
  at: number;
  volumeMl: number;
  /** Set on the points the table names (the refill, today, the due date, alarm, empty). */
  event: ReservoirEvent | null;
}

export interface ReservoirSeries {
  points: ReservoirPoint[];
  refillAt: number;
  alarmVolumeMl: number;
  alarmAt: number | null;
  emptyAt: number | null;
  dueAt: number | null;
  today: number;
  end: number;
}

/** A recorded program as the engine reads it. */
export function toDomainProgram(record: DoseProgramRecord): DoseProgram {
  return {
    effectiveFrom: new Date(record.effectiveFrom),
    concentrationMcgPerMl: record.concentrationMcgPerMl,
    mode: record.mode,
    continuousDoseMcgPerDay: record.continuousDoseMcgPerDay,
    steps: record.steps,
    boluses: record.boluses,
    patientBolus: record.patientBolus,
  };
}

/**
 * The reservoir volume from the last refill to empty, by the engine's projection over every program
 * in force since the refill (the same one the API's dates come from): a point every few days and one
 * at each named event. The alarm, empty and due dates are the API's. Null when nothing can be drawn
 * (no pump, no refill or no program).
 */
export function reservoirSeries(
  detail: PatientDetail,
  programs: readonly DoseProgramRecord[],
  now: number,
): ReservoirSeries | null {
  const pump = detail.currentPump;
  const lastRefill = pump?.lastRefill;
  const timeZone = detail.site.timeZone;
  if (!pump || !lastRefill) return null;
  const projection = projectReservoir({
    lastRefill: { at: new Date(lastRefill.performedAt), volumeAfterMl: lastRefill.reservoirVolumeAfterMl },
    programs: programs.filter((program) => program.pumpId === pump.id).map(toDomainProgram),
    alarmVolumeMl: pump.alarmVolumeMl,
    timeZone,
  });
  if (projection.kind !== 'projected') return null;

  const refill = detail.assessment.refill;
  const refillAt = projection.refillAt.getTime();
  const alarmAt = refill?.alarmAt ? Date.parse(refill.alarmAt) : null;
  const emptyAt = refill?.emptyAt ? Date.parse(refill.emptyAt) : null;
  const dueAt = refill?.dueDate ? calendarDateToChartTime(refill.dueDate, timeZone) : null;
  const lastEvent = Math.max(now, ...[alarmAt, emptyAt, dueAt].filter((at) => at !== null));
  const end = Math.max(lastEvent, emptyAt ?? refillAt + DEFAULT_SPAN_DAYS * DAY_MS);

  const events: [ReservoirEvent, number | null][] = [
    ['refill', refillAt],
    ['today', now],
    ['due', dueAt],
    ['alarm', alarmAt],
    ['empty', emptyAt],
  ];
  const span = Math.max(end - refillAt, DAY_MS);
  const stepMs = Math.max(DAY_MS, Math.ceil(span / 60 / DAY_MS) * DAY_MS);
  const points: ReservoirPoint[] = [];
  for (let at = refillAt; at < end; at += stepMs) points.push({ at, volumeMl: 0, event: null });
  points.push({ at: end, volumeMl: 0, event: null });
  for (const [event, at] of events) {
    if (at === null || at < refillAt) continue;
    points.push({ at, volumeMl: 0, event });
  }
  const eventTimes = new Set(points.filter((point) => point.event !== null).map((point) => point.at));
  const kept = points.filter((point) => point.event !== null || !eventTimes.has(point.at));
  kept.sort((a, b) => a.at - b.at);
  for (const point of kept) point.volumeMl = roundMl(volumeAt(projection, new Date(point.at)) ?? 0);
  return {
    points: kept,
    refillAt,
    alarmVolumeMl: pump.alarmVolumeMl,
    alarmAt,
    emptyAt,
    dueAt,
    today: now,
    end,
  };
}

function roundMl(value: number): number {
  return Math.round(value * 100) / 100;
}
