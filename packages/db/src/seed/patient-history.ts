import {
  addDays,
  assessBattery,
  type BatteryStatus,
  type CalendarDate,
  daysBetween,
  withdrawalRisk,
} from '@pumpdesk/domain';
import { type ClinicPlan, DEMO_CLINIC_SETTINGS } from './clinic-plan.ts';
import { drawDosePlan } from './dose-programs.ts';
import { type PatientProfile } from './patient-profile.ts';
import { mixSeed, Prng } from './prng.ts';
import { type CatalogueModel } from './pump-catalogue.ts';
import { type Scenario } from './scenarios.ts';
import { SiteClock, weekdayIndex, weekdayOnOrBefore } from './site-clock.ts';
import {
  chooseDaysSinceLastRefill,
  drawModel,
  drawTherapyDays,
  planPumpLives,
  refillTargetFor,
  replacementModel,
} from './therapy-plan.ts';
import { lastRefill, type RelPump, simulateTherapy, type SimulationInput } from './therapy-timeline.ts';

// Places a patient's therapy on the calendar. Three shapes:
// - "fit": an active patient; the therapy is simulated forwards, then day 0 is chosen so that today
//   falls where the patient's refill state needs it (most patients: somewhere before the due date);
// - "battery": an active patient whose current pump must be a given age today (battery states);
// - "ended": care ended (explanted, deceased, transferred) on a given day in the past.

/** A simulated therapy placed on the calendar. */
export interface PlacedTherapy {
  day0: CalendarDate;
  pumps: RelPump[];
  /** Relative day of today, and of the end of care (= today while care continues). */
  todayDay: number;
  endDay: number;
  outcome: 'continuing' | 'explanted' | 'deceased' | 'transferred';
  titrated: boolean;
}

const YEAR = 365;

/** Patient `index`'s own generator: independent of every other patient, so batches can stream. */
export function patientRandom(plan: ClinicPlan, index: number): Prng {
  return new Prng(mixSeed(plan.seed, index + 1));
}

function baseInput(
  random: Prng,
  profile: PatientProfile,
  scenario: Scenario | null,
  weekdayOfDay0: number,
): Omit<SimulationInput, 'pumpLives' | 'stop'> {
  const titrate = scenario !== 'never_reviewed' && scenario !== 'first_review_due';
  return {
    random,
    dosePlan: drawDosePlan(random, profile),
    model: drawModel(random, profile, scenario),
    replacementModel,
    titrate,
    weekdayOfDay0,
    homeRefills: profile.homeRefills,
    highRisk: withdrawalRisk(profile).highRisk,
    hours: profile.site,
  };
}

/** An active patient whose last refill is placed relative to today (null: this draw cannot be placed). */
export function fitTherapy(
  random: Prng,
  plan: ClinicPlan,
  profile: PatientProfile,
  scenario: Scenario | null,
): PlacedTherapy | null {
  const weekdayOfDay0 = random.int(0, 4);
  const input = baseInput(random, profile, scenario, weekdayOfDay0);
  const therapyDays = drawTherapyDays(random, profile, scenario);
  const { lives, currentAge } = planPumpLives(random, input.model, therapyDays);
  const fromDay = lives.reduce((sum, life) => sum + life, 0) + Math.max(0, currentAge - 45);
  const pumps = simulateTherapy({ ...input, pumpLives: lives, stop: { kind: 'fit', fromDay } });
  const current = pumps.at(-1);
  if (!current) return null;
  const last = lastRefill(current);
  const x = chooseDaysSinceLastRefill(
    random,
    last,
    refillTargetFor(random, scenario),
    plan.today,
    weekdayOfDay0,
  );
  if (x === null) return null;
  const todayDay = last.day + x;
  keepBatteryAlive(random, current, todayDay);
  return {
    day0: addDays(plan.today, -todayDay),
    pumps,
    todayDay,
    endDay: todayDay,
    outcome: 'continuing',
    titrated: input.titrate,
  };
}

/**
 * A SynchroMed reports ERI and stops 90 days later; a current pump older than that would already have
 * stopped, so its ERI is moved to a recent date instead (and it becomes an ERI patient).
 */
function keepBatteryAlive(random: Prng, pump: RelPump, todayDay: number): void {
  const age = todayDay - pump.implantDay;
  if (pump.eriAfterDays !== null && age > pump.eriAfterDays + 80)
    pump.eriAfterDays = age - random.int(10, 80);
}

/** An active patient on one pump implanted so that its battery is in the scenario's state today. */
export function batteryTherapy(
  random: Prng,
  plan: ClinicPlan,
  profile: PatientProfile,
  scenario: Scenario,
): PlacedTherapy {
  const input = baseInput(random, profile, scenario, 0);
  const implant = batteryImplantDate(random, plan.today, scenario, input.model);
  const todayDay = daysBetween(implant, plan.today);
  const pumps = simulateTherapy({
    ...input,
    weekdayOfDay0: weekdayIndex(implant),
    pumpLives: [],
    stop: { kind: 'horizon', day: todayDay },
  });
  const current = pumps.at(-1);
  // ERI only where the scenario says so: the other battery states are about the calendar age.
  if (current) current.eriAfterDays = scenario === 'eri_reported' ? todayDay - random.int(10, 40) : null;
  return { day0: implant, pumps, todayDay, endDay: todayDay, outcome: 'continuing', titrated: input.titrate };
}

/** The battery status the engine must report today for each battery scenario (ERI aside). */
const BATTERY_TARGETS: Partial<Record<Scenario, BatteryStatus>> = {
  battery_approaching: 'approaching',
  battery_in_window: 'in_window',
  battery_overdue: 'replacement_overdue',
};

/**
 * An implant date (a weekday) that puts `model`'s battery in the scenario's state today, asking the
 * engine (assessBattery) rather than repeating its rule: every weekday 3–9 years back is tried and one
 * of those in the state is drawn. An overdue pump is at most 45 days past its recommended date (a
 * SynchroMed II far beyond it would have stopped). The ERI scenario: a pump 5–6 years old.
 */
function batteryImplantDate(
  random: Prng,
  today: CalendarDate,
  scenario: Scenario,
  model: CatalogueModel,
): CalendarDate {
  const wanted = BATTERY_TARGETS[scenario];
  if (wanted === undefined) return weekdayOnOrBefore(addDays(today, -random.int(5 * YEAR, 6 * YEAR)));
  const candidates: CalendarDate[] = [];
  for (let age = 3 * YEAR; age <= 9 * YEAR; age++) {
    const implantDate = addDays(today, -age);
    if (weekdayIndex(implantDate) >= 5) continue;
    const battery = assessBattery({
      implantDate,
      batteryLifeMinYears: model.batteryLifeMinYears,
      batteryLifeMaxYears: model.batteryLifeMaxYears,
      eriToEndOfServiceDays: model.eriToEndOfServiceDays,
      eriReportedDate: null,
      today,
      settings: DEMO_CLINIC_SETTINGS.battery,
    });
    if (battery.status === wanted && battery.daysToRecommended >= -45) candidates.push(implantDate);
  }
  return random.pick(candidates);
}

/** A patient whose care ended `outcome` some time ago. */
export function endedTherapy(
  random: Prng,
  plan: ClinicPlan,
  profile: PatientProfile,
  outcome: 'explanted' | 'deceased' | 'transferred',
): PlacedTherapy {
  const end = weekdayOnOrBefore(addDays(plan.today, -random.int(30, 1500)));
  const byAge = Math.max(200, (profile.ageYears - (profile.ageGroup === 'child' ? 4 : 17)) * YEAR - 1500);
  const therapyDays = random.int(200, Math.min(Math.round(6.5 * YEAR), byAge));
  const day0 = weekdayOnOrBefore(addDays(end, -therapyDays));
  const endDay = daysBetween(day0, end);
  const input = baseInput(random, profile, null, weekdayIndex(day0));
  const { lives } = planPumpLives(random, input.model, endDay);
  const pumps = simulateTherapy({ ...input, pumpLives: lives, stop: { kind: 'horizon', day: endDay } });
  return { day0, pumps, todayDay: daysBetween(day0, plan.today), endDay, outcome, titrated: input.titrate };
}

/** The site clock of a placed therapy (day 0 = first implant). */
export function clockFor(profile: PatientProfile, day0: CalendarDate): SiteClock {
  return new SiteClock(profile.site.timeZone, day0);
}
