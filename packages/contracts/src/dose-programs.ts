import { refineSchedule, scheduleShape } from '@pumpdesk/domain';
import { z } from 'zod';
import { findingSchema } from './findings.ts';
import { calendarDateSchema, instantSchema, nonEmptyTextSchema } from './primitives.ts';

// POST /api/pumps/:pumpId/dose-programs/preview — a new dose program judged by the engine before it is
// saved: old vs new daily dose, the change, the safety findings, and the alarm and due dates it brings.

/** A new program as the physician enters it: the schedule rules are the engine's (dose-program.ts). */
export const doseProgramInputSchema = z
  .object({
    effectiveFrom: instantSchema.optional().describe('When it takes effect; now when left out'),
    concentrationMcgPerMl: z.number().positive().max(100_000),
    ...scheduleShape,
    reason: nonEmptyTextSchema(500),
    titrationOverrideReason: nonEmptyTextSchema(500)
      .nullable()
      .default(null)
      .describe("A physician's reason for a change beyond the titration limit (an override)"),
  })
  .strict()
  .superRefine(refineSchedule);
export type DoseProgramInput = z.input<typeof doseProgramInputSchema>;

export const pumpIdParamsSchema = z.object({ pumpId: z.uuid() });

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
  alarmAt: instantSchema.nullable(),
  emptyAt: instantSchema.nullable(),
  alarmDate: calendarDateSchema.nullable(),
  dueDate: calendarDateSchema.nullable(),
  dueDateBoundBy: z.enum(['alarm_margin', 'drug_stability', 'max_interval']).nullable(),
  dueMessage: z.string().nullable(),
});
export type DoseProgramPreview = z.infer<typeof doseProgramPreviewSchema>;
