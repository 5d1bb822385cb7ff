-- CreateEnum
CREATE TYPE "refill_projection_state" AS ENUM ('projected', 'no_refill', 'no_program');

-- CreateTable
CREATE TABLE "pump_schedules" (
    "pump_id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "site_id" UUID NOT NULL,
    "responsible_physician_id" UUID,
    "high_risk" BOOLEAN NOT NULL,
    "refill_state" "refill_projection_state" NOT NULL,
    "critical_periods" tstzmultirange NOT NULL DEFAULT '{}'::tstzmultirange,
    "critical_from" TIMESTAMPTZ(3),
    "alarm_at" TIMESTAMPTZ(3),
    "empty_at" TIMESTAMPTZ(3),
    "alarm_date" DATE,
    "empty_date" DATE,
    "refill_due_date" DATE,
    "due_bound_by" "due_date_reason",
    "margin_days" INTEGER,
    "due_soon_from" DATE,
    "upcoming_from" DATE,
    "booked_refill_dates" DATE[] DEFAULT ARRAY[]::DATE[],
    "battery_window_start" DATE NOT NULL,
    "battery_recommended" DATE NOT NULL,
    "battery_estimated_end" DATE NOT NULL,
    "battery_end_of_service" DATE,
    "eri_reported_date" DATE,
    "battery_approaching_from" DATE NOT NULL,
    "battery_attention_from" DATE NOT NULL,
    "last_review" DATE,
    "next_review_due" DATE,
    "review_due_soon_from" DATE,
    "computed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pump_schedules_pkey" PRIMARY KEY ("pump_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "pump_schedules_patient_id_key" ON "pump_schedules"("patient_id");

-- CreateIndex
CREATE INDEX "pump_schedules_upcoming_from_idx" ON "pump_schedules"("upcoming_from");

-- CreateIndex
CREATE INDEX "pump_schedules_refill_due_date_idx" ON "pump_schedules"("refill_due_date");

-- CreateIndex
CREATE INDEX "pump_schedules_critical_from_idx" ON "pump_schedules"("critical_from");

-- CreateIndex
CREATE INDEX "pump_schedules_battery_attention_from_idx" ON "pump_schedules"("battery_attention_from");

-- CreateIndex
CREATE INDEX "pump_schedules_battery_recommended_idx" ON "pump_schedules"("battery_recommended");

-- CreateIndex
CREATE INDEX "pump_schedules_review_due_soon_from_idx" ON "pump_schedules"("review_due_soon_from");

-- CreateIndex
CREATE INDEX "pump_schedules_next_review_due_idx" ON "pump_schedules"("next_review_due");

-- CreateIndex
CREATE INDEX "pump_schedules_site_id_idx" ON "pump_schedules"("site_id");

-- CreateIndex
CREATE INDEX "pump_schedules_responsible_physician_id_idx" ON "pump_schedules"("responsible_physician_id");

-- AddForeignKey
ALTER TABLE "pump_schedules" ADD CONSTRAINT "pump_schedules_pump_id_fkey" FOREIGN KEY ("pump_id") REFERENCES "pumps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pump_schedules" ADD CONSTRAINT "pump_schedules_patient_id_fkey" FOREIGN KEY ("patient_id") REFERENCES "patients"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pump_schedules" ADD CONSTRAINT "pump_schedules_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
