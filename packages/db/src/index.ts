// The database layer's public surface. Only this package imports Prisma; the API reaches data through
// the repositories and use cases exported here, and maps its rows to the domain engine's inputs.
export { createDatabase, defaultPoolSettings } from './database-factory.ts';
export type { Database, DatabaseMode, DatabaseOptions, PoolSettings } from './database-factory.ts';
export { findRepoRoot, defaultDataDir, defaultMigrationsDir } from './paths.ts';
export type { SqlClient } from './sql/sql-client.ts';
export { listPatients } from './repositories/patients-repository.ts';
export { InvalidCursorError } from './repositories/cursor.ts';
export { createPatient, deletePatient, updatePatient } from './repositories/patient-writes.ts';
export { listSites } from './repositories/sites-repository.ts';
export { getPatientDetail } from './repositories/patient-detail-repository.ts';
export { readClinicSettings } from './repositories/settings-repository.ts';
export { loadPumpContext } from './repositories/pump-context-repository.ts';
export {
  createDoseProgram,
  listDosePrograms,
  previewDoseProgram,
} from './repositories/dose-program-writes.ts';
export {
  amendRefill,
  listRefills,
  previewRefillForPump,
  recordRefill,
} from './repositories/refill-writes.ts';
export {
  deleteExpiredIdempotencyKeys,
  IDEMPOTENCY_KEY_TTL_HOURS,
  IdempotencyKeyInUseError,
  IdempotencyKeyReusedError,
  withIdempotency,
} from './repositories/idempotency.ts';
export type { IdempotencyScope, IdempotentResponse } from './repositories/idempotency.ts';
export type { PumpContext } from './repositories/pump-context-repository.ts';
export {
  changedFields,
  getStoredClinicSettings,
  updateClinicSettings,
} from './repositories/update-settings.ts';
export {
  databaseConstraintOf,
  databaseFailureOf,
  DomainConflictError,
  FieldRuleError,
  InvalidReferenceError,
  RecordNotFoundError,
  SafetyRefusalError,
  VersionConflictError,
} from './repositories/errors.ts';
export type { DatabaseConstraint, DatabaseFailure, FieldViolation } from './repositories/errors.ts';
export { rebuildPumpSchedules, refreshPumpSchedules } from './schedule/refresh-pump-schedules.ts';
export {
  refillWorklist,
  refillWorklistArguments,
  refillWorklistEntries,
} from './worklists/refill-worklist.ts';
export {
  batteryWorklist,
  batteryWorklistArguments,
  batteryWorklistEntries,
} from './worklists/battery-worklist.ts';
export {
  followUpWorklist,
  followUpWorklistArguments,
  followUpWorklistEntries,
} from './worklists/follow-up-worklist.ts';
export { runWorklistWith } from './worklists/run-worklist.ts';
export { listRecentDoseChanges, listRecentSafetyFindings } from './worklists/physician-review.ts';
export type { WorklistArguments } from './worklists/run-worklist.ts';
export type { ReportRequest } from './reports/report-scope.ts';
export { caseloadReport } from './reports/caseload-report.ts';
export { refillsPerMonthReport } from './reports/refills-per-month-report.ts';
export { batteryReplacementsReport } from './reports/battery-replacements-report.ts';
export { followUpComplianceReport } from './reports/follow-up-compliance-report.ts';
export { overdueOverTimeReport } from './reports/overdue-over-time-report.ts';
export { refillsPerClinicianReport } from './reports/refills-per-clinician-report.ts';
export {
  getPumpDetail,
  listActivePumpModels,
  listInterrogations,
  listPatientPumps,
} from './repositories/pump-queries.ts';
export {
  explantPump,
  implantPump,
  patientStatusAfterExplant,
  patientStatusAfterImplant,
  recordInterrogation,
  replacePump,
} from './repositories/pump-writes.ts';
export type { StoredClinicSettings } from './repositories/update-settings.ts';
export { recordAudit } from './repositories/audit.ts';
export type { AuditActor } from './repositories/audit.ts';
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
export { listVisits } from './repositories/visit-queries.ts';
export { createVisit, updateVisit } from './repositories/visit-writes.ts';
export type { WriteContext } from './repositories/visit-writes.ts';
export { listTrials } from './repositories/trial-queries.ts';
export { createTrial, updateTrial } from './repositories/trial-writes.ts';
export {
  clinicianCalendarFeed,
  listPatientAppointments,
  listSiteAppointments,
  siteCalendarFeed,
} from './repositories/appointment-queries.ts';
export type { CalendarFeed, CalendarFeedAppointment } from './repositories/appointment-queries.ts';
export {
  closeAppointment,
  createAppointment,
  rescheduleAppointment,
} from './repositories/appointment-writes.ts';
export type { AppointmentClosing } from './repositories/appointment-writes.ts';
export {
  ForbiddenError,
  OutOfScopeError,
  requirePermission,
  requireSiteAccess,
  siteScopeOf,
  siteScopeSql,
  siteWhere,
  worksAtSite,
} from './access/principal.ts';
export type { Principal } from './access/principal.ts';
export { auditRead } from './repositories/audit.ts';
export type { AuditEventInput } from './repositories/audit.ts';
export { readSecuritySettings, secondFactorRequired } from './auth/security-settings.ts';
export {
  createSession,
  endSession,
  endSessionsOfUser,
  resolveSession,
  sitesOfSessionUser,
} from './auth/sessions.ts';
export type { LiveSession, SessionEndReason, SessionUser } from './auth/sessions.ts';
export { issueCalendarFeedToken, principalForCalendarFeedToken } from './auth/calendar-feed-token.ts';
export {
  deleteExpiredSignInThrottles,
  recordSignInSuccess,
  reserveSignInAttempt,
  SIGN_IN_THROTTLE,
} from './auth/sign-in-throttle.ts';
export type {
  SignInReservation,
  ThrottleDecision,
  ThrottlePolicy,
  ThrottleSubject,
} from './auth/sign-in-throttle.ts';
export {
  changeOwnPassword,
  findAccountById,
  findSignInAccount,
  upgradePasswordHash,
} from './auth/credentials.ts';
export type { SignInAccount } from './auth/credentials.ts';
export {
  acceptTotpStep,
  countUnusedRecoveryCodes,
  disableTotp,
  enableTotp,
  readSecondFactor,
  replaceRecoveryCodes,
  setPendingTotpSecret,
  useRecoveryCode,
} from './auth/second-factor.ts';
export type { SecondFactorState } from './auth/second-factor.ts';
export {
  clearSecondFactor,
  createUser,
  getUser,
  listUsers,
  passwordContextOf,
  resetUserPassword,
  updateUser,
} from './auth/users-admin.ts';
export type { NewUser, UserChanges } from './auth/users-admin.ts';
export { endSessionByAdmin, listLiveSessions } from './auth/sessions-admin.ts';
export { getSecuritySettings, updateSecuritySettings } from './auth/security-settings-writes.ts';
export { exportAuditEvents, listAuditEvents } from './audit/audit-queries.ts';
export type { AuditFilters } from './audit/audit-queries.ts';
export { createSite, updateSite } from './repositories/site-writes.ts';
export type { NewSite, SiteChanges } from './repositories/site-writes.ts';
export { bootstrapAdmin } from './auth/bootstrap-admin.ts';
