import { z } from 'zod';
import { doseModeSchema } from '@pumpdesk/domain';
import { findingSchema } from './findings.ts';
import { instantSchema } from './primitives.ts';

// The physician's home (issue 6): GET /api/worklists/dose-changes lists the dose programs that took
// effect in the last `days` days, each with the dose before it and the change; GET
// /api/worklists/safety-findings lists the refills of the same window whose stored findings are
// critical or warnings (a possible pocket fill, a residual gap). Both at the user's sites, newest first.

export const REVIEW_DEFAULT_DAYS = 30;
export const REVIEW_MAX_DAYS = 90;
export const REVIEW_DEFAULT_LIMIT = 100;
export const REVIEW_MAX_LIMIT = 200;

export const reviewQuerySchema = z
  .object({
    days: z.coerce
      .number()
      .int()
      .min(1)
      .max(REVIEW_MAX_DAYS)
      .default(REVIEW_DEFAULT_DAYS)
      .describe('How many days back from now'),
    siteId: z.uuid().optional(),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(REVIEW_MAX_LIMIT)
      .default(REVIEW_DEFAULT_LIMIT)
      .describe('At most this many entries, the newest'),
  })
  .strict();
export type ReviewQuery = z.output<typeof reviewQuerySchema>;

const reviewPatientSchema = z.object({
  id: z.uuid(),
  mrn: z.string(),
  givenName: z.string(),
  familyName: z.string(),
});
const reviewSiteSchema = z.object({ id: z.uuid(), name: z.string(), timeZone: z.string() });

export const doseChangeEntrySchema = z.object({
  patient: reviewPatientSchema,
  site: reviewSiteSchema,
  pumpId: z.uuid(),
  programId: z.uuid(),
  effectiveFrom: instantSchema,
  mode: doseModeSchema,
  concentrationMcgPerMl: z.number(),
  dailyDoseMcg: z.number(),
  previousDailyDoseMcg: z
    .number()
    .nullable()
    .describe("The pump's program before this one; null for a first program"),
  changePercent: z.number().nullable().describe('Null for a first program or a restart from 0'),
  programmedBy: z.object({ id: z.uuid(), name: z.string() }),
  reason: z.string(),
  titrationOverride: z.boolean(),
  titrationOverrideReason: z.string().nullable(),
});
export type DoseChangeEntry = z.infer<typeof doseChangeEntrySchema>;

export const doseChangeListSchema = z.object({
  days: z.number().int(),
  items: z.array(doseChangeEntrySchema),
});
export type DoseChangeList = z.infer<typeof doseChangeListSchema>;

export const safetyFindingEntrySchema = z.object({
  patient: reviewPatientSchema,
  site: reviewSiteSchema,
  pumpId: z.uuid(),
  refillId: z.uuid(),
  performedAt: instantSchema,
  performedBy: z.object({ id: z.uuid(), name: z.string() }),
  findings: z.array(findingSchema).describe('The critical and warning findings stored with the refill'),
});
export type SafetyFindingEntry = z.infer<typeof safetyFindingEntrySchema>;

export const safetyFindingListSchema = z.object({
  days: z.number().int(),
  items: z.array(safetyFindingEntrySchema),
});
export type SafetyFindingList = z.infer<typeof safetyFindingListSchema>;
