import { doseModeSchema, refineSchedule, scheduleShape } from '@pumpdesk/domain';
import { z } from 'zod';
import { findingSchema } from './findings.ts';
import {
  calendarDateSchema,
  decimalPlacesCheck,
  instantSchema,
  nonEmptyTextSchema,
  withDecimalPlaces,
} from './primitives.ts';

// Dose programs (docs/domain.md, "Dose programs"): POST /api/pumps/:pumpId/dose-programs/preview judges a
// new program without saving it (old vs new daily dose, the change, the safety findings, the alarm and
// due dates it brings); POST /api/pumps/:pumpId/dose-programs records it after the same checks (never an
// edit: the sequence of programs is the dose history); GET lists that history.

/** The program's fields as the physician enters them, without when it takes effect. */
const programFields = {
  concentrationMcgPerMl: withDecimalPlaces(z.number().positive().max(100_000), 2),
  ...scheduleShape,
  reason: nonEmptyTextSchema(500),
  titrationOverrideReason: nonEmptyTextSchema(500)
    .nullable()
    .default(null)
    .describe("A physician's reason for a change beyond the titration limit (an override)"),
};

type ScheduleDecimals = {
  continuousDoseMcgPerDay: number | null;
  steps: readonly { rateMcgPerHour: number }[];
  boluses: readonly { doseMcg: number }[];
  patientBolus: { doseMcg: number } | null;
};

/**
 * The schedule's numbers as the database keeps them (prisma/schema.prisma): doses in mcg with 3
 * decimals, rates in mcg/h with 4. More places are refused: rounded on save, 0.0004 mcg/day would be
 * judged as a dose and stored as 0 (a stopped pump without the override a stop needs).
 */
function refineScheduleDecimals(schedule: ScheduleDecimals, context: z.RefinementCtx): void {
  const checks: [number | null | undefined, number, (string | number)[]][] = [
    [schedule.continuousDoseMcgPerDay, 3, ['continuousDoseMcgPerDay']],
    ...schedule.steps.map((step, index): [number, number, (string | number)[]] => [
      step.rateMcgPerHour,
      4,
      ['steps', index, 'rateMcgPerHour'],
    ]),
    ...schedule.boluses.map((bolus, index): [number, number, (string | number)[]] => [
      bolus.doseMcg,
      3,
      ['boluses', index, 'doseMcg'],
    ]),
    [schedule.patientBolus?.doseMcg, 3, ['patientBolus', 'doseMcg']],
  ];
  for (const [value, places, path] of checks) {
    if (value === null || value === undefined) continue;
    const { check, issue } = decimalPlacesCheck(places);
    if (!check(value)) context.addIssue({ code: 'custom', path, input: value, ...issue });
  }
}

/** A new program as the physician enters it: the schedule rules are the engine's (dose-program.ts). */
export const doseProgramInputSchema = z
  .object({
    effectiveFrom: instantSchema
      .optional()
      .describe(
        'When it takes effect; now when left out. At most the titration window (24 h) back, 90 days ahead',
      ),
    ...programFields,
  })
  .strict()
  .superRefine(refineSchedule)
  .superRefine(refineScheduleDecimals);
export type DoseProgramInput = z.input<typeof doseProgramInputSchema>;
export type DoseProgramInputValues = z.output<typeof doseProgramInputSchema>;

/** A program recorded with a refill (a change of concentration): it takes effect at the refill. */
export const refillProgramInputSchema = z
  .object(programFields)
  .strict()
  .superRefine(refineSchedule)
  .superRefine(refineScheduleDecimals);
export type RefillProgramInputValues = z.output<typeof refillProgramInputSchema>;

export const pumpIdParamsSchema = z.object({ pumpId: z.uuid() });

/** Which limit set the refill due date: the earliest of the three (docs/domain.md). */
export const dueDateReasonSchema = z.enum(['alarm_margin', 'drug_stability', 'max_interval']);

/** The reservoir's dates as the engine projects them, after a new program or a refill. */
export const projectedDatesFields = {
  alarmAt: instantSchema.nullable(),
  emptyAt: instantSchema.nullable(),
  alarmDate: calendarDateSchema.nullable(),
  dueDate: calendarDateSchema.nullable(),
  dueDateBoundBy: dueDateReasonSchema.nullable(),
  dueMessage: z.string().nullable(),
};

export const doseProgramPreviewSchema = z.object({
  previous: z
    .object({ effectiveFrom: instantSchema, concentrationMcgPerMl: z.number(), dailyDoseMcg: z.number() })
    .nullable(),
  proposed: z.object({
    dailyDoseMcg: z.number().describe('The most delivered in any 24 hours'),
    averageDailyDoseMcg: z.number(),
    byWeekdayMcg: z.array(z.number()).length(7).describe('Monday to Sunday'),
  }),
  changePercent: z.number().nullable(),
  allowed: z.boolean().describe('False when a finding refuses it or needs an override not given'),
  blocking: z.array(findingSchema),
  findings: z.array(findingSchema),
  ...projectedDatesFields,
});
export type DoseProgramPreview = z.infer<typeof doseProgramPreviewSchema>;

/** Who programmed or performed a clinical record: the user's id and name. */
export const recordedBySchema = z.object({ id: z.uuid(), name: z.string() });

/** A recorded program, as the dose history lists it. */
export const doseProgramRecordSchema = z.object({
  id: z.uuid(),
  pumpId: z.uuid(),
  effectiveFrom: instantSchema,
  concentrationMcgPerMl: z.number(),
  mode: doseModeSchema,
  continuousDoseMcgPerDay: z.number().nullable(),
  steps: z.array(
    z.object({
      startMinute: z.number().int(),
      rateMcgPerHour: z.number(),
      weekdays: z.array(z.number().int()),
    }),
  ),
  boluses: z.array(
    z.object({
      startMinute: z.number().int(),
      doseMcg: z.number(),
      durationMinutes: z.number().int(),
      weekdays: z.array(z.number().int()),
    }),
  ),
  patientBolus: z
    .object({ doseMcg: z.number(), maxPerDay: z.number().int(), lockoutMinutes: z.number().int() })
    .nullable(),
  dailyDoseMcg: z.number().describe('The most delivered in any 24 hours, patient boluses at their maximum'),
  programmedBy: recordedBySchema,
  reason: z.string(),
  titrationOverride: z.boolean(),
  titrationOverrideReason: z.string().nullable(),
  createdAt: instantSchema,
});
export type DoseProgramRecord = z.infer<typeof doseProgramRecordSchema>;

/** 201 of POST /api/pumps/:pumpId/dose-programs: the saved program and the preview's comparison. */
export const doseProgramCreatedSchema = z.object({
  program: doseProgramRecordSchema,
  comparison: doseProgramPreviewSchema,
});
export type DoseProgramCreated = z.infer<typeof doseProgramCreatedSchema>;

/** GET /api/pumps/:pumpId/dose-programs: the dose history, newest first. */
export const doseProgramHistorySchema = z.object({ items: z.array(doseProgramRecordSchema) });
export type DoseProgramHistory = z.infer<typeof doseProgramHistorySchema>;
