-- DropIndex
DROP INDEX "patients_next_review_due_idx";

-- DropIndex
DROP INDEX "pumps_status_refill_due_date_idx";

-- DropIndex
DROP INDEX "pumps_status_battery_replace_by_idx";

-- AlterTable
ALTER TABLE "patients" DROP COLUMN "next_review_due";

-- AlterTable
ALTER TABLE "pumps" DROP COLUMN "alarm_at",
DROP COLUMN "battery_replace_by",
DROP COLUMN "empty_at",
DROP COLUMN "refill_due_date";
