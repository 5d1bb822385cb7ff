import { z } from 'zod';
import { calendarDateSchema, instantSchema, nonEmptyTextSchema } from './primitives.ts';
import {
  ashworthScoreSchema,
  CLINICAL_NOTES_MAX_LENGTH,
  pennFrequencySchema,
  visitUserRefSchema,
} from './visits.ts';

// Screening trials (docs/domain.md, "Drug"): an intrathecal bolus of 50 mcg, then 75 and 100 mcg on
// following days if there is no response (25 mcg for small children), judged hours later. A responder
// drops at least 2 points on the Ashworth or spasm score for 4 hours.

/**
 * The largest bolus the API accepts. Trial doses are 25–100 mcg; the ceiling leaves room for a
 * clinic's protocol going one step further while refusing a slip of the keyboard (500, 1000).
 */
export const TRIAL_BOLUS_MAX_MCG = 200;

export const trialOutcomeSchema = z.enum(['responder', 'non_responder', 'inconclusive']);
export type TrialOutcome = z.infer<typeof trialOutcomeSchema>;

const trialFields = {
  trialDate: calendarDateSchema.describe(
    "The day of the test dose, in the site's calendar; not in the future",
  ),
  bolusMcg: z
    .number()
    .positive()
    .max(TRIAL_BOLUS_MAX_MCG)
    .describe(`The test bolus (mcg): usually 50, 75 or 100; at most ${String(TRIAL_BOLUS_MAX_MCG)}`),
  performedById: z.uuid().describe("A user working at the patient's site; the current user when left out"),
  ashworthBefore: ashworthScoreSchema.nullable(),
  ashworthAfter: ashworthScoreSchema.nullable(),
  pennBefore: pennFrequencySchema.nullable().describe('Penn spasm frequency 0–4 before the bolus'),
  pennAfter: pennFrequencySchema.nullable().describe('Penn spasm frequency 0–4 hours after the bolus'),
  outcome: trialOutcomeSchema,
  notes: nonEmptyTextSchema(CLINICAL_NOTES_MAX_LENGTH).nullable(),
};

/** POST /api/patients/:patientId/trials */
export const trialCreateSchema = z
  .object({
    trialDate: trialFields.trialDate,
    bolusMcg: trialFields.bolusMcg,
    performedById: trialFields.performedById.optional(),
    ashworthBefore: trialFields.ashworthBefore.default(null),
    ashworthAfter: trialFields.ashworthAfter.default(null),
    pennBefore: trialFields.pennBefore.default(null),
    pennAfter: trialFields.pennAfter.default(null),
    outcome: trialFields.outcome,
    notes: trialFields.notes.default(null),
  })
  .strict();
export type TrialCreate = z.output<typeof trialCreateSchema>;
export type TrialCreateInput = z.input<typeof trialCreateSchema>;

/** PATCH /api/trials/:trialId: a correction with the version read; left-out fields keep their value. */
export const trialUpdateSchema = z
  .object({
    version: z.number().int().positive(),
    trialDate: trialFields.trialDate.optional(),
    bolusMcg: trialFields.bolusMcg.optional(),
    performedById: trialFields.performedById.optional(),
    ashworthBefore: trialFields.ashworthBefore.optional(),
    ashworthAfter: trialFields.ashworthAfter.optional(),
    pennBefore: trialFields.pennBefore.optional(),
    pennAfter: trialFields.pennAfter.optional(),
    outcome: trialFields.outcome.optional(),
    notes: trialFields.notes.optional(),
  })
  .strict()
  .refine(({ version: _version, ...changes }) => Object.keys(changes).length > 0, {
    message: 'Nothing to change: give at least one field',
  });
export type TrialUpdate = z.output<typeof trialUpdateSchema>;
export type TrialUpdateInput = z.input<typeof trialUpdateSchema>;

export const trialSchema = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  trialDate: calendarDateSchema,
  bolusMcg: z.number(),
  performedBy: visitUserRefSchema,
  ashworthBefore: ashworthScoreSchema.nullable(),
  ashworthAfter: ashworthScoreSchema.nullable(),
  pennBefore: z.number().int().nullable(),
  pennAfter: z.number().int().nullable(),
  outcome: trialOutcomeSchema,
  notes: z.string().nullable(),
  version: z.number().int(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type TrialDto = z.infer<typeof trialSchema>;

export const trialListSchema = z.object({ items: z.array(trialSchema).describe('Newest first') });
export type TrialList = z.infer<typeof trialListSchema>;

export const trialIdParamsSchema = z.object({ trialId: z.uuid() });
