// The database layer's public surface. Only this package imports Prisma; the API reaches data through
// the repositories and use cases exported here, and maps its rows to the domain engine's inputs.
export { createDatabase, defaultPoolSettings } from './database-factory.ts';
export type { Database, DatabaseMode, DatabaseOptions, PoolSettings } from './database-factory.ts';
export { findRepoRoot, defaultDataDir, defaultMigrationsDir } from './paths.ts';
export type { SqlClient } from './sql/sql-client.ts';
export { InvalidCursorError, listPatients } from './repositories/patients-repository.ts';
export { listSites } from './repositories/sites-repository.ts';
export { getPatientDetail } from './repositories/patient-detail-repository.ts';
export { readClinicSettings } from './repositories/settings-repository.ts';
export { loadPumpContext } from './repositories/pump-context-repository.ts';
export type { PumpContext } from './repositories/pump-context-repository.ts';
export {
  changedFields,
  getStoredClinicSettings,
  updateClinicSettings,
} from './repositories/update-settings.ts';
export { databaseConstraintOf, VersionConflictError } from './repositories/errors.ts';
export type { DatabaseConstraint } from './repositories/errors.ts';
export { refreshPumpSchedules } from './schedule/refresh-pump-schedules.ts';
export type { StoredClinicSettings } from './repositories/update-settings.ts';
export { recordAudit } from './repositories/audit.ts';
export type { AuditActor } from './repositories/audit.ts';
export { DEVELOPMENT_USER_EMAIL, ensureDevelopmentUser } from './repositories/development-user.ts';
export type { DevelopmentUser } from './repositories/development-user.ts';
export {
  decimalToNumber,
  inRecordedOrder,
  latestRefill,
  reviewDatesOf,
  toAppointmentSlot,
  toDateColumn,
  toDoseProgram,
  toDoseProgramWithSchedule,
  toImplantedPumpFacts,
  toImplantedPumpFactsFromRows,
  toInstant,
  toPatientAssessmentInput,
  toPumpModelFacts,
  toRefillPoint,
  toWithdrawalRiskFactors,
} from './assessment/engine-inputs.ts';
export type {
  AppointmentRow,
  AssessmentContext,
  DateColumnValue,
  DecimalValue,
  DoseProgramBolusRow,
  DoseProgramRow,
  DoseProgramStepRow,
  DoseProgramWithScheduleRow,
  FollowUpVisitRow,
  ImplantedPumpRows,
  InstantValue,
  PatientAssessmentRows,
  PatientRiskRow,
  PumpModelRow,
  PumpRow,
  RefillRow,
  WeekdaysValue,
} from './assessment/engine-inputs.ts';
export { checkDatabaseHealth } from './health.ts';
export type { DatabaseHealth } from './health.ts';
export { readMigrationFiles } from './migrations/migration-files.ts';
export type { MigrationFile } from './migrations/migration-files.ts';
export { applyMigrations, migrationStatus, MigrationError } from './migrations/apply-migrations.ts';
