import {
  ageGroupSchema,
  appointmentKindSchema,
  appointmentStatusSchema,
  ashworthScoreSchema,
  catheterStatusSchema,
  diagnosisSchema,
  dueDateReasonSchema,
  explantReasonSchema,
  interrogatedBatteryStatusSchema,
  interrogationReasonSchema,
  patientStatusSchema,
  pumpAlarmSchema,
  pumpStatusSchema,
  refillLocationSchema,
  sexSchema,
  spasticityOriginSchema,
  trialOutcomeSchema,
  userRoleSchema,
  visitTypeSchema,
} from '@pumpdesk/contracts';
import { doseModeSchema } from '@pumpdesk/domain';
import { describe, expect, it } from 'vitest';
import {
  AgeGroup,
  AppointmentKind,
  AppointmentStatus,
  AshworthScore,
  BatteryStatus,
  CatheterStatus,
  Diagnosis,
  DoseMode,
  DueDateReason,
  ExplantReason,
  InterrogationReason,
  PatientStatus,
  PumpAlarm,
  PumpStatus,
  RefillLocation,
  Sex,
  SpasticityOrigin,
  TrialOutcome,
  UserRole,
  VisitType,
} from './generated/prisma/enums.ts';
import { ashworthFromDb, ashworthToDb } from './repositories/visit-queries.ts';

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
    ['ExplantReason', explantReasonSchema.options, ExplantReason],
    ['CatheterStatus', catheterStatusSchema.options, CatheterStatus],
    ['BatteryStatus', interrogatedBatteryStatusSchema.options, BatteryStatus],
    ['PumpAlarm', pumpAlarmSchema.options, PumpAlarm],
    ['InterrogationReason', interrogationReasonSchema.options, InterrogationReason],
    ['DoseMode', doseModeSchema.options, DoseMode],
    ['RefillLocation', refillLocationSchema.options, RefillLocation],
    ['DueDateReason', dueDateReasonSchema.options, DueDateReason],
    ['VisitType', visitTypeSchema.options, VisitType],
    ['TrialOutcome', trialOutcomeSchema.options, TrialOutcome],
    ['AppointmentKind', appointmentKindSchema.options, AppointmentKind],
    ['AppointmentStatus', appointmentStatusSchema.options, AppointmentStatus],
  ] as const)('%s', (_name, contract, database) => {
    expect([...contract]).toEqual(Object.values(database));
  });

  // The Modified Ashworth scale is spelt '1+' in the contract and mas_1_plus in the ordinal Postgres
  // enum: the mapping must cover both vocabularies, both ways. Compared as sets: zod lists the
  // numeric-looking values first ('1+' last), while the database keeps the ordinal order.
  it('AshworthScore (mapped)', () => {
    const scores = [...ashworthScoreSchema.options];
    const mapped = scores.map((score) => ashworthToDb(score));
    expect([...mapped].sort()).toEqual(Object.values(AshworthScore).sort());
    expect(mapped.map((value) => ashworthFromDb(value))).toEqual(scores);
  });
});
