import { z } from 'zod';

// A dose program as the physician enters it (docs/domain.md, "Dose programs"): simple continuous
// (mcg/day), flex (steps with rates in mcg/hour, each running until the next step starts, possibly
// different by weekday), periodic bolus (doses at set times, optionally over a basal rate), and
// patient-activated boluses on top of any mode. The schema is the one definition of a valid program:
// the engine is total over what it accepts.

/** Most steps a pump accepts in one day's flex schedule (SynchroMed II: 13). */
export const MAX_FLEX_STEPS_PER_DAY = 13;
/** ISO weekdays, Monday first: 1 = Monday … 7 = Sunday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const minuteOfDaySchema = z.int().min(0).max(1439).describe('Minutes after midnight on the pump clock');

const weekdaysSchema = z
  .array(z.int().min(1).max(7))
  .max(7)
  .refine((days) => new Set(days).size === days.length, 'A weekday is listed twice')
  .default([])
  .describe('ISO weekdays (1 = Monday … 7 = Sunday) the entry applies to; empty means every day');

export const flexStepSchema = z.object({
  startMinute: minuteOfDaySchema,
  rateMcgPerHour: z.number().min(0).max(10_000),
  weekdays: weekdaysSchema,
});

export const scheduledBolusSchema = z.object({
  startMinute: minuteOfDaySchema,
  doseMcg: z.number().positive().max(10_000),
  /** How long the pump takes to deliver it; 0 when not recorded (treated as instantaneous). */
  durationMinutes: z.int().min(0).max(1439).default(0),
  weekdays: weekdaysSchema,
});

export const patientBolusSchema = z.object({
  doseMcg: z.number().positive().max(10_000),
  maxPerDay: z.int().min(1).max(48),
  lockoutMinutes: z.int().min(0).max(1440),
});

export const doseModeSchema = z.enum(['simple_continuous', 'flex', 'periodic_bolus']);
export type DoseMode = z.infer<typeof doseModeSchema>;

/** The schedule's fields, for composing wider schemas (an API body); refine them with {@link refineSchedule}. */
export const scheduleShape = {
  mode: doseModeSchema,
  /** simple_continuous only: the programmed dose per day. */
  continuousDoseMcgPerDay: z.number().min(0).max(100_000).nullable().default(null),
  /** flex: the steps; periodic_bolus: an optional basal rate under the boluses. */
  steps: z
    .array(flexStepSchema)
    .max(MAX_FLEX_STEPS_PER_DAY * 7)
    .default([]),
  boluses: z.array(scheduledBolusSchema).max(48).default([]),
  patientBolus: patientBolusSchema.nullable().default(null),
};

/** What a program delivers, independent of when it starts and of the drug's strength. */
const scheduleObject = z.object(scheduleShape);
type ScheduleFields = z.output<typeof scheduleObject>;
export const doseScheduleSchema = scheduleObject.superRefine(refineSchedule);

/** A program: its schedule, the drug strength it is programmed for, and when it takes effect. */
export const doseProgramSchema = z
  .object({
    /** When the program took (or takes) effect. */
    effectiveFrom: z.date(),
    concentrationMcgPerMl: z.number().positive().max(100_000),
    ...scheduleShape,
  })
  .superRefine(refineSchedule);

export type FlexStep = z.output<typeof flexStepSchema>;
export type ScheduledBolus = z.output<typeof scheduledBolusSchema>;
export type PatientBolus = z.output<typeof patientBolusSchema>;
export type DoseSchedule = z.output<typeof doseScheduleSchema>;
export type DoseProgram = z.output<typeof doseProgramSchema>;

/** True when `entry` (a step or bolus) applies on `weekday`. */
export function appliesOn(entry: { weekdays: readonly number[] }, weekday: number): boolean {
  return entry.weekdays.length === 0 || entry.weekdays.includes(weekday);
}

interface ScheduleIssue {
  path: (string | number)[];
  message: string;
}

/** The mode rules (a flex program needs steps, …) as zod issues naming the field. */
export function refineSchedule(schedule: ScheduleFields, context: z.RefinementCtx): void {
  for (const issue of scheduleIssues(schedule)) context.addIssue({ code: 'custom', ...issue });
}

/** The mode rules, as messages naming the field (the API returns them as validation problems). */
function scheduleIssues(schedule: ScheduleFields): ScheduleIssue[] {
  const { steps, boluses } = schedule;
  const continuous = schedule.continuousDoseMcgPerDay;
  const issues: ScheduleIssue[] = [];
  switch (schedule.mode) {
    case 'simple_continuous':
      if (continuous === null)
        issues.push({
          path: ['continuousDoseMcgPerDay'],
          message: 'A simple continuous program needs a dose per day',
        });
      if (steps.length > 0)
        issues.push({ path: ['steps'], message: 'A simple continuous program has no steps' });
      if (boluses.length > 0)
        issues.push({ path: ['boluses'], message: 'A simple continuous program has no scheduled boluses' });
      break;
    case 'flex':
      if (steps.length === 0)
        issues.push({ path: ['steps'], message: 'A flex program needs at least one step' });
      if (boluses.length > 0)
        issues.push({ path: ['boluses'], message: 'A flex program has no scheduled boluses' });
      break;
    case 'periodic_bolus':
      if (boluses.length === 0)
        issues.push({ path: ['boluses'], message: 'A periodic bolus program needs at least one bolus' });
      break;
  }
  if (schedule.mode !== 'simple_continuous' && continuous !== null) {
    issues.push({
      path: ['continuousDoseMcgPerDay'],
      message: 'Only a simple continuous program has a dose per day',
    });
  }
  const crowded = WEEKDAYS.find(
    (weekday) => steps.filter((step) => appliesOn(step, weekday)).length > MAX_FLEX_STEPS_PER_DAY,
  );
  if (crowded !== undefined) {
    issues.push({
      path: ['steps'],
      message: `More than ${MAX_FLEX_STEPS_PER_DAY} steps on weekday ${crowded}`,
    });
  }
  const clash = WEEKDAYS.flatMap((weekday) => {
    const minutes = steps.filter((step) => appliesOn(step, weekday)).map((step) => step.startMinute);
    const twice = minutes.find((minute, index) => minutes.indexOf(minute) !== index);
    return twice === undefined ? [] : [{ weekday, minute: twice }];
  })[0];
  if (clash) {
    issues.push({
      path: ['steps'],
      message: `Two steps start at the same time (minute ${clash.minute}) on weekday ${clash.weekday}`,
    });
  }
  return issues;
}
