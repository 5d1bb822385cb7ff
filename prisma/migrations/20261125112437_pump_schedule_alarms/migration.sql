-- AlterTable
ALTER TABLE "pump_schedules" ADD COLUMN     "pump_alarm_at" TIMESTAMPTZ(3),
ADD COLUMN     "pump_alarms" "pump_alarm"[] DEFAULT ARRAY[]::"pump_alarm"[];
