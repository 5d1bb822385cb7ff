import {
  type DueDateBound,
  type ProjectedReservoir,
  projectReservoir,
  refillDueDate,
  toDayNumber,
  volumeAt,
} from '@pumpdesk/domain';
import { DEMO_CLINIC_SETTINGS } from './clinic-plan.ts';
import { programOf, type ProgramSpec } from './dose-programs.ts';
import { type Prng } from './prng.ts';
import { round } from './records.ts';

// One refill in relative days: what the pump expected, what the nurse withdrew and filled, and the
// projection computed at that moment by the engine (projectReservoir, refillDueDate). The plan is made
// before day 0 is placed on the calendar, so relative day d and minute m are given to the engine as the
// instant d days and m minutes after 1970-01-01 00:00 UTC, in the zone 'UTC': the engine only counts
// time, so the dates are the same relative days wherever day 0 is later placed (the rows themselves are
// projected again from their real instants and the site's zone when rendered: render-refills.ts).

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
/** The zone relative instants are read in. */
export const RELATIVE_ZONE = 'UTC';

/** The instant relative day `day` at `minute` stands for in the plan. */
export function relativeInstant(day: number, minute: number): Date {
  return new Date((day * 1440 + minute) * MS_PER_MINUTE);
}

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
  /** The engine's projection from this refill, on the relative clock. */
  projection: ProjectedReservoir;
  /** Relative day of the due date (the engine's, with the patient's margin). */
  dueDay: number;
  boundBy: DueDateBound;
  /** Days (fractional) from the refill to the alarm instant and to the empty instant; Infinity: never. */
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
  /** A high-risk patient (flag or withdrawal-risk factor): the engine applies the larger margin. */
  highRisk: boolean;
}

/** The fill in theatre: an empty new pump filled to capacity. */
export function implantFill(
  day: number,
  minute: number,
  pump: { reservoirMl: number; alarmVolumeMl: number; highRisk: boolean },
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
    filledMl: pump.reservoirMl,
    afterMl: pump.reservoirMl,
    spec,
    note: 'Initial fill at implant',
    ...project(day, minute, pump.reservoirMl, pump.alarmVolumeMl, spec, pump.highRisk),
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
  // What the pump expects to remain: the engine's projection from the previous refill.
  const projected = volumeAt(previous.projection, relativeInstant(day, minute)) ?? 0;
  const expected = round(Math.max(0, projected), 2);
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
    ...project(day, minute, filled, context.alarmVolumeMl, spec, context.highRisk),
  };
}

/** The engine's projection and due date from a refill, with the one program `spec` in force. */
function project(
  day: number,
  minute: number,
  afterMl: number,
  alarmVolumeMl: number,
  spec: ProgramSpec,
  highRisk: boolean,
): Pick<RelRefill, 'projection' | 'dueDay' | 'boundBy' | 'daysToAlarm' | 'daysToEmpty'> {
  const at = relativeInstant(day, minute);
  const projection = projectReservoir({
    lastRefill: { at, volumeAfterMl: afterMl },
    programs: [programOf(spec, at)],
    alarmVolumeMl,
    timeZone: RELATIVE_ZONE,
  });
  if (projection.kind !== 'projected') throw new Error('A refill with a program always projects');
  const due = refillDueDate(projection, {
    highRisk,
    settings: DEMO_CLINIC_SETTINGS.refill,
    timeZone: RELATIVE_ZONE,
  });
  const daysFrom = (instant: Date | null): number =>
    instant === null ? Infinity : (instant.getTime() - at.getTime()) / MS_PER_DAY;
  return {
    projection,
    dueDay: toDayNumber(due.dueDate),
    boundBy: due.boundBy,
    daysToAlarm: daysFrom(projection.alarmAt),
    daysToEmpty: daysFrom(projection.emptyAt),
  };
}
