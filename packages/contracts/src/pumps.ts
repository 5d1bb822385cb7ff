import { z } from 'zod';
import { pumpStatusSchema } from './enums.ts';
import { calendarDateSchema, instantSchema, nonEmptyTextSchema } from './primitives.ts';

// Pumps: the model catalogue, implant, interrogations, explant and replacement (issue 4).
// Enum values are the database's (prisma/schema.prisma); the order is the schema's.

export const explantReasonSchema = z.enum([
  'battery_end_of_life',
  'replacement_elective',
  'infection',
  'malfunction',
  'catheter_complication',
  'therapy_stopped',
  'patient_request',
  'deceased',
  'other',
]);
export type ExplantReason = z.infer<typeof explantReasonSchema>;

export const catheterStatusSchema = z.enum(['in_use', 'removed']);
export type CatheterStatus = z.infer<typeof catheterStatusSchema>;

/** The battery as the pump reports it at an interrogation (not the engine's battery assessment). */
export const interrogatedBatteryStatusSchema = z.enum(['ok', 'low', 'eri', 'end_of_service', 'unknown']);
export type InterrogatedBatteryStatus = z.infer<typeof interrogatedBatteryStatusSchema>;

export const pumpAlarmSchema = z.enum([
  'low_reservoir',
  'empty_reservoir',
  'elective_replacement',
  'end_of_service',
  'motor_stall',
  'critical_error',
  'other',
]);
export type PumpAlarm = z.infer<typeof pumpAlarmSchema>;

export const interrogationReasonSchema = z.enum([
  'routine',
  'refill',
  'post_mri',
  'alarm',
  'troubleshooting',
  'reprogramming',
]);
export type InterrogationReason = z.infer<typeof interrogationReasonSchema>;

/** A vertebral level (C1–C8, T1–T12, L1–L5, S1–S5), written upper-case: where a catheter tip sits. */
export const vertebralLevelSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(C[1-8]|T([1-9]|1[0-2])|L[1-5]|S[1-5])$/, 'must be a vertebral level such as T10')
  .meta({ example: 'T10' });

/** A volume in mL as the database stores it (two decimals). */
const millilitresSchema = z.number().multipleOf(0.01);

export const patientPumpsParamsSchema = z.object({ patientId: z.uuid() });

// ─── The catalogue ───────────────────────────────────────────────────────────────────────────────

export const pumpModelSchema = z.object({
  id: z.uuid(),
  manufacturer: z.string(),
  model: z.string(),
  reservoirMl: z.number(),
  defaultAlarmVolumeMl: z.number().describe('Low-reservoir alarm volume unless the pump overrides it'),
  batteryLifeMinYears: z.number(),
  batteryLifeMaxYears: z.number(),
  eriToEndOfServiceDays: z
    .number()
    .int()
    .nullable()
    .describe('Days the pump keeps running after ERI; null when the maker does not say'),
});
export type PumpModel = z.infer<typeof pumpModelSchema>;

export const pumpModelListSchema = z.object({ items: z.array(pumpModelSchema) });
export type PumpModelList = z.infer<typeof pumpModelListSchema>;

// ─── Pumps ───────────────────────────────────────────────────────────────────────────────────────

export const catheterSchema = z.object({
  id: z.uuid(),
  implantDate: calendarDateSchema,
  tipLevel: z.string(),
  status: catheterStatusSchema,
  removedDate: calendarDateSchema.nullable(),
  notes: z.string().nullable(),
  version: z.number().int(),
});
export type Catheter = z.infer<typeof catheterSchema>;

export const pumpSchema = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  status: pumpStatusSchema,
  serialNumber: z.string(),
  implantDate: calendarDateSchema,
  explantDate: calendarDateSchema.nullable(),
  explantReason: explantReasonSchema.nullable(),
  explantNote: z.string().nullable(),
  alarmVolumeOverrideMl: z.number().nullable(),
  alarmVolumeMl: z.number().describe("The pump's override, else the model's default"),
  eriReportedDate: calendarDateSchema
    .nullable()
    .describe('The first day an interrogation showed the elective replacement indicator'),
  model: pumpModelSchema,
  catheter: catheterSchema.nullable(),
  version: z.number().int(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type Pump = z.infer<typeof pumpSchema>;

export const pumpListSchema = z.object({
  items: z.array(pumpSchema).describe('Implanted and explanted, newest implant first'),
});
export type PumpList = z.infer<typeof pumpListSchema>;

export const interrogationSchema = z.object({
  id: z.uuid(),
  pumpId: z.uuid(),
  interrogatedAt: instantSchema,
  performedBy: z.object({ id: z.uuid(), name: z.string() }),
  reason: interrogationReasonSchema,
  batteryStatus: interrogatedBatteryStatusSchema,
  eriReported: z.boolean(),
  reservoirVolumeMl: z.number().nullable(),
  alarms: z.array(pumpAlarmSchema),
  notes: z.string().nullable(),
  createdAt: instantSchema,
});
export type Interrogation = z.infer<typeof interrogationSchema>;

export const pumpDetailSchema = pumpSchema.extend({
  lastInterrogation: interrogationSchema.nullable(),
});
export type PumpDetail = z.infer<typeof pumpDetailSchema>;

// ─── Implant ─────────────────────────────────────────────────────────────────────────────────────

export const newCatheterInputSchema = z
  .object({
    implantDate: calendarDateSchema,
    tipLevel: vertebralLevelSchema,
    notes: nonEmptyTextSchema(2000).nullable().default(null),
  })
  .strict();

export const existingCatheterInputSchema = z
  .object({ catheterId: z.uuid().describe("An in-use catheter of this patient's") })
  .strict();

/** The new pump itself; a replacement takes the same fields (its catheter is the old pump's). */
const newPumpShape = {
  modelId: z.uuid().describe('An active model of the catalogue (GET /api/pump-models)'),
  serialNumber: nonEmptyTextSchema(64).describe('Unique per model'),
  alarmVolumeOverrideMl: millilitresSchema
    .positive()
    .nullable()
    .default(null)
    .describe("Per-pump low-reservoir alarm volume; must be below the model's reservoir"),
};

export const pumpImplantInputSchema = z
  .object({
    ...newPumpShape,
    implantDate: calendarDateSchema.describe("Not in the future (site's zone), not before birth"),
    catheter: z
      .union([existingCatheterInputSchema, newCatheterInputSchema])
      .describe('An in-use catheter of the patient, or the catheter placed with this pump'),
  })
  .strict();
export type PumpImplantInput = z.input<typeof pumpImplantInputSchema>;

// ─── Interrogations ──────────────────────────────────────────────────────────────────────────────

/**
 * Whether an interrogation shows ERI. End of service counts too: the pump passed ERI before it stopped,
 * so the ERI date (and with it the battery's end of service) is set no later than that day.
 */
function eriShown(input: {
  batteryStatus: InterrogatedBatteryStatus;
  alarms: readonly PumpAlarm[];
}): boolean {
  return (
    input.batteryStatus === 'eri' ||
    input.batteryStatus === 'end_of_service' ||
    input.alarms.includes('elective_replacement') ||
    input.alarms.includes('end_of_service')
  );
}

export const interrogationInputSchema = z
  .object({
    interrogatedAt: instantSchema.describe(
      'Not in the future, not before the implant date. Motor stall, critical error, empty reservoir or end of service at the latest interrogation makes the refill critical until a later interrogation no longer shows it (an empty reservoir: or a refill after it)',
    ),
    reason: interrogationReasonSchema.default('routine'),
    batteryStatus: interrogatedBatteryStatusSchema,
    eriReported: z
      .boolean()
      .optional()
      .describe(
        "Whether the pump showed the elective replacement indicator; defaults to true when batteryStatus is 'eri' or 'end_of_service' or the alarms include elective_replacement or end_of_service (a pump at end of service has passed ERI), which it must then be",
      ),
    reservoirVolumeMl: millilitresSchema
      .min(0)
      .nullable()
      .default(null)
      .describe("What the pump reports in the reservoir; at most the model's reservoir"),
    alarms: z.array(pumpAlarmSchema).max(7).default([]),
    notes: nonEmptyTextSchema(2000).nullable().default(null),
  })
  .strict()
  .superRefine((input, context) => {
    if (new Set(input.alarms).size !== input.alarms.length) {
      context.addIssue({ code: 'custom', path: ['alarms'], message: 'lists an alarm twice' });
    }
    if (eriShown(input) && input.eriReported === false) {
      context.addIssue({
        code: 'custom',
        path: ['eriReported'],
        message:
          "must be true when the battery status is 'eri' or 'end_of_service' or the elective replacement or end of service alarm shows",
      });
    }
  })
  .transform((input) => ({ ...input, eriReported: input.eriReported ?? eriShown(input) }));
export type InterrogationInput = z.input<typeof interrogationInputSchema>;

export const INTERROGATION_LIST_DEFAULT_LIMIT = 50;
export const INTERROGATION_LIST_MAX_LIMIT = 200;

export const interrogationListQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(INTERROGATION_LIST_MAX_LIMIT)
    .default(INTERROGATION_LIST_DEFAULT_LIMIT),
  cursor: z.string().max(500).optional().describe('Opaque cursor from the previous page (nextCursor)'),
});
export type InterrogationListQuery = z.output<typeof interrogationListQuerySchema>;

export const interrogationPageSchema = z.object({
  items: z.array(interrogationSchema).describe('Newest first'),
  nextCursor: z.string().nullable(),
});
export type InterrogationPage = z.infer<typeof interrogationPageSchema>;

export const interrogationRecordedSchema = z.object({
  interrogation: interrogationSchema,
  pump: pumpSchema.describe('The pump after the write (its ERI date and version may have moved)'),
});
export type InterrogationRecorded = z.infer<typeof interrogationRecordedSchema>;

// ─── Explant and replacement ─────────────────────────────────────────────────────────────────────

export const pumpExplantInputSchema = z
  .object({
    version: z.number().int().min(1).describe('The pump version the client read'),
    explantDate: calendarDateSchema.describe('Not before the implant date, not in the future'),
    reason: explantReasonSchema,
    note: nonEmptyTextSchema(2000).nullable().default(null),
    catheterRemoved: z
      .boolean()
      .default(false)
      .describe('True when the catheter came out too: it is closed (removed on the explant date)'),
  })
  .strict();
export type PumpExplantInput = z.input<typeof pumpExplantInputSchema>;

/** A replacement keeps the therapy going: reasons that end it belong to an explant. */
export const replacementExplantReasonSchema = explantReasonSchema.exclude(['therapy_stopped', 'deceased']);

export const pumpReplaceInputSchema = z
  .object({
    version: z.number().int().min(1).describe('The old pump version the client read'),
    replacementDate: calendarDateSchema.describe(
      "The old pump's explant date and the new one's implant date",
    ),
    explantReason: replacementExplantReasonSchema,
    note: nonEmptyTextSchema(2000).nullable().default(null),
    newPump: z.object(newPumpShape).strict(),
  })
  .strict();
export type PumpReplaceInput = z.input<typeof pumpReplaceInputSchema>;

export const pumpReplacementSchema = z.object({
  explanted: pumpSchema,
  implanted: pumpSchema.describe('On the same catheter; it has no dose program or refill yet'),
});
export type PumpReplacement = z.infer<typeof pumpReplacementSchema>;
