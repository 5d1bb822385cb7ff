import { appliesOn, type DoseSchedule, WEEKDAYS } from '@pumpdesk/domain';

// The 24-hour picture of a schedule's basal rate: which rate runs when on one day of the pump clock.
// A step runs until the next one starts; before the day's first step, the previous day's last step
// is still running (a flex schedule wraps past midnight).

export interface RateSegment {
  startMinute: number;
  /** Exclusive. */
  endMinute: number;
  rateMcgPerHour: number;
}

const MINUTES_PER_DAY = 1440;

function previousWeekday(weekday: number): number {
  return weekday === 1 ? 7 : weekday - 1;
}

/** The basal rate segments of `weekday` (1 = Monday) covering 00:00–24:00; a continuous dose is one segment. */
export function rateSegments(schedule: DoseSchedule, weekday: number): RateSegment[] {
  if (schedule.mode === 'simple_continuous') {
    const perHour = (schedule.continuousDoseMcgPerDay ?? 0) / 24;
    return [{ startMinute: 0, endMinute: MINUTES_PER_DAY, rateMcgPerHour: perHour }];
  }
  const onDay = (day: number) =>
    schedule.steps.filter((step) => appliesOn(step, day)).sort((a, b) => a.startMinute - b.startMinute);
  const today = onDay(weekday);
  const carried = onDay(previousWeekday(weekday)).at(-1)?.rateMcgPerHour ?? today.at(-1)?.rateMcgPerHour ?? 0;
  const segments: RateSegment[] = [];
  const firstStart = today[0]?.startMinute ?? MINUTES_PER_DAY;
  if (firstStart > 0) segments.push({ startMinute: 0, endMinute: firstStart, rateMcgPerHour: carried });
  today.forEach((step, index) => {
    const endMinute = today[index + 1]?.startMinute ?? MINUTES_PER_DAY;
    segments.push({ startMinute: step.startMinute, endMinute, rateMcgPerHour: step.rateMcgPerHour });
  });
  return segments;
}

/** The average rate in each hour 00–23 (mcg/h), from the segments. */
export function hourlyRates(segments: readonly RateSegment[]): number[] {
  return Array.from({ length: 24 }, (_, hour) => {
    const from = hour * 60;
    const to = from + 60;
    let delivered = 0;
    for (const segment of segments) {
      const overlap = Math.min(to, segment.endMinute) - Math.max(from, segment.startMinute);
      if (overlap > 0) delivered += segment.rateMcgPerHour * (overlap / 60);
    }
    return delivered;
  });
}

/** True when some step applies on some weekdays only (the picture then names the day it shows). */
export function hasWeekdaySteps(schedule: DoseSchedule): boolean {
  return schedule.steps.some((step) => step.weekdays.length > 0 && step.weekdays.length < WEEKDAYS.length);
}
