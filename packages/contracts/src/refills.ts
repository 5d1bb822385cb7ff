import { z } from 'zod';
import {
  doseProgramPreviewSchema,
  dueDateReasonSchema,
  projectedDatesFields,
  doseProgramRecordSchema,
  recordedBySchema,
  refillProgramInputSchema,
} from './dose-programs.ts';
import { findingSchema } from './findings.ts';
import { calendarDateSchema, instantSchema, nonEmptyTextSchema, withDecimalPlaces } from './primitives.ts';

// Refills (docs/domain.md, "Refill math", "Residual check", "Concentration check at refill"):
// POST /api/pumps/:pumpId/refills records one after the engine's checks (Idempotency-Key supported),
// POST .../refills/preview runs the same checks without saving, PATCH /api/refills/:refillId amends
// one (a correction, with its reason), GET /api/pumps/:pumpId/refills lists them.

export const refillLocationSchema = z.enum(['clinic', 'home']);

/** Volumes are stored with 2 decimals, up to 9999.99 mL; no pump holds more than a few tens of mL. */
const volumeSchema = withDecimalPlaces(z.number().min(0).max(1000), 2);
/** Stored with 2 decimals (mcg/mL). */
const concentrationSchema = withDecimalPlaces(z.number().positive().max(100_000), 2);
const billingCodesSchema = z.array(z.string().trim().min(1).max(20)).max(20);

/** The refill's measured and recorded values (shared by record and amend). */
const refillValueFields = {
  performedAt: instantSchema.describe('When the refill was done; not in the future'),
  expectedResidualMl: volumeSchema.describe('The residual the pump expected (programmer reading)'),
  withdrawnVolumeMl: volumeSchema.describe('What was actually withdrawn'),
  concentrationMcgPerMl: concentrationSchema.describe('Concentration of the drug filled'),
  volumeFilledMl: volumeSchema.describe('Volume injected into the reservoir'),
  reservoirVolumeAfterMl: volumeSchema.describe('Reservoir volume entered into the pump after the fill'),
  drugLot: nonEmptyTextSchema(100).nullable(),
  drugExpiry: calendarDateSchema.nullable(),
  notes: nonEmptyTextSchema(2000).nullable(),
  complications: nonEmptyTextSchema(2000).nullable(),
};

export const refillInputSchema = z
  .object({
    ...refillValueFields,
    location: refillLocationSchema,
    drugLot: refillValueFields.drugLot.default(null),
    drugExpiry: refillValueFields.drugExpiry.default(null),
    notes: refillValueFields.notes.default(null),
    complications: refillValueFields.complications.default(null),
    billingCodes: billingCodesSchema.default([]),
    newProgram: refillProgramInputSchema
      .nullable()
      .default(null)
      .describe(
        'A physician’s new program recorded in the same step, taking effect at the refill: required when the concentration changes',
      ),
  })
  .strict();
export type RefillInput = z.input<typeof refillInputSchema>;
export type RefillInputValues = z.output<typeof refillInputSchema>;

/** The fields an amendment may correct. */
export const REFILL_CORRECTABLE_FIELDS = [
  'performedAt',
  'expectedResidualMl',
  'withdrawnVolumeMl',
  'concentrationMcgPerMl',
  'volumeFilledMl',
  'reservoirVolumeAfterMl',
  'drugLot',
  'drugExpiry',
  'notes',
  'complications',
] as const;
export type RefillCorrectableField = (typeof REFILL_CORRECTABLE_FIELDS)[number];

export const refillAmendmentSchema = z
  .object({
    version: z.int().min(1).describe('The version read; a stale one is refused (409)'),
    amendmentReason: nonEmptyTextSchema(500).describe('Why the record is corrected'),
    performedAt: refillValueFields.performedAt.optional(),
    expectedResidualMl: refillValueFields.expectedResidualMl.optional(),
    withdrawnVolumeMl: refillValueFields.withdrawnVolumeMl.optional(),
    concentrationMcgPerMl: refillValueFields.concentrationMcgPerMl.optional(),
    volumeFilledMl: refillValueFields.volumeFilledMl.optional(),
    reservoirVolumeAfterMl: refillValueFields.reservoirVolumeAfterMl.optional(),
    drugLot: refillValueFields.drugLot.optional(),
    drugExpiry: refillValueFields.drugExpiry.optional(),
    notes: refillValueFields.notes.optional(),
    complications: refillValueFields.complications.optional(),
  })
  .strict()
  .refine((body) => REFILL_CORRECTABLE_FIELDS.some((field) => body[field] !== undefined), {
    message: `Give at least one field to correct (${REFILL_CORRECTABLE_FIELDS.join(', ')})`,
    path: ['amendmentReason'],
  });
export type RefillAmendment = z.input<typeof refillAmendmentSchema>;
export type RefillAmendmentValues = z.output<typeof refillAmendmentSchema>;

/** A recorded refill, with the findings and the dates computed when it was recorded (or amended). */
export const refillRecordSchema = z.object({
  id: z.uuid(),
  pumpId: z.uuid(),
  performedAt: instantSchema,
  performedBy: recordedBySchema,
  location: refillLocationSchema,
  expectedResidualMl: z.number(),
  withdrawnVolumeMl: z.number(),
  concentrationMcgPerMl: z.number(),
  volumeFilledMl: z.number(),
  reservoirVolumeAfterMl: z.number(),
  drugLot: z.string().nullable(),
  drugExpiry: calendarDateSchema.nullable(),
  notes: z.string().nullable(),
  complications: z.string().nullable(),
  billingCodes: z.array(z.string()),
  findings: z.array(findingSchema).describe('Safety findings stored with the refill (residual gap...)'),
  alarmAtSnapshot: instantSchema.nullable(),
  emptyAtSnapshot: instantSchema.nullable(),
  dueDateSnapshot: calendarDateSchema.nullable(),
  dueDateReasonSnapshot: dueDateReasonSchema.nullable(),
  amendedAt: instantSchema.nullable(),
  amendmentReason: z.string().nullable(),
  version: z.number().int(),
  createdAt: instantSchema,
});
export type RefillRecord = z.infer<typeof refillRecordSchema>;

/** 201 of a recorded refill and 200 of an amendment. */
export const refillWriteResultSchema = z.object({
  refill: refillRecordSchema,
  doseProgram: doseProgramRecordSchema.nullable().describe('The program recorded in the same step, if any'),
  findings: z.array(findingSchema),
  ...projectedDatesFields,
});
export type RefillWriteResult = z.infer<typeof refillWriteResultSchema>;

/** 200 of POST /api/pumps/:pumpId/refills/preview: nothing is saved. */
export const refillPreviewSchema = z.object({
  allowed: z.boolean().describe('False when the refill or its new program would be refused'),
  blocking: z.array(findingSchema),
  findings: z.array(findingSchema),
  programComparison: doseProgramPreviewSchema
    .nullable()
    .describe("The new program's comparison, when one is given"),
  ...projectedDatesFields,
});
export type RefillPreview = z.infer<typeof refillPreviewSchema>;

export const REFILL_LIST_MAX_LIMIT = 200;
export const REFILL_LIST_DEFAULT_LIMIT = 50;

export const refillListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(REFILL_LIST_MAX_LIMIT).default(REFILL_LIST_DEFAULT_LIMIT),
  cursor: z.string().max(500).optional().describe('nextCursor of the previous page'),
});
export type RefillListQuery = z.output<typeof refillListQuerySchema>;

export const refillListPageSchema = z.object({
  items: z.array(refillRecordSchema),
  nextCursor: z.string().nullable(),
});
export type RefillListPage = z.infer<typeof refillListPageSchema>;

export const refillIdParamsSchema = z.object({ refillId: z.uuid() });

/** The Idempotency-Key request header of POST /api/pumps/:pumpId/refills and .../dose-programs (optional). */
export const idempotencyKeyHeadersSchema = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,200}$/, '1–200 visible ASCII characters')
    .optional()
    .describe(
      'Makes a retry safe: the same key and body replay the first response (Idempotent-Replayed: true) without writing again; the same key with another body is refused (422 IDEMPOTENCY_KEY_REUSED). Keys are kept 24 hours.',
    ),
});
