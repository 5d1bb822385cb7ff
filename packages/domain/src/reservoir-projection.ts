import { zoneOffsetMs } from './calendar-date.ts';
import { type DoseProgram } from './dose-program.ts';
import {
  compileWeeklyProfile,
  deliveredBefore,
  deliveredBetween,
  minuteWhenDelivered,
  MINUTES_PER_DAY,
  MINUTES_PER_WEEK,
  type WeeklyProfile,
} from './weekly-profile.ts';

// The reservoir from the last refill onwards (docs/domain.md, "Refill math"): the volume at any
// instant, the alarm instant (volume reaches the alarm volume) and the empty instant, integrated over
// every program in force since the refill, including changes between refills and programs that start
// later. See docs/decisions/004-reservoir-projection.md for the clock the schedules run on.

const MS_PER_MINUTE = 60_000;
/** Beyond this, an alarm or empty instant is "not in any foreseeable future" (and beyond Date's range). */
export const PROJECTION_HORIZON_DAYS = 36_500;

/** The refill the projection starts from. */
export interface RefillPoint {
  at: Date;
  /** Volume in the reservoir after the fill (mL). */
  volumeAfterMl: number;
}

export interface ReservoirProjectionInput {
  /** The pump's last refill; null when none is on record. */
  lastRefill: RefillPoint | null;
  /** The pump's programs, any order (the history; later ones may not have started yet). */
  programs: readonly DoseProgram[];
  /** Low-reservoir alarm volume (mL): the pump's override, else the model's default. */
  alarmVolumeMl: number;
  /** The clinic's IANA zone: the pump clock's weekday and time of day follow it. */
  timeZone: string;
}

/** One program's stretch of the projection. */
export interface ProjectionSegment {
  from: Date;
  /** Null for the last segment: it runs on. */
  to: Date | null;
  program: DoseProgram;
  /** mL per week delivered by this program (0: the pump is stopped). */
  weeklyVolumeMl: number;
}

export type ReservoirProjection =
  | { kind: 'unknown'; reason: 'no_refill' | 'no_program' }
  | {
      kind: 'projected';
      refillAt: Date;
      volumeAfterMl: number;
      alarmVolumeMl: number;
      /** First instant the volume is at or below the alarm volume; null if never (stopped) or beyond the horizon. */
      alarmAt: Date | null;
      /** First instant the reservoir is empty; null if never or beyond the horizon. */
      emptyAt: Date | null;
      /** Start of the last segment when its program delivers nothing (the pump stays stopped). */
      stoppedFrom: Date | null;
      segments: readonly ProjectionSegment[];
    };
export type ProjectedReservoir = Extract<ReservoirProjection, { kind: 'projected' }>;

interface CompiledSegment extends ProjectionSegment {
  profile: WeeklyProfile;
  /** Week minute of `from` on the pump clock. */
  startMinute: number;
}

// Compiled profiles are cached per projection result, so volumeAt does not rebuild them.
const compiledSegments = new WeakMap<ProjectedReservoir, readonly CompiledSegment[]>();

/**
 * Projects the reservoir from the last refill. The program in force at the refill is the latest one
 * that took effect at or before it; when every program starts after the refill (a pump filled before
 * its first program was entered), the first program is assumed to run from the refill: the earlier,
 * safer dates. Patient-activated boluses count at their daily maximum (conservative).
 */
export function projectReservoir(input: ReservoirProjectionInput): ReservoirProjection {
  const { lastRefill } = input;
  if (!lastRefill) return { kind: 'unknown', reason: 'no_refill' };
  const segments = compileSegments(lastRefill.at, input.programs, input.timeZone);
  const last = segments.at(-1);
  if (!last) return { kind: 'unknown', reason: 'no_program' };
  const volumeAfterMl = Math.max(0, lastRefill.volumeAfterMl);
  const result: ProjectedReservoir = {
    kind: 'projected',
    refillAt: lastRefill.at,
    volumeAfterMl,
    alarmVolumeMl: input.alarmVolumeMl,
    alarmAt: instantWhenDelivered(segments, volumeAfterMl - input.alarmVolumeMl),
    emptyAt: instantWhenDelivered(segments, volumeAfterMl),
    stoppedFrom: last.weeklyVolumeMl > 0 ? null : last.from,
    segments: segments.map(({ from, to, program, weeklyVolumeMl }) => ({
      from,
      to,
      program,
      weeklyVolumeMl,
    })),
  };
  compiledSegments.set(result, segments);
  return result;
}

/**
 * The projected volume (mL) at `instant`, never below 0; null before the refill the projection
 * starts from (the projection says nothing about the earlier fill).
 */
export function volumeAt(projection: ProjectedReservoir, instant: Date): number | null {
  const at = instant.getTime();
  if (!Number.isFinite(at) || at < projection.refillAt.getTime()) return null;
  const segments = compiledSegments.get(projection) ?? [];
  let delivered = 0;
  for (const segment of segments) {
    if (at < segment.from.getTime()) break;
    const to = segment.to?.getTime() ?? Infinity;
    // A whole earlier segment is [from, to): a bolus at its end belongs to the next one.
    delivered += at >= to ? mlBetween(segment, to, false) : mlBetween(segment, at, true);
  }
  return Math.max(0, projection.volumeAfterMl - delivered);
}

/** The program in force at `instant` according to the projection, or null before the refill. */
export function segmentAt(projection: ProjectedReservoir, instant: Date): ProjectionSegment | null {
  const at = instant.getTime();
  if (at < projection.refillAt.getTime()) return null;
  return (
    projection.segments.findLast((segment) => segment.from.getTime() <= at) ?? projection.segments[0] ?? null
  );
}

function compileSegments(
  refillAt: Date,
  programs: readonly DoseProgram[],
  timeZone: string,
): CompiledSegment[] {
  const sorted = [...programs].sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime());
  const refillMs = refillAt.getTime();
  const inForce = sorted.findLast((program) => program.effectiveFrom.getTime() <= refillMs) ?? sorted[0];
  if (!inForce) return [];
  const later = sorted.filter((program) => program !== inForce && program.effectiveFrom.getTime() > refillMs);
  const starts = [
    { program: inForce, from: refillMs },
    ...later.map((program) => ({ program, from: program.effectiveFrom.getTime() })),
  ];
  // Two programs taking effect at the same instant: the one listed last is the one in force.
  const distinct = starts.filter((start, i) => starts[i + 1]?.from !== start.from);
  return distinct.map(({ program, from }, i): CompiledSegment => {
    const next = distinct[i + 1];
    const profile = compileWeeklyProfile(program);
    return {
      from: new Date(from),
      to: next ? new Date(next.from) : null,
      program,
      weeklyVolumeMl: profile.weekTotal / program.concentrationMcgPerMl,
      profile,
      startMinute: pumpClockMinuteOfWeek(from, timeZone),
    };
  });
}

/**
 * The week minute (Monday 00:00 = 0) of `ms` on the pump clock. The clinician programmer sets the
 * pump's clock to local time at each session, and the pump keeps that offset until the next one: the
 * clock of a segment is the zone's offset at the segment's start (decision 004).
 */
function pumpClockMinuteOfWeek(ms: number, timeZone: string): number {
  const localMinutes = (ms + zoneOffsetMs(new Date(ms), timeZone)) / MS_PER_MINUTE;
  // 1970-01-01 was a Thursday, the fourth day of an ISO week.
  const minute = (localMinutes + 3 * MINUTES_PER_DAY) % MINUTES_PER_WEEK;
  return minute < 0 ? minute + MINUTES_PER_WEEK : minute;
}

/**
 * mL the segment delivers from its start (a bolus at that instant included) to `toMs`, a bolus at `toMs`
 * included or not: segments are [from, to), so the next segment counts a bolus at their meeting point.
 */
function mlBetween(segment: CompiledSegment, toMs: number, includeEnd: boolean): number {
  const end = segment.startMinute + (toMs - segment.from.getTime()) / MS_PER_MINUTE;
  const delivered = includeEnd
    ? deliveredBetween(segment.profile, segment.startMinute, end)
    : Math.max(
        0,
        deliveredBefore(segment.profile, end) - deliveredBefore(segment.profile, segment.startMinute),
      );
  return delivered / segment.program.concentrationMcgPerMl;
}

/** The first instant by which `volumeMl` has left the reservoir; the refill itself when ≤ 0. */
function instantWhenDelivered(segments: readonly CompiledSegment[], volumeMl: number): Date | null {
  const first = segments[0];
  if (!first) return null;
  if (!(volumeMl > 0)) return first.from;
  const horizon = first.from.getTime() + PROJECTION_HORIZON_DAYS * MINUTES_PER_DAY * MS_PER_MINUTE;
  let remaining = volumeMl;
  for (const segment of segments) {
    const fromMs = segment.from.getTime();
    const toMs = segment.to?.getTime() ?? null;
    if (toMs !== null) {
      const deliveredMl = mlBetween(segment, toMs, false);
      // The same slack as minuteWhenDelivered: a segment that delivers the volume to within a
      // billionth has reached it.
      if (deliveredMl < remaining - Math.max(1e-12, remaining * 1e-12)) {
        remaining -= deliveredMl;
        continue;
      }
    }
    const minute = minuteWhenDelivered(
      segment.profile,
      segment.startMinute,
      remaining * segment.program.concentrationMcgPerMl,
    );
    if (minute === null) return null;
    // Rounded up to the millisecond (ignoring float noise below a microsecond): at the returned
    // instant the volume has reached the target, even when the refill was not on a whole millisecond.
    const ms = Math.ceil(fromMs + (minute - segment.startMinute) * MS_PER_MINUTE - 0.001);
    const clamped = toMs === null ? ms : Math.min(ms, toMs);
    return clamped > horizon ? null : new Date(clamped);
  }
  return null;
}
