import { type PatientRecord } from '@pumpdesk/contracts';
import { toCalendarDate } from '@pumpdesk/domain';
import { type Prisma } from '../generated/prisma/client.ts';

// One patient's stored record, selected and mapped the same way for the writes' answers and the
// patient page (patient-detail-repository.ts).

export const patientRecordSelect = {
  id: true,
  mrn: true,
  givenName: true,
  familyName: true,
  dateOfBirth: true,
  sex: true,
  diagnosis: true,
  injuryLevel: true,
  diagnosisNote: true,
  spasticityOrigin: true,
  ageGroup: true,
  injuryAtOrAboveT6: true,
  cannotCommunicate: true,
  highRisk: true,
  highRiskReason: true,
  status: true,
  siteId: true,
  responsiblePhysicianId: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  site: { select: { id: true, name: true, timeZone: true } },
  responsiblePhysician: { select: { id: true, name: true } },
} satisfies Prisma.PatientSelect;

export type PatientRecordRow = Prisma.PatientGetPayload<{ select: typeof patientRecordSelect }>;

export function toPatientRecord(row: PatientRecordRow): PatientRecord {
  return {
    id: row.id,
    mrn: row.mrn,
    givenName: row.givenName,
    familyName: row.familyName,
    dateOfBirth: toCalendarDate(row.dateOfBirth),
    sex: row.sex,
    diagnosis: row.diagnosis,
    injuryLevel: row.injuryLevel,
    diagnosisNote: row.diagnosisNote,
    spasticityOrigin: row.spasticityOrigin,
    ageGroup: row.ageGroup,
    injuryAtOrAboveT6: row.injuryAtOrAboveT6,
    cannotCommunicate: row.cannotCommunicate,
    highRisk: row.highRisk,
    highRiskReason: row.highRiskReason,
    status: row.status,
    site: row.site,
    responsiblePhysician: row.responsiblePhysician,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
