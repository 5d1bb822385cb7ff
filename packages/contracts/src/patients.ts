import { z } from 'zod';
import { diagnosisSchema, patientStatusSchema, sexSchema } from './enums.ts';
import { calendarDateSchema } from './primitives.ts';

export const PATIENT_LIST_DEFAULT_LIMIT = 50;
export const PATIENT_LIST_MAX_LIMIT = 200;

/** A query-string list filter that may repeat (?status=active&status=trial): always an array. */
const repeatable = <T extends z.ZodType>(item: T) =>
  z
    .union([item, z.array(item)])
    .optional()
    .transform((value) =>
      value === undefined
        ? undefined
        : Array.isArray(value)
          ? (value as z.output<T>[])
          : [value as z.output<T>],
    );

/** `true` or `false` in a query string (z.coerce.boolean would read "false" as true). */
const queryBoolean = z
  .enum(['true', 'false'])
  .optional()
  .transform((value) => (value === undefined ? undefined : value === 'true'));

/** The orders GET /api/patients can sort by: an allow-list, each ending in the id to break ties. */
export const patientSortSchema = z.enum(['name', 'mrn', 'dateOfBirth', 'createdAt']);
export type PatientSort = z.infer<typeof patientSortSchema>;

/**
 * Query string of GET /api/patients. `status` and `diagnosis` may repeat (?status=active&status=trial).
 * A cursor belongs to the sort and order it was issued for.
 */
export const patientListQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe('Search: MRN (exact or prefix) or any part of the given or family name'),
  siteId: z.uuid().optional(),
  status: repeatable(patientStatusSchema),
  physicianId: z.uuid().optional().describe('The responsible physician'),
  diagnosis: repeatable(diagnosisSchema),
  highRisk: queryBoolean.describe(
    'Explicit flag or a withdrawal-risk factor (injury at/above T6, cannot communicate), as in the items',
  ),
  hasPump: queryBoolean.describe('Has an implanted pump'),
  sort: patientSortSchema
    .default('name')
    .describe('name (family, given), mrn, dateOfBirth or createdAt; the id breaks ties'),
  order: z.enum(['asc', 'desc']).default('asc'),
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
