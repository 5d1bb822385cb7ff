import { appliesOn, type DoseSchedule, WEEKDAYS, type Weekday } from './dose-program.ts';
import { compileWeeklyProfile, deliveredBy, MINUTES_PER_DAY, peakDelivery } from './weekly-profile.ts';

// Daily dose = Σ (step rate × step hours) + scheduled boluses + (maximum patient boluses × bolus dose)
// (docs/domain.md, "Dose programs"). Counting the patient's boluses at their maximum is the
// conservative convention for the refill date. Weekday schedules give a dose per calendar day; the
// program's single "daily dose" is the most it delivers in any 24 hours, the figure the overdose
// checks must see: a Friday-night step running into Saturday counts whole, not split at midnight.

/** One calendar day's dose and what it is made of (mcg). */
export interface DailyDoseParts {
  weekday: Weekday;
  /** simple continuous dose, or the flex steps' Σ rate × hours (basal under periodic boluses). */
  basalMcg: number;
  scheduledBolusMcg: number;
  /** Maximum patient-activated boluses per day × dose per bolus. */
  patientBolusMaxMcg: number;
  totalMcg: number;
}

export interface DailyDose {
  /**
   * The most delivered in any 24 hours: the figure stored with the program and used by the dose
   * checks. For a schedule that repeats every day it is exactly Σ rate × hours + boluses + patient
   * maximum; a weekday schedule can exceed its highest calendar day (a step across midnight).
   */
  totalMcg: number;
  /** The highest calendar day's total and its parts (the first such day of the week). */
  parts: DailyDoseParts;
  /** Monday to Sunday. */
  byWeekday: readonly DailyDoseParts[];
  /** The week's total ÷ 7: what the reservoir loses on an average day. */
  averageMcg: number;
  /** True when some weekday's dose differs from another's. */
  variesByWeekday: boolean;
}

/**
 * The daily dose of a schedule (docs/domain.md, "Dose programs"): per weekday, its basal part (the
 * continuous dose, or each flex step's rate × the hours until the next step, wrapping past midnight),
 * the scheduled boluses given that day, and the patient-activated boluses at their maximum. A
 * scheduled bolus counts on the day it starts, even if it runs past midnight.
 */
export function dailyDose(schedule: DoseSchedule): DailyDose {
  // The basal part alone: steps and continuous dose, without boluses of either kind.
  const basal = compileWeeklyProfile({ ...schedule, boluses: [], patientBolus: null });
  const patientBolusMaxMcg = schedule.patientBolus
    ? schedule.patientBolus.doseMcg * schedule.patientBolus.maxPerDay
    : 0;
  const byWeekday = WEEKDAYS.map((weekday): DailyDoseParts => {
    const basalMcg =
      deliveredBy(basal, weekday * MINUTES_PER_DAY) - deliveredBy(basal, (weekday - 1) * MINUTES_PER_DAY);
    const scheduledBolusMcg = schedule.boluses
      .filter((bolus) => appliesOn(bolus, weekday))
      .reduce((sum, bolus) => sum + bolus.doseMcg, 0);
    return {
      weekday,
      basalMcg,
      scheduledBolusMcg,
      patientBolusMaxMcg,
      totalMcg: basalMcg + scheduledBolusMcg + patientBolusMaxMcg,
    };
  });
  const highest = byWeekday.reduce((best, day) => (day.totalMcg > best.totalMcg + 1e-9 ? day : best));
  const weekTotal = byWeekday.reduce((sum, day) => sum + day.totalMcg, 0);
  // The sliding window can only add to the highest calendar day; float noise must not make a daily
  // schedule's dose differ from its formula, so a peak within a nanogram of that day is that day.
  const peak = peakDelivery(compileWeeklyProfile(schedule), MINUTES_PER_DAY);
  return {
    totalMcg: peak > highest.totalMcg + 1e-6 ? peak : highest.totalMcg,
    parts: highest,
    byWeekday,
    averageMcg: weekTotal / 7,
    variesByWeekday: byWeekday.some((day) => Math.abs(day.totalMcg - highest.totalMcg) > 1e-9),
  };
}
