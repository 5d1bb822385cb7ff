// The demo clinic and the reference data every database needs (`@pumpdesk/db/seed`).
export { seedPumpModels, pumpCatalogue } from './pump-catalogue.ts';
export type { CatalogueModel } from './pump-catalogue.ts';
export {
  databaseHasData,
  DEFAULT_DEMO_PATIENTS,
  DEFAULT_DEMO_SEED,
  generateDemoBatches,
  MAX_DEMO_PATIENTS,
  planDemoClinic,
  seedDemoClinic,
  summariseDemoClinic,
} from './demo-clinic.ts';
export type { DemoClinicOptions } from './demo-clinic.ts';
export type { DemoSummary } from './summary.ts';
export { DEMO_SITES } from './clinic-plan.ts';
export { clearClinicData } from './clear-clinic-data.ts';
export { assessDemoPatient, assessmentRowsOf, TODAY_STATES } from './today-states.ts';
export { demoNow } from './site-clock.ts';
export type { TodayState } from './today-states.ts';
export { createDemoUsers, DEMO_USERS } from './demo-users.ts';
export type { DemoUserCreated, DemoUserSpec } from './demo-users.ts';
