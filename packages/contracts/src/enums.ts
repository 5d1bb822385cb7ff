import { z } from 'zod';

// The clinical vocabularies shared by the API and the web app. Their values are the database's enum
// values (prisma/schema.prisma); a test in packages/db keeps the two lists identical.

export const userRoleSchema = z.enum(['nurse', 'physician', 'manager', 'admin']);
export type UserRole = z.infer<typeof userRoleSchema>;

export const sexSchema = z.enum(['female', 'male', 'other', 'unknown']);
export type Sex = z.infer<typeof sexSchema>;

export const diagnosisSchema = z.enum([
  'multiple_sclerosis',
  'spinal_cord_injury',
  'cerebral_palsy',
  'stroke',
  'brain_injury',
  'other',
]);
export type Diagnosis = z.infer<typeof diagnosisSchema>;

export const spasticityOriginSchema = z.enum(['spinal', 'cerebral']);
export type SpasticityOrigin = z.infer<typeof spasticityOriginSchema>;

export const ageGroupSchema = z.enum(['adult', 'child']);
export type AgeGroup = z.infer<typeof ageGroupSchema>;

export const patientStatusSchema = z.enum([
  'candidate',
  'trial',
  'active',
  'inactive',
  'explanted',
  'deceased',
  'transferred',
]);
export type PatientStatus = z.infer<typeof patientStatusSchema>;

export const pumpStatusSchema = z.enum(['implanted', 'explanted']);
export type PumpStatus = z.infer<typeof pumpStatusSchema>;

/** Labels in plain clinical language, for screens and exports. */
export const diagnosisLabels: Record<Diagnosis, string> = {
  multiple_sclerosis: 'Multiple sclerosis',
  spinal_cord_injury: 'Spinal cord injury',
  cerebral_palsy: 'Cerebral palsy',
  stroke: 'Stroke',
  brain_injury: 'Brain injury',
  other: 'Other',
};

export const patientStatusLabels: Record<PatientStatus, string> = {
  candidate: 'Candidate',
  trial: 'Trial',
  active: 'Active',
  inactive: 'Inactive',
  explanted: 'Explanted',
  deceased: 'Deceased',
  transferred: 'Transferred',
};
