import {
  ageGroupSchema,
  diagnosisSchema,
  patientStatusSchema,
  pumpStatusSchema,
  sexSchema,
  spasticityOriginSchema,
  userRoleSchema,
} from '@pumpdesk/contracts';
import { describe, expect, it } from 'vitest';
import {
  AgeGroup,
  Diagnosis,
  PatientStatus,
  PumpStatus,
  Sex,
  SpasticityOrigin,
  UserRole,
} from './generated/prisma/enums.ts';

// The API contract and the database must speak the same vocabulary: a value added to one and not the
// other would be refused by validation or fail at insert time.
describe('contract enums match the database enums', () => {
  it.each([
    ['UserRole', userRoleSchema.options, UserRole],
    ['Sex', sexSchema.options, Sex],
    ['Diagnosis', diagnosisSchema.options, Diagnosis],
    ['SpasticityOrigin', spasticityOriginSchema.options, SpasticityOrigin],
    ['AgeGroup', ageGroupSchema.options, AgeGroup],
    ['PatientStatus', patientStatusSchema.options, PatientStatus],
    ['PumpStatus', pumpStatusSchema.options, PumpStatus],
  ] as const)('%s', (_name, contract, database) => {
    expect([...contract]).toEqual(Object.values(database));
  });
});
