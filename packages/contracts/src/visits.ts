import { z } from 'zod';
import { calendarDateSchema, instantSchema, nonEmptyTextSchema } from './primitives.ts';

// Follow-up visits and the spasticity scores recorded at them (docs/domain.md, "Follow-up and
// scores"). The API speaks the clinicians' notation ('1+'), the database an ordinal enum (mas_1_plus).

/** Modified Ashworth Scale, an ordinal: 0, 1, 1+, 2, 3, 4 (never a number: 1+ sits between 1 and 2). */
export const ashworthScoreSchema = z.enum(['0', '1', '1+', '2', '3', '4']);
export type AshworthScore = z.infer<typeof ashworthScoreSchema>;

/** Penn Spasm Frequency Scale, 0 (no spasms) to 4 (more than ten an hour). */
export const pennFrequencySchema = z.number().int().min(0).max(4);
/** Penn spasm severity, 1 (mild) to 3 (severe); only recorded when there are spasms (frequency ≥ 1). */
export const pennSeveritySchema = z.number().int().min(1).max(3);

export const visitTypeSchema = z.enum([
  'review',
  'titration',
  'refill_and_review',
  'post_implant',
  'emergency',
]);
export type VisitType = z.infer<typeof visitTypeSchema>;

/** CPT/HCPCS codes (62367–62370, 95990/95991...): five letters or digits, stored upper-case. */
export const visitBillingCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-Z]{5}$/, 'A billing code is five letters or digits (CPT 62368, 95990)');
export const visitBillingCodesSchema = z
  .array(visitBillingCodeSchema)
  .max(20)
  .transform((codes) => [...new Set(codes)]);

export const CLINICAL_NOTES_MAX_LENGTH = 4000;

/**
 * The Penn rule the database's CHECK constraint enforces, checked first so the client gets a field
 * error: severity with spasms (frequency 1–4), none without (frequency 0), never severity alone.
 */
export function pennIssue(
  frequency: number | null | undefined,
  severity: number | null | undefined,
): { path: 'pennFrequency' | 'pennSeverity'; message: string } | null {
  const hasFrequency = frequency !== null && frequency !== undefined;
  const hasSeverity = severity !== null && severity !== undefined;
  if (hasFrequency && frequency === 0 && hasSeverity) {
    return { path: 'pennSeverity', message: 'No severity when the Penn spasm frequency is 0' };
  }
  if (hasFrequency && frequency > 0 && !hasSeverity) {
    return { path: 'pennSeverity', message: 'A Penn spasm frequency of 1–4 needs a severity (1–3)' };
  }
  if (!hasFrequency && hasSeverity) {
    return { path: 'pennFrequency', message: 'A Penn severity needs the spasm frequency' };
  }
  return null;
}

const visitFields = {
  visitDate: calendarDateSchema.describe("The day of the visit, in the site's calendar; not in the future"),
  type: visitTypeSchema,
  clinicianId: z.uuid().describe("A user working at the patient's site; the current user when left out"),
  ashworth: ashworthScoreSchema.nullable(),
  pennFrequency: pennFrequencySchema.nullable(),
  pennSeverity: pennSeveritySchema.nullable().describe('1–3; absent when the frequency is 0'),
  notes: nonEmptyTextSchema(CLINICAL_NOTES_MAX_LENGTH).nullable(),
  billingCodes: visitBillingCodesSchema,
};

/** POST /api/patients/:patientId/visits */
export const visitCreateSchema = z
  .object({
    visitDate: visitFields.visitDate,
    type: visitFields.type,
    clinicianId: visitFields.clinicianId.optional(),
    ashworth: visitFields.ashworth.default(null),
    pennFrequency: visitFields.pennFrequency.default(null),
    pennSeverity: visitFields.pennSeverity.default(null),
    notes: visitFields.notes.default(null),
    billingCodes: visitFields.billingCodes.default([]),
  })
  .strict()
  .superRefine((visit, context) => {
    const issue = pennIssue(visit.pennFrequency, visit.pennSeverity);
    if (issue) context.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  });
export type VisitCreate = z.output<typeof visitCreateSchema>;
export type VisitCreateInput = z.input<typeof visitCreateSchema>;

/**
 * PATCH /api/visits/:visitId: a correction. `version` is the one read; fields left out keep their
 * value, null clears an optional one. The Penn pair is checked again against the stored row.
 */
export const visitUpdateSchema = z
  .object({
    version: z.number().int().positive(),
    visitDate: visitFields.visitDate.optional(),
    type: visitFields.type.optional(),
    clinicianId: visitFields.clinicianId.optional(),
    ashworth: visitFields.ashworth.optional(),
    pennFrequency: visitFields.pennFrequency.optional(),
    pennSeverity: visitFields.pennSeverity.optional(),
    notes: visitFields.notes.optional(),
    billingCodes: visitFields.billingCodes.optional(),
  })
  .strict()
  .superRefine((visit, context) => {
    const { version: _version, ...changes } = visit;
    // Fields left out are absent from the parsed object (never present as undefined).
    if (Object.keys(changes).length === 0) {
      context.addIssue({ code: 'custom', path: [], message: 'Nothing to change: give at least one field' });
    }
    // Both given: the pair is judged here; one alone is judged with the stored other by the use case.
    if (visit.pennFrequency !== undefined && visit.pennSeverity !== undefined) {
      const issue = pennIssue(visit.pennFrequency, visit.pennSeverity);
      if (issue) context.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
    }
  });
export type VisitUpdate = z.output<typeof visitUpdateSchema>;
export type VisitUpdateInput = z.input<typeof visitUpdateSchema>;

export const visitUserRefSchema = z.object({ id: z.uuid(), name: z.string() });

export const visitSchema = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  visitDate: calendarDateSchema,
  type: visitTypeSchema,
  clinician: visitUserRefSchema,
  ashworth: ashworthScoreSchema.nullable(),
  pennFrequency: z.number().int().nullable(),
  pennSeverity: z.number().int().nullable(),
  notes: z.string().nullable(),
  billingCodes: z.array(z.string()),
  version: z.number().int(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type Visit = z.infer<typeof visitSchema>;

export const VISIT_LIST_DEFAULT_LIMIT = 50;
export const VISIT_LIST_MAX_LIMIT = 200;

export const visitListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(VISIT_LIST_MAX_LIMIT).default(VISIT_LIST_DEFAULT_LIMIT),
  cursor: z.string().max(500).optional().describe('Opaque cursor from the previous page (nextCursor)'),
});
export type VisitListQuery = z.output<typeof visitListQuerySchema>;

export const visitListPageSchema = z.object({
  items: z.array(visitSchema).describe('Newest first'),
  nextCursor: z.string().nullable(),
});
export type VisitListPage = z.infer<typeof visitListPageSchema>;

export const visitPatientParamsSchema = z.object({ patientId: z.uuid() });
export const visitIdParamsSchema = z.object({ visitId: z.uuid() });
