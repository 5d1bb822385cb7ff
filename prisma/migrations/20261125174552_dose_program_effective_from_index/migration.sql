-- CreateIndex
CREATE INDEX "dose_programs_effective_from_idx" ON "dose_programs"("effective_from");
