import { assessBattery, type CalendarDate, daysBetween, fromDayNumber, toDayNumber } from '@pumpdesk/domain';
import { DEMO_CLINIC_SETTINGS } from './clinic-plan.ts';
import { type PatientProfile } from './patient-profile.ts';
import { type Prng } from './prng.ts';
import { type CatalogueModel, pumpCatalogue } from './pump-catalogue.ts';
import { type RelRefill } from './refill-event.ts';
import { type Scenario } from './scenarios.ts';
import { DEMO_NOW_MINUTE } from './site-clock.ts';

// Choices made before a therapy is simulated: which pump, how long the patient has been on therapy,
// how long each pump lasts, and (after the simulation) how many days ago the last refill was, so that
// today falls where the patient's state needs it.

const YEAR = 365;

function model(manufacturer: string, reservoirMl: number): CatalogueModel {
  const found = pumpCatalogue.find(
    (entry) => entry.manufacturer === manufacturer && entry.reservoirMl === reservoirMl,
  );
  if (!found) throw new Error(`No ${manufacturer} ${reservoirMl} mL model in the catalogue`);
  return found;
}

/** SynchroMed II dominates the market; children more often get the 20 mL reservoir (smaller body). */
export function drawModel(random: Prng, profile: PatientProfile, scenario: Scenario | null): CatalogueModel {
  if (scenario === 'eri_reported' || scenario?.startsWith('battery_')) return model('Medtronic', 40);
  const child = profile.ageGroup === 'child';
  const [manufacturer, reservoir] = random.weighted<readonly [string, number]>([
    [['Medtronic', 40], child ? 25 : 52],
    [['Medtronic', 20], child ? 45 : 14],
    [['Flowonix', 40], 10],
    [['Flowonix', 20], child ? 10 : 4],
    [['Codman', 40], 12],
    [['Codman', 20], 8],
  ]);
  return model(manufacturer, reservoir);
}

/** Replacements keep the model, except Codman Medstream (withdrawn from the market): SynchroMed instead. */
export function replacementModel(previous: CatalogueModel): CatalogueModel {
  return previous.manufacturer === 'Codman' ? model('Medtronic', previous.reservoirMl) : previous;
}

const recommendedDays = new Map<CatalogueModel, number>();

/**
 * Days from implant to the engine's recommended battery replacement date (assessBattery) for `pump`,
 * measured on a reference implant date: month lengths move it by a day or two, which the random lives
 * drawn from it absorb.
 */
export function daysToRecommendedReplacement(pump: CatalogueModel): number {
  const cached = recommendedDays.get(pump);
  if (cached !== undefined) return cached;
  const implantDate = fromDayNumber(0);
  const battery = assessBattery({
    implantDate,
    batteryLifeMinYears: pump.batteryLifeMinYears,
    batteryLifeMaxYears: pump.batteryLifeMaxYears,
    eriToEndOfServiceDays: pump.eriToEndOfServiceDays,
    eriReportedDate: null,
    today: implantDate,
    settings: DEMO_CLINIC_SETTINGS.battery,
  });
  const days = daysBetween(implantDate, battery.recommendedReplacement);
  recommendedDays.set(pump, days);
  return days;
}

/**
 * Days a pump lasts before replacement (domain doc, "Pumps"): a SynchroMed II until a few weeks after
 * its ERI (4.5–6.7 years); a pump without ERI is replaced electively up to five months before the
 * engine's recommended replacement date.
 */
function drawLife(random: Prng, pump: CatalogueModel): number {
  if (pump.manufacturer === 'Medtronic')
    return random.int(Math.round(4.5 * YEAR), Math.round(6.7 * YEAR)) + random.int(20, 80);
  return daysToRecommendedReplacement(pump) - random.int(10, 150);
}

/** Lives of the pumps replaced during `therapyDays`, and the age the current pump should reach. */
export function planPumpLives(
  random: Prng,
  first: CatalogueModel,
  therapyDays: number,
): { lives: number[]; currentAge: number } {
  const lives: number[] = [];
  let remaining = therapyDays;
  let pump = first;
  for (;;) {
    const life = drawLife(random, pump);
    // Keep the current pump well inside its battery life: battery states are placed on purpose.
    if (remaining <= life - 200) return { lives, currentAge: remaining };
    lives.push(life);
    remaining -= life;
    pump = replacementModel(pump);
  }
}

/** Days since the first implant: up to ~9 years, never before the patient was old enough. */
export function drawTherapyDays(random: Prng, profile: PatientProfile, scenario: Scenario | null): number {
  const byAge = Math.max(60, (profile.ageYears - (profile.ageGroup === 'child' ? 4 : 17)) * YEAR);
  const cap = Math.min(9 * YEAR, byAge);
  switch (scenario) {
    case 'first_review_due':
      return random.int(14, 38);
    case 'never_reviewed':
      return random.int(60, 110);
    case 'follow_up_overdue':
      return random.int(Math.min(2 * YEAR, cap), Math.min(7 * YEAR, cap));
    case null:
      return random.int(20, cap);
    default:
      return random.int(Math.min(400, cap), Math.min(7 * YEAR, cap));
  }
}

/** Where today should fall after the last refill. */
export type RefillTarget =
  'natural' | 'overdue' | 'past_alarm' | 'empty' | 'due_week' | 'due_month' | 'since_implant';

export function refillTargetFor(random: Prng, scenario: Scenario | null): RefillTarget {
  switch (scenario) {
    case 'refill_overdue':
    case 'refill_overdue_high_risk':
    case 'refill_overdue_booked':
      return 'overdue';
    case 'past_alarm_high_cord_injury':
    case 'past_alarm_cannot_communicate':
      return 'past_alarm';
    case 'reservoir_empty':
      return 'empty';
    case 'due_this_week_booked':
    case 'due_this_week_not_booked':
      return 'due_week';
    case 'due_in_month_booked':
    case 'due_in_month_not_booked':
      return 'due_month';
    case 'first_review_due':
      return 'since_implant';
    case null:
      // A few patients of any clinic have simply missed a refill.
      return random.chance(0.03) ? 'overdue' : 'natural';
    default:
      return 'natural';
  }
}

/**
 * The range of "days from the last refill to today" that puts the pump in `target` (both included),
 * for the engine assessing it at noon site time (DEMO_NOW_MINUTE): critical once the alarm (or empty)
 * instant is at or before that moment, overdue after the due date, due soon within 7 days of it and
 * upcoming 8–30 days before it (the demo clinic's settings: DEMO_CLINIC_SETTINGS.refill).
 */
function targetRange(last: RelRefill, target: RefillTarget): [number, number] {
  const dueDays = last.dueDay - last.day;
  const { dueSoonDays, upcomingDays } = DEMO_CLINIC_SETTINGS.refill;
  // Noon of day x after the refill is x + shift days after the refill instant.
  const shift = (DEMO_NOW_MINUTE - last.minute) / 1440;
  const firstDayReaching = (days: number): number => Math.ceil(days - shift);
  const alarmX = firstDayReaching(last.daysToAlarm);
  const emptyX = firstDayReaching(last.daysToEmpty);
  switch (target) {
    case 'natural':
      return [1, Math.min(dueDays - 1, alarmX - 1)];
    case 'overdue':
      return [dueDays + 1, alarmX - 1];
    case 'past_alarm':
      return [alarmX, emptyX - 1];
    case 'empty':
      return [emptyX, emptyX + 4];
    case 'due_week':
      return [Math.max(1, dueDays - dueSoonDays), Math.min(dueDays, alarmX - 1)];
    case 'due_month':
      return [Math.max(1, dueDays - upcomingDays), Math.min(dueDays - dueSoonDays - 1, alarmX - 1)];
    case 'since_implant': {
      // Inside the first-review window, a couple of days before it closes.
      const { firstReviewMinDays, firstReviewMaxDays } = DEMO_CLINIC_SETTINGS.followUp;
      return [firstReviewMinDays, Math.min(firstReviewMaxDays - 2, dueDays - 1, alarmX - 1)];
    }
  }
}

/**
 * Days between the last refill and today, inside the target's range, such that day 0 falls on the
 * weekday the simulation assumed (refills avoided weekends on that assumption). Null when impossible.
 */
export function chooseDaysSinceLastRefill(
  random: Prng,
  last: RelRefill,
  target: RefillTarget,
  today: CalendarDate,
  weekdayOfDay0: number,
): number | null {
  const [low, high] = targetRange(last, target);
  const wanted = (((toDayNumber(today) - last.day + 3 - weekdayOfDay0) % 7) + 7) % 7;
  const options: number[] = [];
  // A pump that never alarms (a stopped program) has no end to "overdue": a year is plenty.
  const from = Math.max(low, 0);
  if (!Number.isFinite(from)) return null;
  for (let x = from; x <= Math.min(high, from + YEAR); x++) if (x % 7 === wanted) options.push(x);
  if (options.length > 0) return random.pick(options);
  if (target !== 'natural') return null;
  // A very short interval: accept any matching day within a week of the due date.
  for (let x = 1; ; x++) if (x % 7 === wanted) return x;
}
