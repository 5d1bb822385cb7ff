-- CreateIndex
CREATE INDEX "pump_schedules_unprojected_idx" ON "pump_schedules"("refill_state") WHERE (refill_state <> 'projected');

-- CreateIndex
CREATE INDEX "pump_schedules_eri_reported_idx" ON "pump_schedules"("eri_reported_date") WHERE (eri_reported_date IS NOT NULL);
