import { type DueDateBound, fromDayNumber, simpleRefillDueDate, toDayNumber } from '@pumpdesk/domain';
import { type ProgramSpec } from './dose-programs.ts';
import { type Prng } from './prng.ts';
import { round } from './records.ts';

// One refill in relative days: what the pump expected, what the nurse withdrew and filled, and the
// projection computed at that moment with the domain's formula (simpleRefillDueDate). Relative day d
// is passed to the domain as the calendar date d days after 1970-01-01: the formulas only count days,
// so the result is the same wherever day 0 is later placed.

export interface RelRefill {
  day: number;
  minute: number;
  home: boolean;
  implantFill: boolean;
  /** A top-up at a titration visit, with a new program. */
  titration: boolean;
  expectedResidualMl: number;
  withdrawnMl: number;
  filledMl: number;
  afterMl: number;
  /** The program in force after this refill (a new one when the refill came with a change). */
  spec: ProgramSpec;
  dueDay: number;
  boundBy: DueDateBound;
  daysToAlarm: number;
  daysToEmpty: number;
  /** Free-text note for the rare residual gap above pump accuracy. */
  note: string | null;
}

export interface RefillContext {
  random: Prng;
  reservoirMl: number;
  alarmVolumeMl: number;
  home: boolean;
}

/** The fill in theatre: an empty new pump filled to capacity. */
export function implantFill(
  day: number,
  minute: number,
  reservoirMl: number,
  alarmVolumeMl: number,
  spec: ProgramSpec,
): RelRefill {
  return {
    day,
    minute,
    home: false,
    implantFill: true,
    titration: false,
    expectedResidualMl: 0,
    withdrawnMl: 0,
    filledMl: reservoirMl,
    afterMl: reservoirMl,
    spec,
    note: 'Initial fill at implant',
    ...project(day, reservoirMl, alarmVolumeMl, spec),
  };
}

/** A refill at `day`/`minute` after `previous`, leaving `spec` in force. */
export function refillAt(
  context: RefillContext,
  previous: RelRefill,
  day: number,
  minute: number,
  spec: ProgramSpec,
  titration: boolean,
): RelRefill {
  const { random } = context;
  const elapsedDays = day - previous.day + (minute - previous.minute) / 1440;
  const dailyVolume = previous.spec.dailyDoseMcg / previous.spec.concentration;
  const expected = round(Math.max(0, previous.afterMl - dailyVolume * elapsedDays), 2);
  const delivered = previous.afterMl - expected;
  // Pumps deliver within a few percent (about 2.5% per refill, Wesemann 2014); a larger gap is rare.
  const bigGap = random.chance(0.02);
  const error = bigGap ? random.pick([-1, 1]) * random.float(0.05, 0.12) : random.float(-0.025, 0.025);
  const withdrawn = round(Math.max(0, expected + delivered * error), 2);
  const filled = random.chance(0.93)
    ? context.reservoirMl
    : round(context.reservoirMl - random.float(0.5, 2.5), 2);
  return {
    day,
    minute,
    home: context.home,
    implantFill: false,
    titration,
    expectedResidualMl: expected,
    withdrawnMl: withdrawn,
    filledMl: filled,
    afterMl: filled,
    spec,
    note: bigGap
      ? 'Withdrawn volume differs from the expected residual by more than pump accuracy; catheter access port checked'
      : null,
    ...project(day, filled, context.alarmVolumeMl, spec),
  };
}

function project(day: number, afterMl: number, alarmVolumeMl: number, spec: ProgramSpec) {
  const projection = simpleRefillDueDate({
    refillDate: fromDayNumber(day),
    volumeAfterMl: afterMl,
    alarmVolumeMl,
    dailyDoseMcg: spec.dailyDoseMcg,
    concentrationMcgPerMl: spec.concentration,
  });
  return {
    dueDay: toDayNumber(projection.dueDate),
    boundBy: projection.boundBy,
    daysToAlarm: projection.daysToAlarm,
    daysToEmpty: projection.daysToEmpty,
  };
}
