import fc from 'fast-check';
import {
  type DoseProgram,
  doseProgramSchema,
  MAX_FLEX_STEPS_PER_DAY,
  type PatientBolus,
  WEEKDAYS,
} from '../dose-program.ts';
import {
  type ProjectedReservoir,
  projectReservoir,
  type ReservoirProjectionInput,
} from '../reservoir-projection.ts';

// Builders and fast-check arbitraries shared by the domain tests: programs go through the zod schema,
// so every program a test uses is one the API would accept.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Zones the property tests run in: DST both ways, half-hour DST (Lord Howe), ±14/−11 h, +5:45. */
export const TEST_ZONES = [
  'UTC',
  'Europe/London',
  'America/New_York',
  'Australia/Lord_Howe',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'Asia/Kathmandu',
] as const;

/** "22:00" → 1320. */
export function hm(time: string): number {
  const [hours = NaN, minutes = NaN] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

function instant(value: Date | string): Date {
  return typeof value === 'string' ? new Date(value) : value;
}

/** A simple continuous program (mcg/day), validated by the schema. */
export function simpleProgram(
  doseMcgPerDay: number,
  concentrationMcgPerMl: number,
  effectiveFrom: Date | string,
  extra: { patientBolus?: PatientBolus } = {},
): DoseProgram {
  return doseProgramSchema.parse({
    effectiveFrom: instant(effectiveFrom),
    concentrationMcgPerMl,
    mode: 'simple_continuous',
    continuousDoseMcgPerDay: doseMcgPerDay,
    patientBolus: extra.patientBolus ?? null,
  });
}

/** A pump that delivers nothing (a simple program of 0 mcg/day). */
export function stoppedProgram(concentrationMcgPerMl: number, effectiveFrom: Date | string): DoseProgram {
  return simpleProgram(0, concentrationMcgPerMl, effectiveFrom);
}

export interface StepSpec {
  /** "HH:MM" on the pump clock. */
  at: string;
  rateMcgPerHour: number;
  weekdays?: number[];
}

/** A flex program from steps written as { at: '22:00', rateMcgPerHour: 20 }. */
export function flexProgram(
  steps: readonly StepSpec[],
  concentrationMcgPerMl: number,
  effectiveFrom: Date | string,
  extra: { patientBolus?: PatientBolus } = {},
): DoseProgram {
  return doseProgramSchema.parse({
    effectiveFrom: instant(effectiveFrom),
    concentrationMcgPerMl,
    mode: 'flex',
    steps: steps.map((step) => ({
      startMinute: hm(step.at),
      rateMcgPerHour: step.rateMcgPerHour,
      weekdays: step.weekdays ?? [],
    })),
    patientBolus: extra.patientBolus ?? null,
  });
}

export interface BolusSpec {
  at: string;
  doseMcg: number;
  durationMinutes?: number;
  weekdays?: number[];
}

/** A periodic bolus program, optionally over basal steps. */
export function bolusProgram(
  boluses: readonly BolusSpec[],
  concentrationMcgPerMl: number,
  effectiveFrom: Date | string,
  basal: readonly StepSpec[] = [],
): DoseProgram {
  return doseProgramSchema.parse({
    effectiveFrom: instant(effectiveFrom),
    concentrationMcgPerMl,
    mode: 'periodic_bolus',
    steps: basal.map((step) => ({
      startMinute: hm(step.at),
      rateMcgPerHour: step.rateMcgPerHour,
      weekdays: step.weekdays ?? [],
    })),
    boluses: boluses.map((bolus) => ({
      startMinute: hm(bolus.at),
      doseMcg: bolus.doseMcg,
      durationMinutes: bolus.durationMinutes ?? 0,
      weekdays: bolus.weekdays ?? [],
    })),
  });
}

/** The same program delivering `factor` times as much (every rate and dose scaled). */
export function scaleProgram<T extends Omit<DoseProgram, 'effectiveFrom' | 'concentrationMcgPerMl'>>(
  program: T,
  factor: number,
): T {
  return {
    ...program,
    continuousDoseMcgPerDay:
      program.continuousDoseMcgPerDay === null ? null : program.continuousDoseMcgPerDay * factor,
    steps: program.steps.map((step) => ({ ...step, rateMcgPerHour: step.rateMcgPerHour * factor })),
    boluses: program.boluses.map((bolus) => ({ ...bolus, doseMcg: bolus.doseMcg * factor })),
    patientBolus: program.patientBolus
      ? { ...program.patientBolus, doseMcg: program.patientBolus.doseMcg * factor }
      : null,
  };
}

/** projectReservoir, failing the test unless the result is a projection. */
export function projected(input: ReservoirProjectionInput): ProjectedReservoir {
  const projection = projectReservoir(input);
  if (projection.kind !== 'projected') throw new Error(`Expected a projection, got ${projection.reason}`);
  return projection;
}

// ─── Arbitraries ───────────────────────────────────────────────────────────────────────────────

export interface ProgramArbitraryOptions {
  /**
   * Clinical ranges (integer rates up to 500 mcg/h, concentrations 500–2000 mcg/mL, few boluses of
   * at least an hour when they have a duration) instead of everything the schema accepts. Tests
   * comparing volumes to 1e-6 mL need bounded rates: instants are rounded to the millisecond.
   */
  clinical?: boolean;
}

const minuteArb = fc.oneof(fc.integer({ min: 0, max: 1439 }), fc.constantFrom(0, 420, 1320, 1439));
const weekdaysArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant<number[]>([]) },
  { weight: 2, arbitrary: fc.subarray([...WEEKDAYS], { minLength: 1 }) },
);

function rateArb(clinical: boolean): fc.Arbitrary<number> {
  return clinical
    ? fc.integer({ min: 0, max: 500 })
    : fc.oneof(
        fc.constant(0),
        fc.integer({ min: 0, max: 10_000 }),
        fc.double({ min: 0, max: 10_000, noNaN: true }),
      );
}

interface StepInput {
  startMinute: number;
  rateMcgPerHour: number;
  weekdays: number[];
}

/** Flex steps the schema accepts: no two on the same minute of a weekday, at most 13 a day. */
function stepsArb(clinical: boolean, minLength: number): fc.Arbitrary<StepInput[]> {
  const step = (weekdays: fc.Arbitrary<number[]>) =>
    fc.record({ startMinute: minuteArb, rateMcgPerHour: rateArb(clinical), weekdays });
  // Every step at its own minute: at most 13 steps in all, so at most 13 on any day.
  const distinctMinutes = fc.uniqueArray(step(weekdaysArb), {
    selector: (s) => s.startMinute,
    minLength,
    maxLength: MAX_FLEX_STEPS_PER_DAY,
  });
  // Each weekday its own steps (the same minute may recur on other days); some days have none.
  const perWeekday = fc
    .tuple(
      ...WEEKDAYS.map((weekday) =>
        fc.uniqueArray(step(fc.constant([weekday])), { selector: (s) => s.startMinute, maxLength: 4 }),
      ),
    )
    .map((days) => days.flat())
    .filter((steps) => steps.length >= minLength);
  return fc.oneof(distinctMinutes, perWeekday);
}

function bolusesArb(clinical: boolean, minLength: number) {
  return fc.array(
    fc.record({
      startMinute: minuteArb,
      doseMcg: clinical
        ? fc.integer({ min: 1, max: 200 })
        : fc.oneof(
            fc.integer({ min: 1, max: 10_000 }),
            fc.double({ min: 0, minExcluded: true, max: 10_000, noNaN: true }),
          ),
      durationMinutes: clinical
        ? fc.oneof(fc.constant(0), fc.integer({ min: 60, max: 600 }))
        : fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1439 })),
      weekdays: weekdaysArb,
    }),
    { minLength, maxLength: clinical ? 3 : 6 },
  );
}

function patientBolusArb(clinical: boolean) {
  return fc.option(
    fc.record({
      doseMcg: clinical
        ? fc.integer({ min: 1, max: 100 })
        : fc.double({ min: 0, minExcluded: true, max: 10_000, noNaN: true }),
      maxPerDay: fc.integer({ min: 1, max: clinical ? 6 : 48 }),
      lockoutMinutes: fc.integer({ min: 0, max: 1440 }),
    }),
    { nil: null },
  );
}

/** What a physician might enter, before the schema fills the defaults (no effectiveFrom yet). */
export function scheduleInputArbitrary(options: ProgramArbitraryOptions = {}) {
  const clinical = options.clinical ?? false;
  const simple = fc.record({
    mode: fc.constant('simple_continuous' as const),
    continuousDoseMcgPerDay: clinical
      ? fc.integer({ min: 0, max: 3000 })
      : fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.double({ min: 0, max: 100_000, noNaN: true })),
    patientBolus: patientBolusArb(clinical),
  });
  const flex = fc.record({
    mode: fc.constant('flex' as const),
    steps: stepsArb(clinical, 1),
    patientBolus: patientBolusArb(clinical),
  });
  const periodic = fc.record({
    mode: fc.constant('periodic_bolus' as const),
    steps: stepsArb(clinical, 0),
    boluses: bolusesArb(clinical, 1),
    patientBolus: patientBolusArb(clinical),
  });
  return fc.oneof(simple, flex, periodic);
}

export function concentrationArbitrary(options: ProgramArbitraryOptions = {}): fc.Arbitrary<number> {
  return options.clinical
    ? fc.constantFrom(500, 1000, 2000)
    : fc.oneof(
        fc.constantFrom(50, 500, 1000, 2000),
        fc.double({ min: 0, minExcluded: true, max: 100_000, noNaN: true }),
      );
}

/** A raw program input (what the API receives) with the given effective date. */
export function programInputArbitrary(
  effectiveFrom: fc.Arbitrary<Date>,
  options: ProgramArbitraryOptions = {},
) {
  return fc
    .tuple(scheduleInputArbitrary(options), concentrationArbitrary(options), effectiveFrom)
    .map(([schedule, concentrationMcgPerMl, from]) => ({
      ...schedule,
      concentrationMcgPerMl,
      effectiveFrom: from,
    }));
}

/** A valid program: generated input parsed through doseProgramSchema. */
export function programArbitrary(
  effectiveFrom: fc.Arbitrary<Date>,
  options: ProgramArbitraryOptions = {},
): fc.Arbitrary<DoseProgram> {
  return programInputArbitrary(effectiveFrom, options).map((input) => doseProgramSchema.parse(input));
}

/** Instants between 2020 and 2035, to the millisecond. */
export const instantArbitrary = fc.date({
  min: new Date('2020-01-01T00:00:00Z'),
  max: new Date('2035-12-31T23:59:59.999Z'),
  noInvalidDate: true,
});

/** An instant within `[-beforeDays, +afterDays]` days of `origin`, to the millisecond. */
export function instantNear(origin: Date, beforeDays: number, afterDays: number): fc.Arbitrary<Date> {
  return fc
    .tuple(
      fc.integer({ min: -beforeDays * 86_400, max: afterDays * 86_400 }),
      fc.integer({ min: 0, max: 999 }),
    )
    .map(([seconds, ms]) => new Date(origin.getTime() + seconds * 1000 + ms));
}

export const zoneArbitrary = fc.constantFrom(...TEST_ZONES);

export interface RefillScenario {
  refill: { at: Date; volumeAfterMl: number };
  /** Reservoir size (mL): 20 or 40. */
  reservoirMl: number;
  /** In [0, reservoir). */
  alarmVolumeMl: number;
  programs: DoseProgram[];
  timeZone: string;
}

/**
 * A refill, its pump's alarm volume, zone and 1–4 programs starting up to `programSpreadDays` days
 * before or after the refill.
 */
export function refillScenarioArbitrary(
  options: ProgramArbitraryOptions & { programSpreadDays?: number; maxPrograms?: number } = {},
): fc.Arbitrary<RefillScenario> {
  const spread = options.programSpreadDays ?? 365;
  return fc
    .record({
      at: instantArbitrary,
      reservoirMl: fc.constantFrom(20, 40),
      // 0, or at least a millionth of the reservoir: amounts far below the rounding error of the
      // cumulative sums (1e-150 mL) are not volumes a pump reports.
      volumeFraction: fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1, noNaN: true })),
      alarmFraction: fc.oneof(
        fc.constant(0),
        fc.double({ min: 1e-6, max: 1, maxExcluded: true, noNaN: true }),
      ),
      timeZone: zoneArbitrary,
    })
    .chain(({ at, reservoirMl, volumeFraction, alarmFraction, timeZone }) =>
      fc
        .array(programArbitrary(instantNear(at, spread, spread), options), {
          minLength: 1,
          maxLength: options.maxPrograms ?? 4,
        })
        .map((programs): RefillScenario => ({
          refill: { at, volumeAfterMl: volumeFraction * reservoirMl },
          reservoirMl,
          alarmVolumeMl: alarmFraction * reservoirMl,
          programs,
          timeZone,
        })),
    );
}
