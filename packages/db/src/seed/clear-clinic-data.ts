import { type SqlClient } from '../sql/sql-client.ts';

// `pnpm db:seed --force`: empties the clinical and demo tables so the demo can be written again.
// Kept: the pump catalogue (reference data) and the migration history.

/** Every table that holds clinic data, referencing tables before the tables they reference. */
export const CLINIC_TABLES = [
  'pump_schedules',
  'appointments',
  'insurance_authorisations',
  'trials',
  'follow_up_visits',
  'pump_interrogations',
  'refills',
  'dose_program_boluses',
  'dose_program_steps',
  'dose_programs',
  'pumps',
  'catheter_revisions',
  'catheters',
  'patients',
  'idempotency_keys',
  'audit_events',
  'sessions',
  'recovery_codes',
  'sign_in_throttles',
  'user_sites',
  'users',
  'sites',
  'organisation',
] as const;

/**
 * Deletes every row of {@link CLINIC_TABLES} in one transaction: all or nothing. Dose programs and
 * the audit trail are append-only (their triggers refuse TRUNCATE); the triggers are switched off
 * for this transaction only and back on before it commits, so nothing else can slip through. The
 * audit trail has to go too: its rows reference the users being deleted.
 */
export async function clearClinicData(sql: SqlClient): Promise<void> {
  const tables = CLINIC_TABLES.map((table) => `"${table}"`).join(', ');
  await sql.transaction(async (tx) => {
    await tx.exec(`
      ALTER TABLE "dose_programs" DISABLE TRIGGER "dose_programs_no_truncate";
      ALTER TABLE "audit_events" DISABLE TRIGGER "audit_events_no_truncate";
      TRUNCATE TABLE ${tables};
      ALTER TABLE "dose_programs" ENABLE TRIGGER "dose_programs_no_truncate";
      ALTER TABLE "audit_events" ENABLE TRIGGER "audit_events_no_truncate";
    `);
  });
}
