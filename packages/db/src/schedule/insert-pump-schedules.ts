import { type CriticalPeriod, type PumpSchedule } from '@pumpdesk/domain';
import { type Prisma } from '../generated/prisma/client.ts';

export interface PumpScheduleRow {
  pumpId: string;
  patientId: string;
  siteId: string;
  responsiblePhysicianId: string | null;
  schedule: PumpSchedule;
}

/** Rows per INSERT: each column is one array parameter, so a statement stays small. */
const CHUNK = 1_000;

/**
 * Inserts worklist rows with one parameterised statement per chunk: every column travels as an array
 * parameter and `unnest` turns them back into rows (Prisma's createMany cannot write the multirange).
 * The multirange and date arrays travel as text and are cast by Postgres.
 */
export async function insertPumpSchedules(
  tx: Prisma.TransactionClient,
  rows: readonly PumpScheduleRow[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const column = <T>(pick: (row: PumpScheduleRow) => T): T[] => chunk.map(pick);
    const refill = (row: PumpScheduleRow) =>
      row.schedule.refill.state === 'projected' ? row.schedule.refill : null;
    const instant = (date: Date | null | undefined) => date?.toISOString() ?? null;
    await tx.$executeRaw`
      INSERT INTO pump_schedules (
        pump_id, patient_id, site_id, responsible_physician_id, high_risk, refill_state,
        critical_periods, critical_from, pump_alarm_at, pump_alarms, alarm_at, empty_at, alarm_date, empty_date,
        refill_due_date, due_bound_by, margin_days, due_soon_from, upcoming_from, booked_refill_dates,
        battery_window_start, battery_recommended, battery_estimated_end, battery_end_of_service,
        eri_reported_date, battery_approaching_from, battery_attention_from,
        last_review, next_review_due, review_due_soon_from
      )
      SELECT
        r.pump_id, r.patient_id, r.site_id, r.physician_id, r.high_risk,
        r.refill_state::refill_projection_state,
        r.critical_periods::tstzmultirange, r.critical_from, r.pump_alarm_at, r.pump_alarms::pump_alarm[],
        r.alarm_at, r.empty_at, r.alarm_date,
        r.empty_date, r.due_date, r.due_bound_by::due_date_reason, r.margin_days, r.due_soon_from,
        r.upcoming_from, r.booked::date[],
        r.window_start, r.recommended, r.estimated_end, r.end_of_service, r.eri_date,
        r.approaching_from, LEAST(r.approaching_from, r.eri_date),
        r.last_review, r.next_review_due, r.review_due_soon_from
      FROM unnest(
        ${column((row) => row.pumpId)}::uuid[],
        ${column((row) => row.patientId)}::uuid[],
        ${column((row) => row.siteId)}::uuid[],
        ${column((row) => row.responsiblePhysicianId)}::uuid[],
        ${column((row) => row.schedule.highRisk)}::boolean[],
        ${column((row) => row.schedule.refill.state)}::text[],
        ${column((row) => multirangeLiteral(row.schedule.refill.criticalPeriods))}::text[],
        ${column((row) => instant(row.schedule.refill.criticalPeriods[0]?.from))}::timestamptz[],
        ${column((row) => instant(row.schedule.pumpAlarm?.at))}::timestamptz[],
        ${column((row) => `{${row.schedule.pumpAlarm?.alarms.join(',') ?? ''}}`)}::text[],
        ${column((row) => instant(refill(row)?.alarmAt))}::timestamptz[],
        ${column((row) => instant(refill(row)?.emptyAt))}::timestamptz[],
        ${column((row) => refill(row)?.alarmDate ?? null)}::date[],
        ${column((row) => refill(row)?.emptyDate ?? null)}::date[],
        ${column((row) => refill(row)?.dueDate ?? null)}::date[],
        ${column((row) => refill(row)?.dueBoundBy ?? null)}::text[],
        ${column((row) => refill(row)?.marginDays ?? null)}::int[],
        ${column((row) => refill(row)?.dueSoonFrom ?? null)}::date[],
        ${column((row) => refill(row)?.upcomingFrom ?? null)}::date[],
        ${column((row) => `{${row.schedule.bookedRefillDates.join(',')}}`)}::text[],
        ${column((row) => row.schedule.battery.windowStart)}::date[],
        ${column((row) => row.schedule.battery.recommendedReplacement)}::date[],
        ${column((row) => row.schedule.battery.estimatedEnd)}::date[],
        ${column((row) => row.schedule.battery.endOfService)}::date[],
        ${column((row) => row.schedule.battery.eriReportedDate)}::date[],
        ${column((row) => row.schedule.battery.approachingFrom)}::date[],
        ${column((row) => row.schedule.followUp?.lastReview ?? null)}::date[],
        ${column((row) => row.schedule.followUp?.nextReviewDue ?? null)}::date[],
        ${column((row) => row.schedule.followUp?.dueSoonFrom ?? null)}::date[]
      ) AS r(
        pump_id, patient_id, site_id, physician_id, high_risk, refill_state,
        critical_periods, critical_from, pump_alarm_at, pump_alarms, alarm_at, empty_at, alarm_date,
        empty_date, due_date, due_bound_by, margin_days, due_soon_from,
        upcoming_from, booked,
        window_start, recommended, estimated_end, end_of_service, eri_date,
        approaching_from, last_review, next_review_due, review_due_soon_from
      )`;
  }
}

/** `{[from,to),[from,)}`: a tstzmultirange literal of instants we produced (never client text). */
function multirangeLiteral(periods: readonly CriticalPeriod[]): string {
  return `{${periods.map((period) => `[${period.from.toISOString()},${period.to?.toISOString() ?? ''})`).join(',')}}`;
}
