import { z } from 'zod';
import {
  ageGroupSchema,
  diagnosisSchema,
  patientStatusSchema,
  sexSchema,
  spasticityOriginSchema,
} from './enums.ts';
import { calendarDateSchema, instantSchema } from './primitives.ts';

// One patient's record as stored, the common part of the writes' answers and of GET /api/patients/:id.

/** One patient's record as stored: what the writes answer with (ETag: "<version>"). */
export const patientRecordSchema = z.object({
  id: z.uuid(),
  mrn: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: calendarDateSchema,
  sex: sexSchema,
  diagnosis: diagnosisSchema,
  injuryLevel: z.string().nullable(),
  diagnosisNote: z.string().nullable(),
  spasticityOrigin: spasticityOriginSchema,
  ageGroup: ageGroupSchema,
  injuryAtOrAboveT6: z.boolean(),
  cannotCommunicate: z.boolean(),
  highRisk: z.boolean().describe('The explicit flag only (the list’s highRisk also counts risk factors)'),
  highRiskReason: z.string().nullable(),
  status: patientStatusSchema,
  site: z.object({ id: z.uuid(), name: z.string(), timeZone: z.string() }),
  responsiblePhysician: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  version: z.int(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type PatientRecord = z.infer<typeof patientRecordSchema>;
