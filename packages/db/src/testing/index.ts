// Test helpers of the database layer (`@pumpdesk/db/testing`); never imported by production code.
export { createScratchSqlDatabase } from './scratch-database.ts';
export type { ScratchSqlDatabase } from './scratch-database.ts';
export { createTempMigrationsFolder, writeMigrationFolder } from './migration-fixtures.ts';
export type { TempMigrationsFolder } from './migration-fixtures.ts';
export { TWO_MODEL_DATAMODEL, TWO_MODEL_DATAMODEL_WITH_HIGH_RISK } from './datamodels.ts';
export { createIsolatedTestDatabase } from './isolated-database.ts';
export { createTestDatabase } from './test-database.ts';
export {
  createTestPatient,
  createTestPump,
  createTestPumpModel,
  createTestRefill,
  createTestSimpleProgram,
  createTestSite,
  createTestUser,
} from './clinic-factories.ts';
export type { TestPatientInput } from './clinic-factories.ts';
