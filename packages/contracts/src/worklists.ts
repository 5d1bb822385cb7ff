import { z } from 'zod';
import { urgencySchema } from './patient-detail.ts';
import { calendarDateSchema, instantSchema } from './primitives.ts';

// GET /api/worklists/{refills,batteries,follow-ups}: who needs what first, in the engine's priority
// order (urgency, high-risk first, then date), each entry with the sentence that explains it.

export const WORKLIST_DEFAULT_LIMIT = 50;
export const WORKLIST_MAX_LIMIT = 200;
/** A CSV download holds at most this many entries (a worklist, not an export of the database). */
export const WORKLIST_CSV_MAX_ROWS = 10_000;

export const refillStatusSchema = z.enum(['critical', 'unknown', 'overdue', 'due_soon', 'upcoming', 'ok']);
export const batteryStatusSchema = z.enum([
  'ok',
  'approaching',
  'in_window',
  'replacement_overdue',
  'eri_reported',
]);
export const followUpStatusSchema = z.enum(['ok', 'due_soon', 'overdue', 'never_reviewed']);

const repeatable = <T extends z.ZodType>(item: T) =>
  z
    .union([item, z.array(item)])
    .optional()
    .transform((value) => (value === undefined ? undefined : Array.isArray(value) ? value : [value]));

const booleanFlag = z
  .enum(['true', 'false'])
  .optional()
  .transform((value) => (value === undefined ? undefined : value === 'true'));

function worklistQuery<T extends z.ZodType>(status: T) {
  return z
    .object({
      siteId: z.uuid().optional(),
      physicianId: z.uuid().optional().describe('The responsible physician'),
      status: repeatable(status).describe('Only these statuses (repeatable); default: every status but ok'),
      horizonDays: z.coerce
        .number()
        .int()
        .min(0)
        .max(730)
        .optional()
        .describe(
          'Instead of every status but ok: what needs attention now (critical, unknown, overdue; ERI or replacement overdue; review overdue or never done) plus entries whose date falls within this many days of today',
        ),
      highRisk: booleanFlag.describe('true: only high-risk patients'),
      limit: z.coerce.number().int().min(1).max(WORKLIST_MAX_LIMIT).default(WORKLIST_DEFAULT_LIMIT),
      cursor: z.string().max(500).optional().describe('Opaque cursor from the previous page (nextCursor)'),
    })
    .strict();
}

export const refillWorklistQuerySchema = worklistQuery(refillStatusSchema).extend({
  noAppointment: booleanFlag.describe('true: only entries with no refill booked by the due date'),
});

/** What the data layer takes for one page (the parsed query, every filter optional). */
export interface WorklistRequest<Status extends string> {
  siteId?: string | undefined;
  physicianId?: string | undefined;
  status?: readonly Status[] | undefined;
  horizonDays?: number | undefined;
  highRisk?: boolean | undefined;
  limit: number;
  cursor?: string | undefined;
}
export type RefillWorklistQuery = WorklistRequest<z.infer<typeof refillStatusSchema>> & {
  noAppointment?: boolean | undefined;
};
export const refillWorklistCsvQuerySchema = refillWorklistQuerySchema.omit({ limit: true, cursor: true });
export const batteryWorklistQuerySchema = worklistQuery(batteryStatusSchema);
export const batteryWorklistCsvQuerySchema = batteryWorklistQuerySchema.omit({ limit: true, cursor: true });
export type BatteryWorklistQuery = WorklistRequest<z.infer<typeof batteryStatusSchema>>;
export const followUpWorklistQuerySchema = worklistQuery(followUpStatusSchema);
export const followUpWorklistCsvQuerySchema = followUpWorklistQuerySchema.omit({ limit: true, cursor: true });
export type FollowUpWorklistQuery = WorklistRequest<z.infer<typeof followUpStatusSchema>>;

const entryBase = {
  patient: z.object({ id: z.uuid(), mrn: z.string(), givenName: z.string(), familyName: z.string() }),
  pump: z.object({ id: z.uuid(), manufacturer: z.string(), model: z.string(), serialNumber: z.string() }),
  site: z.object({ id: z.uuid(), name: z.string() }),
  responsiblePhysician: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  urgency: urgencySchema.describe("The engine's urgency: the first key of the order"),
  highRisk: z.boolean(),
  today: calendarDateSchema.describe("Today in the site's calendar"),
  message: z.string().describe('One sentence with the dates behind the status'),
};

export const refillWorklistEntrySchema = z.object({
  ...entryBase,
  status: refillStatusSchema,
  dueDate: calendarDateSchema.nullable(),
  dueDateBoundBy: z.enum(['alarm_margin', 'drug_stability', 'max_interval']).nullable(),
  daysUntilDue: z.number().int().nullable(),
  alarmAt: instantSchema.nullable(),
  alarmDate: calendarDateSchema.nullable(),
  emptyAt: instantSchema.nullable(),
  emptyDate: calendarDateSchema.nullable(),
  criticalSince: calendarDateSchema.nullable(),
  nextBookedRefill: calendarDateSchema.nullable(),
  noAppointmentByDueDate: z.boolean(),
});
export type RefillWorklistEntry = z.infer<typeof refillWorklistEntrySchema>;

export const batteryWorklistEntrySchema = z.object({
  ...entryBase,
  status: batteryStatusSchema,
  windowStart: calendarDateSchema,
  recommendedReplacement: calendarDateSchema,
  estimatedEnd: calendarDateSchema,
  endOfService: calendarDateSchema.nullable(),
  eriReportedDate: calendarDateSchema.nullable(),
  pastEstimatedEnd: z.boolean(),
  daysToRecommended: z.number().int(),
});
export type BatteryWorklistEntry = z.infer<typeof batteryWorklistEntrySchema>;

export const followUpWorklistEntrySchema = z.object({
  ...entryBase,
  status: followUpStatusSchema,
  lastReview: calendarDateSchema.nullable(),
  nextReviewDue: calendarDateSchema,
  daysUntilDue: z.number().int(),
});
export type FollowUpWorklistEntry = z.infer<typeof followUpWorklistEntrySchema>;

const pageOf = <T extends z.ZodType>(entry: T) =>
  z.object({ items: z.array(entry), nextCursor: z.string().nullable() });

export const refillWorklistPageSchema = pageOf(refillWorklistEntrySchema);
export type RefillWorklistPage = z.infer<typeof refillWorklistPageSchema>;
export const batteryWorklistPageSchema = pageOf(batteryWorklistEntrySchema);
export type BatteryWorklistPage = z.infer<typeof batteryWorklistPageSchema>;
export const followUpWorklistPageSchema = pageOf(followUpWorklistEntrySchema);
export type FollowUpWorklistPage = z.infer<typeof followUpWorklistPageSchema>;
