import { z } from 'zod';
import { diagnosisSchema, patientStatusSchema, sexSchema } from './enums.ts';
import { calendarDateSchema } from './primitives.ts';

export const PATIENT_LIST_DEFAULT_LIMIT = 50;
export const PATIENT_LIST_MAX_LIMIT = 200;

/** Query string of GET /api/patients. `status` may repeat (?status=active&status=trial). */
export const patientListQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe('Search: MRN (exact or prefix) or any part of the given or family name'),
  siteId: z.uuid().optional(),
  status: z
    .union([patientStatusSchema, z.array(patientStatusSchema)])
    .optional()
    .transform((value) => (value === undefined ? undefined : Array.isArray(value) ? value : [value])),
  limit: z.coerce.number().int().min(1).max(PATIENT_LIST_MAX_LIMIT).default(PATIENT_LIST_DEFAULT_LIMIT),
  cursor: z.string().max(500).optional().describe('Opaque cursor from the previous page (nextCursor)'),
});
export type PatientListQuery = z.output<typeof patientListQuerySchema>;
export type PatientListQueryInput = z.input<typeof patientListQuerySchema>;

export const currentPumpSummarySchema = z.object({
  id: z.uuid(),
  manufacturer: z.string(),
  model: z.string(),
  reservoirMl: z.number(),
  serialNumber: z.string(),
  implantDate: calendarDateSchema,
  refillDueDate: calendarDateSchema.nullable(),
});
export type CurrentPumpSummary = z.infer<typeof currentPumpSummarySchema>;

export const patientListItemSchema = z.object({
  id: z.uuid(),
  mrn: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: calendarDateSchema,
  sex: sexSchema,
  diagnosis: diagnosisSchema,
  status: patientStatusSchema,
  highRisk: z
    .boolean()
    .describe('Explicit flag or a withdrawal-risk factor (injury at/above T6, cannot communicate)'),
  site: z.object({ id: z.uuid(), name: z.string() }),
  responsiblePhysician: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  currentPump: currentPumpSummarySchema.nullable(),
});
export type PatientListItem = z.infer<typeof patientListItemSchema>;

export const patientListPageSchema = z.object({
  items: z.array(patientListItemSchema),
  nextCursor: z.string().nullable(),
});
export type PatientListPage = z.infer<typeof patientListPageSchema>;
