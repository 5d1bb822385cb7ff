import { doseModeSchema, refineSchedule, scheduleShape } from '@pumpdesk/domain';
import { z } from 'zod';
import { findingSchema } from './findings.ts';
import { calendarDateSchema, instantSchema, nonEmptyTextSchema } from './primitives.ts';

// Dose programs (docs/domain.md, "Dose programs"): POST /api/pumps/:pumpId/dose-programs/preview judges a
// new program without saving it (old vs new daily dose, the change, the safety findings, the alarm and
// due dates it brings); POST /api/pumps/:pumpId/dose-programs records it after the same checks (never an
// edit: the sequence of programs is the dose history); GET lists that history.

/** The program's fields as the physician enters them, without when it takes effect. */
const programFields = {
  concentrationMcgPerMl: z.number().positive().max(100_000),
  ...scheduleShape,
  reason: nonEmptyTextSchema(500),
  titrationOverrideReason: nonEmptyTextSchema(500)
    .nullable()
    .default(null)
    .describe("A physician's reason for a change beyond the titration limit (an override)"),
};

/** A new program as the physician enters it: the schedule rules are the engine's (dose-program.ts). */
export const doseProgramInputSchema = z
  .object({
    effectiveFrom: instantSchema.optional().describe('When it takes effect; now when left out'),
    ...programFields,
  })
  .strict()
  .superRefine(refineSchedule);
export type DoseProgramInput = z.input<typeof doseProgramInputSchema>;
export type DoseProgramInputValues = z.output<typeof doseProgramInputSchema>;

/** A program recorded with a refill (a change of concentration): it takes effect at the refill. */
export const refillProgramInputSchema = z.object(programFields).strict().superRefine(refineSchedule);
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
