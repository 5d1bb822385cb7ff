import { type CalendarDate, toDayNumber } from '@pumpdesk/domain';
import { type PatientProfile } from './patient-profile.ts';
import { type Prng } from './prng.ts';
import { type CatalogueModel, pumpCatalogue } from './pump-catalogue.ts';
import { type RelRefill } from './refill-event.ts';
import { type Scenario } from './scenarios.ts';

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

/** Days a pump lasts before elective replacement, from its battery (domain doc, "Pumps"). */
function drawLife(random: Prng, pump: CatalogueModel): number {
  if (pump.manufacturer === 'Medtronic')
    return random.int(Math.round(4.5 * YEAR), Math.round(6.7 * YEAR)) + random.int(20, 80);
  if (pump.manufacturer === 'Flowonix') return random.int(Math.round(9.6 * YEAR), Math.round(10.2 * YEAR));
  return random.int(Math.round(7.5 * YEAR), Math.round(8.1 * YEAR));
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

/** The range of "days from the last refill to today" that puts the pump in `target` (both included). */
function targetRange(last: RelRefill, target: RefillTarget): [number, number] {
  const dueDays = last.dueDay - last.day;
  const alarmDays = Math.floor(last.minute / 1440 + last.daysToAlarm);
  const emptyDays = Math.floor(last.minute / 1440 + last.daysToEmpty);
  switch (target) {
    case 'natural':
      return [1, dueDays - 1];
    case 'overdue':
      return [dueDays + 1, alarmDays - 1];
    case 'past_alarm':
      return [alarmDays, emptyDays - 1];
    case 'empty':
      return [emptyDays, emptyDays + 4];
    case 'due_week':
      return [Math.max(1, dueDays - 7), dueDays];
    case 'due_month':
      return [Math.max(1, dueDays - 30), dueDays - 8];
    case 'since_implant':
      return [14, Math.min(40, dueDays - 1)];
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
  for (let x = Math.max(low, 0); x <= high; x++) if (x % 7 === wanted) options.push(x);
  if (options.length > 0) return random.pick(options);
  if (target !== 'natural') return null;
  // A very short interval: accept any matching day within a week of the due date.
  for (let x = 1; ; x++) if (x % 7 === wanted) return x;
}
