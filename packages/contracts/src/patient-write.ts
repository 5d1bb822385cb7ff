import { z } from 'zod';
import {
  ageGroupSchema,
  diagnosisSchema,
  patientStatusSchema,
  sexSchema,
  spasticityOriginSchema,
} from './enums.ts';
import { calendarDateSchema, nonEmptyTextSchema } from './primitives.ts';

// POST /api/patients, PATCH /api/patients/:id, DELETE /api/patients/:id: the patient record as it is
// written. The rules that need two fields or the database (the injury level only for a spinal cord
// injury, a reason with the high-risk flag, a date of birth not after today in the site's zone, the
// site and physician references, the MRN free) are checked on the whole record by the write use case
// (packages/db/src/repositories/patient-writes.ts), so a partial update is judged like a create.

/**
 * A medical record number: letters, digits and `-` `.` `/`. Stored upper-case, so `pd000123` and
 * `PD000123` cannot become two patients.
 */
export const mrnSchema = z
  .string()
  .trim()
  .toUpperCase()
  .min(1)
  .max(32)
  .regex(/^[A-Z0-9][A-Z0-9./-]*$/, 'Letters, digits, "-", "." and "/" only');

/** A neurological level of injury, C1–C8, T1–T12, L1–L5 or S1–S5 (upper-cased). */
export const injuryLevelSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(C[1-8]|T([1-9]|1[0-2])|L[1-5]|S[1-5])$/, 'A level from C1 to S5 (C1–C8, T1–T12, L1–L5, S1–S5)');

/**
 * A date of birth: a real calendar date from 1900 on (calendarDateSchema's range; the site's "not in
 * the future" is checked on write).
 */
export const dateOfBirthSchema = calendarDateSchema;

const patientFieldsShape = {
  mrn: mrnSchema,
  givenName: nonEmptyTextSchema(100),
  familyName: nonEmptyTextSchema(100),
  dateOfBirth: dateOfBirthSchema,
  sex: sexSchema,
  diagnosis: diagnosisSchema,
  injuryLevel: injuryLevelSchema
    .nullable()
    .describe('Only for spinal_cord_injury; sets injuryAtOrAboveT6 (C1–T6 → true)'),
  diagnosisNote: nonEmptyTextSchema(500).nullable(),
  spasticityOrigin: spasticityOriginSchema.describe(
    'Decides the titration limits. Follows the diagnosis (multiple sclerosis, spinal cord injury → spinal; cerebral palsy, stroke, brain injury → cerebral; a contradicting value is refused); required for other',
  ),
  ageGroup: ageGroupSchema.describe('Recorded by the clinic, not derived from the date of birth'),
  injuryAtOrAboveT6: z
    .boolean()
    .describe(
      'Withdrawal-risk factor, only for spinal_cord_injury. Derived from injuryLevel when there is one (a contradicting value is refused); without a level it may be set by hand',
    ),
  cannotCommunicate: z.boolean().describe('Withdrawal-risk factor: cannot report early symptoms'),
  highRisk: z.boolean().describe("The clinician's explicit high-risk flag; needs highRiskReason"),
  highRiskReason: nonEmptyTextSchema(500).nullable().describe('Required with highRisk; cleared without it'),
  status: patientStatusSchema,
  siteId: z.uuid(),
  responsiblePhysicianId: z.uuid().nullable().describe('An active physician of the patient’s site'),
};

/** POST /api/patients body. */
export const patientCreateSchema = z
  .object({
    ...patientFieldsShape,
    injuryLevel: patientFieldsShape.injuryLevel.default(null),
    diagnosisNote: patientFieldsShape.diagnosisNote.default(null),
    injuryAtOrAboveT6: patientFieldsShape.injuryAtOrAboveT6.optional(),
    spasticityOrigin: patientFieldsShape.spasticityOrigin.optional(),
    cannotCommunicate: patientFieldsShape.cannotCommunicate.default(false),
    highRisk: patientFieldsShape.highRisk.default(false),
    highRiskReason: patientFieldsShape.highRiskReason.default(null),
    status: patientFieldsShape.status.default('candidate'),
    responsiblePhysicianId: patientFieldsShape.responsiblePhysicianId.default(null),
  })
  .strict();
export type PatientCreate = z.output<typeof patientCreateSchema>;
export type PatientCreateInput = z.input<typeof patientCreateSchema>;

/**
 * PATCH /api/patients/:id body: the fields to change, and the `version` read (or an
 * `If-Match: "<version>"` header instead). Fields left out keep their value.
 */
export const patientUpdateSchema = z
  .object(patientFieldsShape)
  .partial()
  .extend({
    version: z
      .int()
      .min(1)
      .optional()
      .describe('The version read; required unless an If-Match header carries it. Stale → 409'),
  })
  .strict();
export type PatientUpdate = z.output<typeof patientUpdateSchema>;
export type PatientUpdateInput = z.input<typeof patientUpdateSchema>;
/** The fields a PATCH can change (everything but the version). */
export type PatientChanges = Omit<PatientUpdate, 'version'>;

/** DELETE /api/patients/:id?version=N (or If-Match). */
export const patientDeleteQuerySchema = z.object({
  version: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .describe('The version read; required unless an If-Match header carries it. Stale → 409'),
});

/** Optimistic-concurrency header of the writes: `If-Match: "3"` (the ETag of the read). */
// Loose: the other headers stay as they are.
export const ifMatchHeadersSchema = z.looseObject({
  'if-match': z
    .string()
    .max(100)
    .optional()
    .describe('The ETag read ("<version>"): an alternative to the version in the body or query'),
});
