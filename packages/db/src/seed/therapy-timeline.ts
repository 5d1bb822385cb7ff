import { type ExplantReason } from '../generated/prisma/client.ts';
import {
  concentrationChange,
  initialProgram,
  maintenanceChange,
  type ProgramChange,
  titrationStep,
} from './dose-changes.ts';
import { type DosePlan, type ProgramSpec } from './dose-programs.ts';
import { type CatalogueModel } from './pump-catalogue.ts';
import { type Prng } from './prng.ts';
import { type RelRefill, refillAt, implantFill, type RefillContext } from './refill-event.ts';

// A patient's pump therapy as a sequence of events in RELATIVE days (day 0 = the first implant). The
// chain is built forwards, the way a clinic lives it: each refill's due date decides the next refill.
// Only afterwards is day 0 placed on the calendar (patient-history.ts), so that the last refill lands
// exactly where today's state needs it.

export interface RelProgram {
  day: number;
  minute: number;
  change: ProgramChange;
}

export interface RelPump {
  model: CatalogueModel;
  implantDay: number;
  implantMinute: number;
  /** Planned end (battery), null for the pump still implanted at the end of the simulation. */
  plannedExplantDay: number | null;
  explantDay: number | null;
  explantReason: ExplantReason | null;
  explantNote: string | null;
  alarmVolumeMl: number;
  alarmOverrideMl: number | null;
  /** Days after implant the battery reports ERI (SynchroMed only), whether or not it is reached. */
  eriAfterDays: number | null;
  programs: RelProgram[];
  refills: RelRefill[];
}

export interface SimulationInput {
  random: Prng;
  dosePlan: DosePlan;
  /** The model of the first pump; replacements are usually the same model. */
  model: CatalogueModel;
  replacementModel: (previous: CatalogueModel) => CatalogueModel;
  /** Lives (days) of the pumps before the current one; the current pump has no planned end. */
  pumpLives: readonly number[];
  titrate: boolean;
  /** Weekday of day 0 (0 = Monday): refills and surgery avoid weekends. */
  weekdayOfDay0: number;
  homeRefills: boolean;
  /** High withdrawal risk (flag, injury at or above T6, cannot communicate): the larger refill margin. */
  highRisk: boolean;
  hours: { opensAtMinute: number; closesAtMinute: number };
  stop: { kind: 'fit'; fromDay: number } | { kind: 'horizon'; day: number };
}

/** Runs the therapy from the first implant until the stop rule; returns the pumps in order. */
export function simulateTherapy(input: SimulationInput): RelPump[] {
  const { random } = input;
  const pumps: RelPump[] = [];
  let pump = newPump(input, input.model, 0, input.pumpLives[0] ?? null);
  pumps.push(pump);
  startPump(pump, initialProgram(input.dosePlan, usable(pump), input.titrate), input.highRisk);
  let titrationSteps = 0;
  for (;;) {
    const last = lastRefill(pump);
    if (input.stop.kind === 'fit' && last.day >= input.stop.fromDay) break;
    const titrating =
      input.titrate &&
      pumps.length === 1 &&
      titrationSteps < 12 &&
      last.spec.baseDoseMcg < input.dosePlan.targetDose * 0.98;
    const day = nextRefillDay(random, last, titrating, input.weekdayOfDay0);
    // Nothing on the last day itself: a refill "today" could be later than the moment the demo is loaded.
    if (input.stop.kind === 'horizon' && day >= input.stop.day) break;
    if (pump.plannedExplantDay !== null && day >= pump.plannedExplantDay) {
      if (input.stop.kind === 'horizon' && pump.plannedExplantDay > input.stop.day) break;
      pump = replacePump(input, pumps, pump);
      continue;
    }
    const change = decideChange(random, input.dosePlan, last.spec, usable(pump), titrating);
    if (titrating && change) titrationSteps++;
    const minute = refillMinute(random, input.hours);
    const home = random.chance(input.homeRefills ? 0.85 : 0.02);
    const context: RefillContext = {
      random,
      reservoirMl: pump.model.reservoirMl,
      alarmVolumeMl: pump.alarmVolumeMl,
      home,
      highRisk: input.highRisk,
    };
    pump.refills.push(
      refillAt(context, last, day, minute, change?.spec ?? last.spec, titrating && change !== null),
    );
    if (change) pump.programs.push({ day, minute, change });
  }
  return pumps;
}

function decideChange(
  random: Prng,
  plan: DosePlan,
  spec: ProgramSpec,
  usableMl: number,
  titrating: boolean,
): ProgramChange | null {
  const change = titrating
    ? titrationStep(random, plan, spec, usableMl)
    : maintenanceChange(random, plan, spec, usableMl);
  return change ?? concentrationChange(spec, usableMl);
}

function newPump(
  input: SimulationInput,
  model: CatalogueModel,
  implantDay: number,
  life: number | null,
): RelPump {
  const { random } = input;
  // Some clinics set a 4 mL alarm after a patient had withdrawal symptoms near empty (domain doc).
  const alarmOverrideMl = model.manufacturer === 'Medtronic' && random.chance(0.05) ? 4 : null;
  return {
    model,
    implantDay,
    implantMinute: random.int(9 * 4, 14 * 4) * 15,
    plannedExplantDay: life === null ? null : weekdayOnOrBefore(implantDay + life, input.weekdayOfDay0),
    explantDay: null,
    explantReason: null,
    explantNote: null,
    alarmVolumeMl: alarmOverrideMl ?? model.defaultAlarmVolumeMl,
    alarmOverrideMl,
    eriAfterDays: model.eriToEndOfServiceDays === null ? null : drawSynchroMedEri(random),
    programs: [],
    refills: [],
  };
}

/** SynchroMed II ERI after 4.5–6.7 years (labelling 5–7 years; 55 months on average in one series). */
function drawSynchroMedEri(random: Prng): number {
  return random.int(Math.round(4.5 * 365), Math.round(6.7 * 365));
}

/** The program set in theatre and the first fill, half an hour later. */
function startPump(pump: RelPump, program: ProgramChange, highRisk: boolean): void {
  pump.programs.push({ day: pump.implantDay, minute: pump.implantMinute, change: program });
  pump.refills.push(
    implantFill(
      pump.implantDay,
      pump.implantMinute + 30,
      { reservoirMl: pump.model.reservoirMl, alarmVolumeMl: pump.alarmVolumeMl, highRisk },
      program.spec,
    ),
  );
}

/** Replacement surgery: the old pump out, a new one in on the same day; the catheter stays. */
function replacePump(input: SimulationInput, pumps: RelPump[], old: RelPump): RelPump {
  const day = old.plannedExplantDay ?? 0;
  old.explantDay = day;
  const battery = old.eriAfterDays !== null;
  old.explantReason = battery ? 'battery_end_of_life' : 'replacement_elective';
  old.explantNote = battery
    ? 'Replaced after ERI, before end of service'
    : 'Elective replacement at the end of the expected battery life';
  // Replaced 20–80 days after ERI: within the 90 days the pump keeps running.
  if (battery) old.eriAfterDays = day - old.implantDay - input.random.int(20, 80);
  const index = pumps.length;
  const pump = newPump(input, input.replacementModel(old.model), day, input.pumpLives[index] ?? null);
  pumps.push(pump);
  const spec = lastRefill(old).spec;
  startPump(
    pump,
    { spec, reason: "Replacement pump programmed to the previous pump's settings", overrideReason: null },
    input.highRisk,
  );
  return pump;
}

/** The relative day ERI was first seen, if it happened before the pump came out or the timeline ended. */
export function eriReportedDay(pump: RelPump, endDay: number): number | null {
  if (pump.eriAfterDays === null) return null;
  const day = pump.implantDay + pump.eriAfterDays;
  return day <= (pump.explantDay ?? endDay) ? day : null;
}

export function lastRefill(pump: RelPump): RelRefill {
  const last = pump.refills.at(-1);
  if (!last) throw new Error('A pump always has its implant fill');
  return last;
}

function usable(pump: RelPump): number {
  return pump.model.reservoirMl - pump.alarmVolumeMl;
}

const isWeekend = (day: number, weekdayOfDay0: number): boolean => (weekdayOfDay0 + day) % 7 >= 5;

function weekdayOnOrBefore(day: number, weekdayOfDay0: number): number {
  let result = day;
  while (isWeekend(result, weekdayOfDay0)) result--;
  return result;
}

/**
 * The next refill: a few days before the due date (Gillette: 3–5 days before the alarm date), now
 * and then a day or two late but before the alarm, every 1–3 weeks while titrating; never at a weekend.
 */
function nextRefillDay(random: Prng, last: RelRefill, titrating: boolean, weekdayOfDay0: number): number {
  const alarmDay = last.day + Math.floor(last.minute / 1440 + last.daysToAlarm);
  let day: number;
  if (titrating) day = Math.min(last.day + random.int(7, 21), last.dueDay - 2);
  else if (last.boundBy === 'alarm_margin' && alarmDay > last.dueDay + 2 && random.chance(0.04))
    day = last.dueDay + random.int(1, 2);
  else
    day =
      last.dueDay -
      random.weighted([
        [0, 1],
        [1, 2],
        [2, 3],
        [3, 4],
        [4, 4],
        [5, 3],
        [6, 2],
        [7, 1],
      ] as const);
  day = Math.max(day, last.day + 1);
  while (isWeekend(day, weekdayOfDay0) && day - 1 > last.day) day--;
  return day;
}

/** A quarter-hour slot inside opening hours (the first half hour and the last hour kept free). */
export function refillMinute(random: Prng, hours: SimulationInput['hours']): number {
  const { opensAtMinute, closesAtMinute } = hours;
  return random.int(Math.ceil((opensAtMinute + 30) / 15), Math.floor((closesAtMinute - 60) / 15)) * 15;
}
