-- CreateEnum
CREATE TYPE "user_role" AS ENUM ('nurse', 'physician', 'manager', 'admin');

-- CreateEnum
CREATE TYPE "sex" AS ENUM ('female', 'male', 'other', 'unknown');

-- CreateEnum
CREATE TYPE "diagnosis" AS ENUM ('multiple_sclerosis', 'spinal_cord_injury', 'cerebral_palsy', 'stroke', 'brain_injury', 'other');

-- CreateEnum
CREATE TYPE "spasticity_origin" AS ENUM ('spinal', 'cerebral');

-- CreateEnum
CREATE TYPE "age_group" AS ENUM ('adult', 'child');

-- CreateEnum
CREATE TYPE "patient_status" AS ENUM ('candidate', 'trial', 'active', 'inactive', 'explanted', 'deceased', 'transferred');

-- CreateEnum
CREATE TYPE "pump_status" AS ENUM ('implanted', 'explanted');

-- CreateEnum
CREATE TYPE "explant_reason" AS ENUM ('battery_end_of_life', 'replacement_elective', 'infection', 'malfunction', 'catheter_complication', 'therapy_stopped', 'patient_request', 'deceased', 'other');

-- CreateEnum
CREATE TYPE "catheter_status" AS ENUM ('in_use', 'removed');

-- CreateEnum
CREATE TYPE "catheter_revision_reason" AS ENUM ('occlusion', 'kink', 'dislodgement', 'disconnection', 'leak', 'fracture', 'granuloma', 'infection', 'other');

-- CreateEnum
CREATE TYPE "dose_mode" AS ENUM ('simple_continuous', 'flex', 'periodic_bolus');

-- CreateEnum
CREATE TYPE "refill_location" AS ENUM ('clinic', 'home');

-- CreateEnum
CREATE TYPE "due_date_reason" AS ENUM ('alarm_margin', 'drug_stability', 'max_interval');

-- CreateEnum
CREATE TYPE "battery_status" AS ENUM ('ok', 'low', 'eri', 'end_of_service', 'unknown');

-- CreateEnum
CREATE TYPE "pump_alarm" AS ENUM ('low_reservoir', 'empty_reservoir', 'elective_replacement', 'end_of_service', 'motor_stall', 'critical_error', 'other');

-- CreateEnum
CREATE TYPE "interrogation_reason" AS ENUM ('routine', 'refill', 'post_mri', 'alarm', 'troubleshooting', 'reprogramming');

-- CreateEnum
CREATE TYPE "visit_type" AS ENUM ('review', 'titration', 'refill_and_review', 'post_implant', 'emergency');

-- CreateEnum
CREATE TYPE "ashworth_score" AS ENUM ('mas_0', 'mas_1', 'mas_1_plus', 'mas_2', 'mas_3', 'mas_4');

-- CreateEnum
CREATE TYPE "trial_outcome" AS ENUM ('responder', 'non_responder', 'inconclusive');

-- CreateEnum
CREATE TYPE "appointment_kind" AS ENUM ('refill', 'follow_up', 'replacement_consult', 'surgery');

-- CreateEnum
CREATE TYPE "appointment_status" AS ENUM ('booked', 'done', 'cancelled', 'no_show');

-- CreateEnum
CREATE TYPE "audit_outcome" AS ENUM ('success', 'refused', 'failure');

-- CreateTable
CREATE TABLE "organisation" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "name" TEXT NOT NULL,
    "contact_phone" TEXT,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sites" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL,
    "address" TEXT,
    "phone" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sites_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" "user_role" NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_sites" (
    "user_id" UUID NOT NULL,
    "site_id" UUID NOT NULL,

    CONSTRAINT "user_sites_pkey" PRIMARY KEY ("user_id","site_id")
);

-- CreateTable
CREATE TABLE "patients" (
    "id" UUID NOT NULL,
    "mrn" TEXT NOT NULL,
    "given_name" TEXT NOT NULL,
    "family_name" TEXT NOT NULL,
    "date_of_birth" DATE NOT NULL,
    "sex" "sex" NOT NULL,
    "diagnosis" "diagnosis" NOT NULL,
    "injury_level" TEXT,
    "diagnosis_note" TEXT,
    "spasticity_origin" "spasticity_origin" NOT NULL,
    "age_group" "age_group" NOT NULL,
    "injury_at_or_above_t6" BOOLEAN NOT NULL DEFAULT false,
    "cannot_communicate" BOOLEAN NOT NULL DEFAULT false,
    "high_risk" BOOLEAN NOT NULL DEFAULT false,
    "high_risk_reason" TEXT,
    "status" "patient_status" NOT NULL,
    "site_id" UUID NOT NULL,
    "responsible_physician_id" UUID,
    "next_review_due" DATE,
    "deleted_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "patients_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pump_models" (
    "id" UUID NOT NULL,
    "manufacturer" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "reservoir_ml" DECIMAL(6,2) NOT NULL,
    "default_alarm_volume_ml" DECIMAL(6,2) NOT NULL,
    "battery_life_min_years" DECIMAL(4,1) NOT NULL,
    "battery_life_max_years" DECIMAL(4,1) NOT NULL,
    "eri_to_end_of_service_days" INTEGER,
    "notes" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pump_models_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pumps" (
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "model_id" UUID NOT NULL,
    "catheter_id" UUID,
    "serial_number" TEXT NOT NULL,
    "implant_date" DATE NOT NULL,
    "explant_date" DATE,
    "explant_reason" "explant_reason",
    "explant_note" TEXT,
    "status" "pump_status" NOT NULL DEFAULT 'implanted',
    "alarm_volume_override_ml" DECIMAL(6,2),
    "eri_reported_date" DATE,
    "alarm_at" TIMESTAMPTZ(3),
    "empty_at" TIMESTAMPTZ(3),
    "refill_due_date" DATE,
    "battery_replace_by" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pumps_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "catheters" (
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "implant_date" DATE NOT NULL,
    "tip_level" TEXT NOT NULL,
    "status" "catheter_status" NOT NULL DEFAULT 'in_use',
    "removed_date" DATE,
    "notes" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "catheters_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "catheter_revisions" (
    "id" UUID NOT NULL,
    "catheter_id" UUID NOT NULL,
    "revision_date" DATE NOT NULL,
    "reason" "catheter_revision_reason" NOT NULL,
    "new_tip_level" TEXT,
    "notes" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "catheter_revisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dose_programs" (
    "id" UUID NOT NULL,
    "pump_id" UUID NOT NULL,
    "effective_from" TIMESTAMPTZ(3) NOT NULL,
    "concentration_mcg_per_ml" DECIMAL(8,2) NOT NULL,
    "mode" "dose_mode" NOT NULL,
    "continuous_dose_mcg_per_day" DECIMAL(10,3),
    "ptm_bolus_dose_mcg" DECIMAL(10,3),
    "ptm_max_per_day" INTEGER,
    "ptm_lockout_minutes" INTEGER,
    "daily_dose_mcg" DECIMAL(10,3) NOT NULL,
    "programmed_by_id" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "titration_override" BOOLEAN NOT NULL DEFAULT false,
    "titration_override_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dose_programs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dose_program_steps" (
    "id" UUID NOT NULL,
    "program_id" UUID NOT NULL,
    "start_minute" INTEGER NOT NULL,
    "rate_mcg_per_hour" DECIMAL(10,4) NOT NULL,
    "weekdays" INTEGER[] DEFAULT ARRAY[]::INTEGER[],

    CONSTRAINT "dose_program_steps_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dose_program_boluses" (
    "id" UUID NOT NULL,
    "program_id" UUID NOT NULL,
    "start_minute" INTEGER NOT NULL,
    "dose_mcg" DECIMAL(10,3) NOT NULL,
    "duration_minutes" INTEGER NOT NULL DEFAULT 0,
    "weekdays" INTEGER[] DEFAULT ARRAY[]::INTEGER[],

    CONSTRAINT "dose_program_boluses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "refills" (
    "id" UUID NOT NULL,
    "pump_id" UUID NOT NULL,
    "performed_at" TIMESTAMPTZ(3) NOT NULL,
    "performed_by_id" UUID NOT NULL,
    "location" "refill_location" NOT NULL,
    "expected_residual_ml" DECIMAL(6,2) NOT NULL,
    "withdrawn_volume_ml" DECIMAL(6,2) NOT NULL,
    "concentration_mcg_per_ml" DECIMAL(8,2) NOT NULL,
    "volume_filled_ml" DECIMAL(6,2) NOT NULL,
    "reservoir_volume_after_ml" DECIMAL(6,2) NOT NULL,
    "drug_lot" TEXT,
    "drug_expiry" DATE,
    "notes" TEXT,
    "complications" TEXT,
    "findings" JSONB NOT NULL DEFAULT '[]',
    "billing_codes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "alarm_at_snapshot" TIMESTAMPTZ(3),
    "empty_at_snapshot" TIMESTAMPTZ(3),
    "due_date_snapshot" DATE,
    "due_date_reason_snapshot" "due_date_reason",
    "amended_at" TIMESTAMPTZ(3),
    "amendment_reason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "refills_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pump_interrogations" (
    "id" UUID NOT NULL,
    "pump_id" UUID NOT NULL,
    "interrogated_at" TIMESTAMPTZ(3) NOT NULL,
    "performed_by_id" UUID NOT NULL,
    "reason" "interrogation_reason" NOT NULL DEFAULT 'routine',
    "battery_status" "battery_status" NOT NULL,
    "eri_reported" BOOLEAN NOT NULL DEFAULT false,
    "reservoir_volume_ml" DECIMAL(6,2),
    "alarms" "pump_alarm"[] DEFAULT ARRAY[]::"pump_alarm"[],
    "notes" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pump_interrogations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "follow_up_visits" (
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "visit_date" DATE NOT NULL,
    "type" "visit_type" NOT NULL,
    "clinician_id" UUID NOT NULL,
    "ashworth" "ashworth_score",
    "penn_frequency" INTEGER,
    "penn_severity" INTEGER,
    "notes" TEXT,
    "billing_codes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "follow_up_visits_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "trials" (
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "trial_date" DATE NOT NULL,
    "bolus_mcg" DECIMAL(8,2) NOT NULL,
    "performed_by_id" UUID NOT NULL,
    "ashworth_before" "ashworth_score",
    "ashworth_after" "ashworth_score",
    "penn_before" INTEGER,
    "penn_after" INTEGER,
    "outcome" "trial_outcome" NOT NULL,
    "notes" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "trials_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "appointments" (
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "kind" "appointment_kind" NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "duration_minutes" INTEGER NOT NULL DEFAULT 30,
    "site_id" UUID NOT NULL,
    "clinician_id" UUID,
    "status" "appointment_status" NOT NULL DEFAULT 'booked',
    "at_home" BOOLEAN NOT NULL DEFAULT false,
    "notes" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "appointments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "insurance_authorisations" (
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "payer" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "valid_from" DATE NOT NULL,
    "valid_to" DATE NOT NULL,
    "refills_authorised" INTEGER,
    "notes" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "insurance_authorisations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_user_id" UUID,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT,
    "outcome" "audit_outcome" NOT NULL,
    "request_id" TEXT,
    "client_address" TEXT,
    "summary" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_keys" (
    "key" TEXT NOT NULL,
    "user_id" UUID,
    "request_hash" TEXT NOT NULL,
    "response_status" INTEGER NOT NULL,
    "response_body" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "sites_name_key" ON "sites"("name");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "user_sites_site_id_idx" ON "user_sites"("site_id");

-- CreateIndex
CREATE UNIQUE INDEX "patients_mrn_key" ON "patients"("mrn");

-- CreateIndex
CREATE INDEX "patients_site_id_status_idx" ON "patients"("site_id", "status");

-- CreateIndex
CREATE INDEX "patients_family_name_given_name_id_idx" ON "patients"("family_name", "given_name", "id");

-- CreateIndex
CREATE INDEX "patients_responsible_physician_id_idx" ON "patients"("responsible_physician_id");

-- CreateIndex
CREATE INDEX "patients_next_review_due_idx" ON "patients"("next_review_due");

-- CreateIndex
CREATE UNIQUE INDEX "pump_models_manufacturer_model_reservoir_ml_key" ON "pump_models"("manufacturer", "model", "reservoir_ml");

-- CreateIndex
CREATE INDEX "pumps_patient_id_status_idx" ON "pumps"("patient_id", "status");

-- CreateIndex
CREATE INDEX "pumps_status_refill_due_date_idx" ON "pumps"("status", "refill_due_date");

-- CreateIndex
CREATE INDEX "pumps_status_battery_replace_by_idx" ON "pumps"("status", "battery_replace_by");

-- CreateIndex
CREATE UNIQUE INDEX "pumps_model_id_serial_number_key" ON "pumps"("model_id", "serial_number");

-- CreateIndex
CREATE UNIQUE INDEX "pumps_one_implanted_per_patient" ON "pumps"("patient_id") WHERE (status = 'implanted');

-- CreateIndex
CREATE INDEX "catheters_patient_id_idx" ON "catheters"("patient_id");

-- CreateIndex
CREATE INDEX "catheter_revisions_catheter_id_revision_date_idx" ON "catheter_revisions"("catheter_id", "revision_date");

-- CreateIndex
CREATE INDEX "dose_programs_pump_id_effective_from_idx" ON "dose_programs"("pump_id", "effective_from");

-- CreateIndex
CREATE INDEX "dose_program_steps_program_id_idx" ON "dose_program_steps"("program_id");

-- CreateIndex
CREATE INDEX "dose_program_boluses_program_id_idx" ON "dose_program_boluses"("program_id");

-- CreateIndex
CREATE INDEX "refills_pump_id_performed_at_idx" ON "refills"("pump_id", "performed_at");

-- CreateIndex
CREATE INDEX "refills_performed_by_id_performed_at_idx" ON "refills"("performed_by_id", "performed_at");

-- CreateIndex
CREATE INDEX "refills_performed_at_idx" ON "refills"("performed_at");

-- CreateIndex
CREATE INDEX "pump_interrogations_pump_id_interrogated_at_idx" ON "pump_interrogations"("pump_id", "interrogated_at");

-- CreateIndex
CREATE INDEX "follow_up_visits_patient_id_visit_date_idx" ON "follow_up_visits"("patient_id", "visit_date");

-- CreateIndex
CREATE INDEX "trials_patient_id_trial_date_idx" ON "trials"("patient_id", "trial_date");

-- CreateIndex
CREATE INDEX "appointments_patient_id_status_starts_at_idx" ON "appointments"("patient_id", "status", "starts_at");

-- CreateIndex
CREATE INDEX "appointments_site_id_starts_at_idx" ON "appointments"("site_id", "starts_at");

-- CreateIndex
CREATE INDEX "appointments_clinician_id_starts_at_idx" ON "appointments"("clinician_id", "starts_at");

-- CreateIndex
CREATE INDEX "insurance_authorisations_patient_id_valid_to_idx" ON "insurance_authorisations"("patient_id", "valid_to");

-- CreateIndex
CREATE INDEX "audit_events_occurred_at_idx" ON "audit_events"("occurred_at");

-- CreateIndex
CREATE INDEX "audit_events_entity_type_entity_id_idx" ON "audit_events"("entity_type", "entity_id");

-- CreateIndex
CREATE INDEX "audit_events_actor_user_id_occurred_at_idx" ON "audit_events"("actor_user_id", "occurred_at");

-- CreateIndex
CREATE INDEX "idempotency_keys_created_at_idx" ON "idempotency_keys"("created_at");

-- AddForeignKey
ALTER TABLE "user_sites" ADD CONSTRAINT "user_sites_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_sites" ADD CONSTRAINT "user_sites_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "patients" ADD CONSTRAINT "patients_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "patients" ADD CONSTRAINT "patients_responsible_physician_id_fkey" FOREIGN KEY ("responsible_physician_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pumps" ADD CONSTRAINT "pumps_patient_id_fkey" FOREIGN KEY ("patient_id") REFERENCES "patients"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pumps" ADD CONSTRAINT "pumps_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "pump_models"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pumps" ADD CONSTRAINT "pumps_catheter_id_fkey" FOREIGN KEY ("catheter_id") REFERENCES "catheters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "catheters" ADD CONSTRAINT "catheters_patient_id_fkey" FOREIGN KEY ("patient_id") REFERENCES "patients"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "catheter_revisions" ADD CONSTRAINT "catheter_revisions_catheter_id_fkey" FOREIGN KEY ("catheter_id") REFERENCES "catheters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dose_programs" ADD CONSTRAINT "dose_programs_pump_id_fkey" FOREIGN KEY ("pump_id") REFERENCES "pumps"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dose_programs" ADD CONSTRAINT "dose_programs_programmed_by_id_fkey" FOREIGN KEY ("programmed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dose_program_steps" ADD CONSTRAINT "dose_program_steps_program_id_fkey" FOREIGN KEY ("program_id") REFERENCES "dose_programs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dose_program_boluses" ADD CONSTRAINT "dose_program_boluses_program_id_fkey" FOREIGN KEY ("program_id") REFERENCES "dose_programs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refills" ADD CONSTRAINT "refills_pump_id_fkey" FOREIGN KEY ("pump_id") REFERENCES "pumps"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "refills" ADD CONSTRAINT "refills_performed_by_id_fkey" FOREIGN KEY ("performed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pump_interrogations" ADD CONSTRAINT "pump_interrogations_pump_id_fkey" FOREIGN KEY ("pump_id") REFERENCES "pumps"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pump_interrogations" ADD CONSTRAINT "pump_interrogations_performed_by_id_fkey" FOREIGN KEY ("performed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow_up_visits" ADD CONSTRAINT "follow_up_visits_patient_id_fkey" FOREIGN KEY ("patient_id") REFERENCES "patients"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow_up_visits" ADD CONSTRAINT "follow_up_visits_clinician_id_fkey" FOREIGN KEY ("clinician_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "trials" ADD CONSTRAINT "trials_patient_id_fkey" FOREIGN KEY ("patient_id") REFERENCES "patients"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "trials" ADD CONSTRAINT "trials_performed_by_id_fkey" FOREIGN KEY ("performed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_patient_id_fkey" FOREIGN KEY ("patient_id") REFERENCES "patients"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_clinician_id_fkey" FOREIGN KEY ("clinician_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "insurance_authorisations" ADD CONSTRAINT "insurance_authorisations_patient_id_fkey" FOREIGN KEY ("patient_id") REFERENCES "patients"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_user_id_fkey" FOREIGN KEY ("actor_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ─── Hand-written: constraints and triggers Prisma cannot express ────────────────────────────────
-- (docs/decisions/001-offline-migrations.md). Physical ranges are refused by the database itself, so
-- no code path, import or manual fix can store an impossible value.

-- One organisation per deployment.
ALTER TABLE "organisation" ADD CONSTRAINT "organisation_single_row" CHECK ("id" = 1);

ALTER TABLE "sites" ADD CONSTRAINT "sites_time_zone_present" CHECK (length(btrim("time_zone")) > 0);
ALTER TABLE "users" ADD CONSTRAINT "users_email_lower_case" CHECK ("email" = lower("email"));

ALTER TABLE "patients"
  ADD CONSTRAINT "patients_mrn_present" CHECK (length(btrim("mrn")) > 0),
  ADD CONSTRAINT "patients_injury_level_format"
    CHECK ("injury_level" IS NULL OR "injury_level" ~ '^(C[1-8]|T([1-9]|1[0-2])|L[1-5]|S[1-5])$'),
  ADD CONSTRAINT "patients_injury_level_only_for_sci"
    CHECK ("injury_level" IS NULL OR "diagnosis" = 'spinal_cord_injury');

ALTER TABLE "pump_models"
  ADD CONSTRAINT "pump_models_reservoir_positive" CHECK ("reservoir_ml" > 0),
  ADD CONSTRAINT "pump_models_alarm_within_reservoir"
    CHECK ("default_alarm_volume_ml" >= 0 AND "default_alarm_volume_ml" < "reservoir_ml"),
  ADD CONSTRAINT "pump_models_battery_range"
    CHECK ("battery_life_min_years" > 0 AND "battery_life_min_years" <= "battery_life_max_years"),
  ADD CONSTRAINT "pump_models_eri_days_non_negative"
    CHECK ("eri_to_end_of_service_days" IS NULL OR "eri_to_end_of_service_days" >= 0);

ALTER TABLE "pumps"
  ADD CONSTRAINT "pumps_explant_after_implant" CHECK ("explant_date" IS NULL OR "explant_date" >= "implant_date"),
  ADD CONSTRAINT "pumps_explanted_iff_explant_date" CHECK (("status" = 'explanted') = ("explant_date" IS NOT NULL)),
  ADD CONSTRAINT "pumps_alarm_override_non_negative"
    CHECK ("alarm_volume_override_ml" IS NULL OR "alarm_volume_override_ml" >= 0);

ALTER TABLE "catheters"
  ADD CONSTRAINT "catheters_removed_after_implant" CHECK ("removed_date" IS NULL OR "removed_date" >= "implant_date"),
  ADD CONSTRAINT "catheters_removed_iff_removed_date" CHECK (("status" = 'removed') = ("removed_date" IS NOT NULL));

ALTER TABLE "dose_programs"
  ADD CONSTRAINT "dose_programs_concentration_positive" CHECK ("concentration_mcg_per_ml" > 0),
  ADD CONSTRAINT "dose_programs_daily_dose_non_negative" CHECK ("daily_dose_mcg" >= 0),
  ADD CONSTRAINT "dose_programs_continuous_dose"
    CHECK (("mode" = 'simple_continuous') = ("continuous_dose_mcg_per_day" IS NOT NULL)
           AND ("continuous_dose_mcg_per_day" IS NULL OR "continuous_dose_mcg_per_day" >= 0)),
  ADD CONSTRAINT "dose_programs_patient_bolus_all_or_none"
    CHECK ((("ptm_bolus_dose_mcg" IS NULL) = ("ptm_max_per_day" IS NULL))
           AND (("ptm_max_per_day" IS NULL) = ("ptm_lockout_minutes" IS NULL))),
  ADD CONSTRAINT "dose_programs_patient_bolus_ranges"
    CHECK (("ptm_bolus_dose_mcg" IS NULL OR "ptm_bolus_dose_mcg" > 0)
           AND ("ptm_max_per_day" IS NULL OR "ptm_max_per_day" BETWEEN 1 AND 48)
           AND ("ptm_lockout_minutes" IS NULL OR "ptm_lockout_minutes" >= 0)),
  ADD CONSTRAINT "dose_programs_reason_present" CHECK (length(btrim("reason")) > 0),
  ADD CONSTRAINT "dose_programs_override_has_reason"
    CHECK (NOT "titration_override" OR length(btrim(coalesce("titration_override_reason", ''))) > 0);

ALTER TABLE "dose_program_steps"
  ADD CONSTRAINT "dose_program_steps_start_in_day" CHECK ("start_minute" BETWEEN 0 AND 1439),
  ADD CONSTRAINT "dose_program_steps_rate_non_negative" CHECK ("rate_mcg_per_hour" >= 0),
  ADD CONSTRAINT "dose_program_steps_weekdays" CHECK ("weekdays" <@ ARRAY[1, 2, 3, 4, 5, 6, 7]);

ALTER TABLE "dose_program_boluses"
  ADD CONSTRAINT "dose_program_boluses_start_in_day" CHECK ("start_minute" BETWEEN 0 AND 1439),
  ADD CONSTRAINT "dose_program_boluses_dose_positive" CHECK ("dose_mcg" > 0),
  ADD CONSTRAINT "dose_program_boluses_duration_non_negative" CHECK ("duration_minutes" >= 0),
  ADD CONSTRAINT "dose_program_boluses_weekdays" CHECK ("weekdays" <@ ARRAY[1, 2, 3, 4, 5, 6, 7]);

ALTER TABLE "refills"
  ADD CONSTRAINT "refills_volumes_non_negative"
    CHECK ("expected_residual_ml" >= 0 AND "withdrawn_volume_ml" >= 0 AND "volume_filled_ml" >= 0
           AND "reservoir_volume_after_ml" >= 0),
  ADD CONSTRAINT "refills_concentration_positive" CHECK ("concentration_mcg_per_ml" > 0),
  ADD CONSTRAINT "refills_amendment_has_reason"
    CHECK ("amended_at" IS NULL OR length(btrim(coalesce("amendment_reason", ''))) > 0);

ALTER TABLE "pump_interrogations"
  ADD CONSTRAINT "pump_interrogations_reservoir_non_negative" CHECK ("reservoir_volume_ml" IS NULL OR "reservoir_volume_ml" >= 0);

ALTER TABLE "follow_up_visits"
  ADD CONSTRAINT "follow_up_visits_penn"
    CHECK (("penn_frequency" IS NULL AND "penn_severity" IS NULL)
           OR ("penn_frequency" = 0 AND "penn_severity" IS NULL)
           OR ("penn_frequency" BETWEEN 1 AND 4 AND "penn_severity" IS NOT NULL AND "penn_severity" BETWEEN 1 AND 3));

ALTER TABLE "trials"
  ADD CONSTRAINT "trials_bolus_positive" CHECK ("bolus_mcg" > 0),
  ADD CONSTRAINT "trials_penn_ranges"
    CHECK (("penn_before" IS NULL OR "penn_before" BETWEEN 0 AND 4) AND ("penn_after" IS NULL OR "penn_after" BETWEEN 0 AND 4));

ALTER TABLE "appointments"
  ADD CONSTRAINT "appointments_duration" CHECK ("duration_minutes" BETWEEN 5 AND 720);

ALTER TABLE "insurance_authorisations"
  ADD CONSTRAINT "insurance_authorisations_period" CHECK ("valid_to" >= "valid_from"),
  ADD CONSTRAINT "insurance_authorisations_refills" CHECK ("refills_authorised" IS NULL OR "refills_authorised" >= 0);

-- The volume in the reservoir after a refill cannot exceed the pump model's reservoir.
CREATE FUNCTION "pumpdesk_refill_within_reservoir"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  capacity numeric;
BEGIN
  SELECT m."reservoir_ml" INTO capacity
    FROM "pumps" p JOIN "pump_models" m ON m."id" = p."model_id"
   WHERE p."id" = NEW."pump_id";
  IF NEW."reservoir_volume_after_ml" > capacity OR NEW."volume_filled_ml" > capacity THEN
    RAISE EXCEPTION 'refill volume exceeds the pump reservoir (% mL)', capacity
      USING ERRCODE = 'check_violation', CONSTRAINT = 'refills_within_reservoir';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "refills_within_reservoir" BEFORE INSERT OR UPDATE ON "refills"
  FOR EACH ROW EXECUTE FUNCTION "pumpdesk_refill_within_reservoir"();

-- Append-only tables: dose programs are the dose history, audit events the audit trail. A change
-- is a new row; UPDATE, DELETE and TRUNCATE are refused by the database itself.
CREATE FUNCTION "pumpdesk_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER "dose_programs_append_only" BEFORE UPDATE OR DELETE ON "dose_programs"
  FOR EACH ROW EXECUTE FUNCTION "pumpdesk_refuse_change"();
CREATE TRIGGER "dose_programs_no_truncate" BEFORE TRUNCATE ON "dose_programs"
  FOR EACH STATEMENT EXECUTE FUNCTION "pumpdesk_refuse_change"();
CREATE TRIGGER "dose_program_steps_append_only" BEFORE UPDATE OR DELETE ON "dose_program_steps"
  FOR EACH ROW EXECUTE FUNCTION "pumpdesk_refuse_change"();
CREATE TRIGGER "dose_program_boluses_append_only" BEFORE UPDATE OR DELETE ON "dose_program_boluses"
  FOR EACH ROW EXECUTE FUNCTION "pumpdesk_refuse_change"();
CREATE TRIGGER "audit_events_append_only" BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "pumpdesk_refuse_change"();
CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "pumpdesk_refuse_change"();
