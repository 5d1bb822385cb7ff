import { appliesOn, type DoseSchedule, WEEKDAYS } from './dose-program.ts';

// A schedule's delivery over one week of the pump's clock, as pieces of constant rate plus
// instantaneous boluses. Every schedule repeats weekly, so the amount delivered between any two
// moments, and the moment a given amount has been delivered, follow from one week's cumulative sums:
// a projection over months costs a handful of array lookups, not a walk day by day.

export const MINUTES_PER_DAY = 1440;
export const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

/** Delivery over a week: minute 0 is Monday 00:00 on the pump clock. */
export interface WeeklyProfile {
  /** Piece i runs from starts[i] to starts[i + 1] (the last to MINUTES_PER_WEEK); starts[0] = 0. */
  readonly starts: readonly number[];
  /** mcg per minute during piece i. */
  readonly rates: readonly number[];
  /** mcg delivered at the instant starts[i] (a bolus with no duration), 0 for most pieces. */
  readonly impulses: readonly number[];
  /** mcg delivered in [0, starts[i]), impulses at starts[i] excluded. */
  readonly before: readonly number[];
  /** mcg delivered per week. */
  readonly weekTotal: number;
}

interface RateSpan {
  from: number;
  to: number;
  rate: number;
}

/**
 * Compiles a schedule into its weekly profile. Flex steps run until the next applicable step starts,
 * wrapping past midnight into the next day (and past Sunday into Monday); a day with no step of its
 * own continues the previous day's last step. Patient-activated boluses are counted at their daily
 * maximum, spread evenly over the day (the conservative convention of docs/domain.md).
 */
export function compileWeeklyProfile(schedule: DoseSchedule): WeeklyProfile {
  const spans: RateSpan[] = [...basalSpans(schedule), ...bolusSpans(schedule)];
  const impulses = new Map<number, number>();
  for (const weekday of WEEKDAYS) {
    for (const bolus of schedule.boluses) {
      if (bolus.durationMinutes > 0 || !appliesOn(bolus, weekday)) continue;
      const minute = (weekday - 1) * MINUTES_PER_DAY + bolus.startMinute;
      impulses.set(minute, (impulses.get(minute) ?? 0) + bolus.doseMcg);
    }
  }
  const cuts = new Set<number>([0, ...impulses.keys()]);
  for (const span of spans) cuts.add(span.from).add(span.to);
  const starts = [...cuts].filter((minute) => minute < MINUTES_PER_WEEK).sort((a, b) => a - b);
  const rates = starts.map((start) =>
    spans.reduce((sum, span) => (span.from <= start && start < span.to ? sum + span.rate : sum), 0),
  );
  const pieceImpulses = starts.map((start) => impulses.get(start) ?? 0);
  const before: number[] = [];
  let total = 0;
  starts.forEach((start, i) => {
    before.push(total);
    const end = starts[i + 1] ?? MINUTES_PER_WEEK;
    total += (pieceImpulses[i] ?? 0) + (rates[i] ?? 0) * (end - start);
  });
  return { starts, rates, impulses: pieceImpulses, before, weekTotal: total };
}

/** The basal rate (continuous dose, flex steps, patient boluses at their maximum) as week spans. */
function basalSpans(schedule: DoseSchedule): RateSpan[] {
  const spans: RateSpan[] = [];
  const patientRate = schedule.patientBolus
    ? (schedule.patientBolus.doseMcg * schedule.patientBolus.maxPerDay) / MINUTES_PER_DAY
    : 0;
  const continuousRate = (schedule.continuousDoseMcgPerDay ?? 0) / MINUTES_PER_DAY;
  if (patientRate + continuousRate > 0) {
    spans.push({ from: 0, to: MINUTES_PER_WEEK, rate: patientRate + continuousRate });
  }
  const events = WEEKDAYS.flatMap((weekday) =>
    schedule.steps
      .filter((step) => appliesOn(step, weekday))
      .map((step) => ({
        minute: (weekday - 1) * MINUTES_PER_DAY + step.startMinute,
        rate: step.rateMcgPerHour / 60,
      })),
  ).sort((a, b) => a.minute - b.minute);
  const last = events.at(-1);
  if (!last) return spans;
  // Before the week's first step, the last step of the previous week (Sunday night) is running.
  if ((events[0]?.minute ?? 0) > 0) spans.push({ from: 0, to: events[0]?.minute ?? 0, rate: last.rate });
  events.forEach((event, i) => {
    spans.push({ from: event.minute, to: events[i + 1]?.minute ?? MINUTES_PER_WEEK, rate: event.rate });
  });
  return spans;
}

/** Scheduled boluses with a duration: their dose spread over it (split where it wraps the week). */
function bolusSpans(schedule: DoseSchedule): RateSpan[] {
  return WEEKDAYS.flatMap((weekday) =>
    schedule.boluses
      .filter((bolus) => bolus.durationMinutes > 0 && appliesOn(bolus, weekday))
      .flatMap((bolus) => {
        const from = (weekday - 1) * MINUTES_PER_DAY + bolus.startMinute;
        const to = from + bolus.durationMinutes;
        const rate = bolus.doseMcg / bolus.durationMinutes;
        if (to <= MINUTES_PER_WEEK) return [{ from, to, rate }];
        return [
          { from, to: MINUTES_PER_WEEK, rate },
          { from: 0, to: to - MINUTES_PER_WEEK, rate },
        ];
      }),
  );
}

/** Index of the piece containing `minute` (0 ≤ minute < MINUTES_PER_WEEK): the last start ≤ minute. */
function pieceAt(profile: WeeklyProfile, minute: number): number {
  let low = 0;
  let high = profile.starts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if ((profile.starts[middle] ?? 0) <= minute) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * mcg delivered from week minute 0 up to and including `minute` (any real ≥ 0, counting on into
 * later weeks). A bolus is counted at the minute it is given.
 */
export function deliveredBy(profile: WeeklyProfile, minute: number): number {
  return cumulative(profile, minute, true);
}

/** mcg delivered from week minute 0 up to `minute`, a bolus given at that very minute excluded. */
export function deliveredBefore(profile: WeeklyProfile, minute: number): number {
  return cumulative(profile, minute, false);
}

function cumulative(profile: WeeklyProfile, minute: number, includeBolusAtMinute: boolean): number {
  const weeks = Math.floor(minute / MINUTES_PER_WEEK);
  const within = minute - weeks * MINUTES_PER_WEEK;
  const i = pieceAt(profile, within);
  const start = profile.starts[i] ?? 0;
  const impulse = includeBolusAtMinute || within !== start ? (profile.impulses[i] ?? 0) : 0;
  return (
    weeks * profile.weekTotal +
    (profile.before[i] ?? 0) +
    impulse +
    (profile.rates[i] ?? 0) * (within - start)
  );
}

/**
 * mcg delivered from `fromMinute` to `toMinute`, both included (week minutes, counting on into later
 * weeks; fromMinute ≤ toMinute): a bolus at either end is counted. A projection segment that ends
 * where the next begins uses {@link deliveredBefore} for its end, so no bolus is counted twice.
 */
export function deliveredBetween(profile: WeeklyProfile, fromMinute: number, toMinute: number): number {
  return Math.max(0, deliveredBy(profile, toMinute) - deliveredBefore(profile, fromMinute));
}

/**
 * The first minute from `fromMinute` on by which `amountMcg` (> 0) has been delivered (a bolus at
 * `fromMinute` itself counts), or null when the
 * profile delivers nothing (a stopped pump never gets there). Amounts come from mL × mcg/mL in floating
 * point (16.1 − 2 mL is 14.100000000000001 mL), so a delivery within a billionth of the target counts
 * as reaching it: without that slack an alarm hit exactly by a bolus would be reported a bolus late.
 */
export function minuteWhenDelivered(
  profile: WeeklyProfile,
  fromMinute: number,
  amountMcg: number,
): number | null {
  if (!(amountMcg > 0)) return fromMinute;
  if (!(profile.weekTotal > 0)) return null;
  const target = deliveredBefore(profile, fromMinute) + amountMcg;
  const reached = target - Math.max(1e-9, Math.abs(target) * 1e-12);
  // Jump whole weeks to one week before the target, then scan at most two weeks of pieces.
  let week = Math.max(0, Math.floor(target / profile.weekTotal) - 1);
  for (let scanned = 0; scanned < 3; scanned += 1, week += 1) {
    const offset = week * profile.weekTotal;
    for (let i = 0; i < profile.starts.length; i += 1) {
      const start = week * MINUTES_PER_WEEK + (profile.starts[i] ?? 0);
      const atStart = offset + (profile.before[i] ?? 0) + (profile.impulses[i] ?? 0);
      if (atStart >= reached) return Math.max(fromMinute, start);
      const end = week * MINUTES_PER_WEEK + (profile.starts[i + 1] ?? MINUTES_PER_WEEK);
      const rate = profile.rates[i] ?? 0;
      if (rate > 0 && atStart + rate * (end - start) >= reached) {
        // Never past the piece's end: rounding must not carry the answer onto the next bolus.
        return Math.max(fromMinute, Math.min(end, start + Math.max(0, target - atStart) / rate));
      }
    }
  }
  // Unreachable for a target inside the scanned weeks; kept so the function is total.
  return week * MINUTES_PER_WEEK;
}

/**
 * The most delivered within any `windowMinutes` (e.g. 1440: any 24 hours) of the week, a bolus at
 * either edge counted once. The amount in a sliding window is piecewise linear in its start, so its
 * maximum is at a window edge meeting a piece boundary; both closings of the window are tried there
 * so a bolus on the boundary is counted on the side that includes it.
 */
export function peakDelivery(profile: WeeklyProfile, windowMinutes: number): number {
  const candidates = profile.starts.flatMap((start) => [start, start - windowMinutes + MINUTES_PER_WEEK]);
  return candidates.reduce((peak, candidate) => {
    const t = candidate % MINUTES_PER_WEEK;
    const closedStart = deliveredBefore(profile, t + windowMinutes) - deliveredBefore(profile, t);
    const closedEnd = deliveredBy(profile, t + windowMinutes) - deliveredBy(profile, t);
    return Math.max(peak, closedStart, closedEnd);
  }, 0);
}
