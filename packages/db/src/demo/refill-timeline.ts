import {
  addDays,
  type CalendarDate,
  compareCalendarDates,
  daysBetween,
  simpleRefillDueDate,
  type SimpleRefillProjection,
  startOfDayInZone,
} from '@pumpdesk/domain';
import { type Prisma } from '../generated/prisma/client.ts';
import { buildProgram, concentrationFor, type ProgramRows, type ProgramShape } from './dose-programs.ts';
import { round, seededUuid } from './ids.ts';
import { type Prng } from './prng.ts';
import { type RefillScenario } from './today-scenarios.ts';

const DAY_MS = 86_400_000;

/** The patient's dose as it travels from pump to pump: where it is and where titration heads. */
export interface DoseState {
  dailyMcg: number;
  targetMcg: number;
  concentration: number;
  shape: ProgramShape;
  /** Largest change per step allowed by titration practice (0.30 spinal adults, 0.15 otherwise). */
  titrationLimit: number;
}

export interface PumpTimelineInput {
  pumpId: string;
  reservoirMl: number;
  alarmMl: number;
  implantDate: CalendarDate;
  /** Last day the pump is in use (explant, transfer, death); null: in use until today. */
  endDate: CalendarDate | null;
  today: CalendarDate;
  timeZone: string;
  opensAtHour: number;
  /** Where the last refill should leave the patient today (active patients only). */
  scenario: RefillScenario | null;
  homeRefills: boolean;
  nurseIds: readonly string[];
  physicianId: string;
  dose: DoseState;
}

export interface PumpTimeline {
  refills: Prisma.RefillCreateManyInput[];
  programs: ProgramRows[];
  /** Projection from the last refill (its row holds the alarm and empty instants). */
  last: SimpleRefillProjection | null;
}

interface Fill {
  date: CalendarDate;
  performedAt: Date;
  program: ProgramRows;
  volumeAfter: number;
  projection: SimpleRefillProjection;
}

/**
 * The refills and dose programs of one pump from its implant: a refill a few days before each due
 * date, titration at the early refills, a stronger concentration when the interval gets short, and,
 * for an active patient, a last refill placed so that today falls where the scenario asks.
 */
export function simulatePump(random: Prng, input: PumpTimelineInput): PumpTimeline {
  const programs: ProgramRows[] = [];
  // A program written at a refill takes effect at that refill (same session, same instant).
  const newProgram = (at: Date, reason: string, override?: string): ProgramRows => {
    const rows = buildProgram(random, {
      pumpId: input.pumpId,
      effectiveFrom: at,
      concentration: input.dose.concentration,
      targetDailyMcg: input.dose.dailyMcg,
      shape: input.dose.shape,
      programmedById: input.physicianId,
      reason,
      ...(override === undefined ? {} : { override }),
    });
    programs.push(rows);
    return rows;
  };

  const implantAt = refillInstant(random, input, input.implantDate);
  let program = newProgram(implantAt, 'Implant: starting program');
  const fills: Fill[] = [fill(input, input.implantDate, implantAt, program)];
  const horizon = input.endDate ?? addDays(input.today, -1);

  for (;;) {
    const previous = fills.at(-1);
    if (!previous) break;
    const next = nextRefillDate(random, previous);
    if (compareCalendarDates(next, horizon) > 0) break;
    const at = refillInstant(random, input, next);
    program = maybeReprogram(random, input, at, program, newProgram);
    fills.push(fill(input, next, at, program));
  }

  if (input.scenario && input.endDate === null) placeLastRefill(random, input, fills, programs);
  return { refills: toRefillRows(random, input, fills), programs, last: fills.at(-1)?.projection ?? null };
}

function fill(input: PumpTimelineInput, date: CalendarDate, performedAt: Date, program: ProgramRows): Fill {
  const volumeAfter = input.reservoirMl;
  const projection = simpleRefillDueDate({
    refillDate: date,
    volumeAfterMl: volumeAfter,
    alarmVolumeMl: input.alarmMl,
    dailyDoseMcg: program.dailyDoseMcg,
    concentrationMcgPerMl: program.concentration,
  });
  return { date, performedAt, program, volumeAfter, projection };
}

/** Usually 1–5 days before the due date; now and then a little late, but never past the alarm. */
function nextRefillDate(random: Prng, previous: Fill): CalendarDate {
  const { dueDate, boundBy } = previous.projection;
  if (boundBy === 'alarm_margin' && random.chance(0.06)) return addDays(dueDate, random.int(1, 2));
  return addDays(dueDate, -random.int(1, 5));
}

function maybeReprogram(
  random: Prng,
  input: PumpTimelineInput,
  at: Date,
  current: ProgramRows,
  newProgram: (at: Date, reason: string, override?: string) => ProgramRows,
): ProgramRows {
  const dose = input.dose;
  let reason: string | null = null;
  let override: string | undefined;
  if (dose.dailyMcg < dose.targetMcg * 0.98) {
    // Titration towards the maintenance dose, within the group's limit per step.
    const bigStep = random.chance(0.03);
    const step = bigStep ? dose.titrationLimit * 1.4 : random.float(0.05, dose.titrationLimit * 0.85);
    dose.dailyMcg = Math.min(dose.targetMcg, dose.dailyMcg * (1 + step));
    reason = 'Titration: spasticity not yet controlled';
    if (bigStep)
      override = 'Severe spasms and poor sleep despite titration; discussed with patient and family.';
  } else if (random.chance(0.05)) {
    const change = random.chance(0.6) ? random.float(0.05, 0.12) : -random.float(0.05, 0.12);
    dose.dailyMcg *= 1 + change;
    reason = change > 0 ? 'Increased tone at review' : 'Weakness on standing: small reduction';
  }
  const concentration = concentrationFor(dose.dailyMcg, input.reservoirMl, input.alarmMl, dose.concentration);
  if (concentration !== dose.concentration) {
    dose.concentration = concentration;
    reason = `${reason ? `${reason}; ` : ''}Concentration changed to ${concentration} mcg/mL at refill`;
  }
  return reason ? newProgram(at, reason, override) : current;
}

/** Moves the last refill so that today is where the scenario wants it relative to due/alarm/empty. */
function placeLastRefill(
  random: Prng,
  input: PumpTimelineInput,
  fills: Fill[],
  programs: ProgramRows[],
): void {
  for (;;) {
    const last = fills.at(-1);
    if (!last || fills.length === 1) return; // only the implant fill: leave it as it is
    const previous = fills[fills.length - 2];
    if (!previous) return;
    const target = lastRefillDateFor(random, input, previous);
    if (daysBetween(previous.date, target) >= 7 && compareCalendarDates(target, input.today) <= 0) {
      if (last.program !== previous.program) dropProgram(programs, last.program);
      fills[fills.length - 1] = fill(input, target, refillInstant(random, input, target), previous.program);
      fillGap(random, input, fills);
      // Titration planned at the refills just dropped never happened.
      input.dose.dailyMcg = previous.program.dailyDoseMcg;
      input.dose.concentration = previous.program.concentration;
      return;
    }
    if (last.program !== previous.program) dropProgram(programs, last.program);
    fills.pop();
  }
}

function lastRefillDateFor(random: Prng, input: PumpTimelineInput, previous: Fill): CalendarDate {
  const probe = fill(input, input.today, previous.performedAt, previous.program).projection;
  const dueDays = daysBetween(input.today, probe.dueDate);
  const alarmDays = probe.alarmDate ? daysBetween(input.today, probe.alarmDate) : dueDays + 4;
  const emptyDays = probe.emptyDate ? daysBetween(input.today, probe.emptyDate) : alarmDays + 10;
  const daysUntilDue = ((): number => {
    switch (input.scenario) {
      case 'past_alarm':
        return dueDays - alarmDays - random.int(1, Math.max(1, Math.min(3, emptyDays - alarmDays - 1)));
      case 'empty':
        return dueDays - emptyDays - random.int(1, 3);
      case 'overdue':
        return -random.int(1, 3);
      case 'due_this_week':
        return random.int(0, 6);
      case 'due_8_to_30':
        return random.int(8, 30);
      case 'ok':
      case null:
        return random.int(Math.min(31, dueDays - 1), Math.max(31, dueDays - 1));
    }
  })();
  // Never later than yesterday: a pump with a short interval cannot be due far ahead.
  return addDays(input.today, Math.min(daysUntilDue, dueDays - 1) - dueDays);
}

/** The refill before the last must not have run past its own due date: add refills in between. */
function fillGap(random: Prng, input: PumpTimelineInput, fills: Fill[]): void {
  const last = fills.pop();
  if (!last) return;
  for (;;) {
    const previous = fills.at(-1);
    if (!previous || compareCalendarDates(last.date, previous.projection.dueDate) <= 0) break;
    const next = nextRefillDate(random, previous);
    if (daysBetween(next, last.date) < 7) break;
    fills.push(fill(input, next, refillInstant(random, input, next), previous.program));
  }
  fills.push(last);
}

function dropProgram(programs: ProgramRows[], program: ProgramRows): void {
  const index = programs.indexOf(program);
  if (index >= 0) programs.splice(index, 1);
}

function refillInstant(random: Prng, input: PumpTimelineInput, date: CalendarDate): Date {
  const minutes = (input.opensAtHour + random.int(0, 7)) * 60 + random.pick([0, 15, 30, 45]);
  return new Date(startOfDayInZone(date, input.timeZone).getTime() + minutes * 60_000);
}

function toRefillRows(random: Prng, input: PumpTimelineInput, fills: Fill[]): Prisma.RefillCreateManyInput[] {
  return fills.map((current, i) => {
    const previous = i > 0 ? fills[i - 1] : undefined;
    const performedAt = current.performedAt;
    const expected = previous ? expectedResidual(previous, current.date) : 0;
    const gap = random.chance(0.03) ? random.float(1.2, 2.5) : 0;
    const withdrawn = Math.max(0, expected * (1 + random.float(-0.025, 0.025)) - gap);
    const alarmAt = instantAfter(performedAt, current.projection.daysToAlarm);
    const emptyAt = instantAfter(performedAt, current.projection.daysToEmpty);
    return {
      id: seededUuid(random),
      pumpId: input.pumpId,
      performedAt,
      performedById: random.pick(input.nurseIds),
      location: i > 0 && input.homeRefills ? 'home' : 'clinic',
      expectedResidualMl: round(expected, 2),
      withdrawnVolumeMl: round(withdrawn, 2),
      concentrationMcgPerMl: current.program.concentration,
      volumeFilledMl: current.volumeAfter,
      reservoirVolumeAfterMl: current.volumeAfter,
      drugLot: `LB${String(random.int(10000, 99999))}`,
      drugExpiry: new Date(performedAt.getTime() + random.int(200, 600) * DAY_MS),
      notes: i === 0 ? 'Filled at implant' : null,
      complications: gap > 0 ? 'Residual lower than expected: pump and catheter check arranged' : null,
      alarmAtSnapshot: alarmAt,
      emptyAtSnapshot: emptyAt,
      dueDateSnapshot: new Date(`${current.projection.dueDate}T00:00:00.000Z`),
      dueDateReasonSnapshot: current.projection.boundBy,
      billingCodes: i === 0 ? [] : ['62369'],
    };
  });
}

function expectedResidual(previous: Fill, date: CalendarDate): number {
  const perDay = previous.program.dailyDoseMcg / previous.program.concentration;
  return Math.max(0, previous.volumeAfter - perDay * daysBetween(previous.date, date));
}

function instantAfter(start: Date, days: number): Date {
  return new Date(start.getTime() + Math.min(days, 3650) * DAY_MS);
}
