import { type RefillWorklistPage, type RefillWorklistQuery } from '@pumpdesk/contracts';
import {
  calendarDateInZone,
  daysBetween,
  type RefillEntryFacts,
  refillEntryMessage,
  type RefillStatus,
  STOPPING_ALARMS,
  type StoppingAlarm,
} from '@pumpdesk/domain';
import { type Principal } from '../access/principal.ts';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import {
  runWorklist,
  type WorklistArguments,
  type WorklistRawRow,
  type WorklistSpec,
} from './run-worklist.ts';
import { readWorklistEntries, readWorklistPage } from './worklist-access.ts';
import { dateOrNull, entryBaseOf, instantOrNull, pageOf, worklistArgumentsOf } from './worklist-page.ts';

// Refills: critical (alarm reached, empty, stopped, or a stopping alarm at the latest interrogation —
// the one cause that also applies when the reservoir cannot be projected), unknown (no refill or
// program on record), overdue, due soon, upcoming — scheduleStatusOn's refill comparisons, in SQL.

/** Needs a refill and none is booked from today up to the due date (today, once that has passed). */
const noAppointmentSql = Prisma.sql`(e.status NOT IN ('ok', 'unknown') AND e.refill_state = 'projected' AND NOT EXISTS (
  SELECT 1 FROM unnest(e.booked_refill_dates) b
  WHERE b >= e.today AND b <= GREATEST(e.refill_due_date, e.today)))`;

const refillSpec: WorklistSpec = {
  status: (now) => Prisma.sql`(CASE
    WHEN s.critical_periods @> ${now}::timestamptz THEN 'critical'
    WHEN s.refill_state <> 'projected' THEN 'unknown'
    WHEN d.today > s.refill_due_date THEN 'overdue'
    WHEN d.today >= s.due_soon_from THEN 'due_soon'
    WHEN d.today >= s.upcoming_from THEN 'upcoming'
    ELSE 'ok' END)`,
  // The start of the critical stretch in force (only looked up for critical rows), and the stopping
  // alarm of the latest interrogation (the message names it; enum arrays travel as text).
  rowColumns: (
    now,
  ) => Prisma.sql`, s.pump_alarm_at, s.pump_alarms::text[] AS pump_alarms, (CASE WHEN s.critical_periods @> ${now}::timestamptz THEN
      (SELECT lower(r) FROM unnest(s.critical_periods) r WHERE r @> ${now}::timestamptz LIMIT 1)
    END) AS critical_since`,
  urgency: Prisma.sql`x.status`,
  orderDate: () => Prisma.sql`(CASE
    WHEN x.status = 'critical' THEN timezone(x.time_zone, x.critical_since)::date
    WHEN x.status = 'unknown' THEN NULL
    ELSE x.refill_due_date END)`,
  keyDate: Prisma.sql`x.refill_due_date`,
  alwaysListed: ['critical', 'unknown', 'overdue'],
  // Only for the rows of the page: a subquery per candidate row would cost more than the page itself.
  pageColumns: Prisma.sql`,
    (SELECT min(b) FROM unnest(e.booked_refill_dates) b WHERE b >= e.today) AS next_booked,
    ${noAppointmentSql} AS no_appointment`,
  candidates: ({ now, latest, latestPlusHorizon }) => Prisma.sql`
    s.upcoming_from <= ${latest}::date OR s.refill_due_date <= ${latestPlusHorizon}::date
    OR s.critical_from <= ${now}::timestamptz OR s.refill_state <> 'projected'`,
  // Critical, unknown and overdue (due before today, and today is at most the latest site day).
  urgent: {
    maxRank: 2,
    candidates: ({ now, latest }) => Prisma.sql`
      s.critical_from <= ${now}::timestamptz OR s.refill_state <> 'projected' OR s.refill_due_date < ${latest}::date`,
  },
};

/**
 * The arguments of one page: the spec with the query's extra conditions, the filters, the page (also
 * what `pnpm bench` runs directly through `pg` with runWorklistWith).
 */
export function refillWorklistArguments(
  query: RefillWorklistQuery,
  now: Date,
  principal?: Principal,
): WorklistArguments {
  const spec =
    query.noAppointment === undefined
      ? refillSpec
      : { ...refillSpec, extraWhere: Prisma.sql`${noAppointmentSql} = ${query.noAppointment}` };
  return worklistArgumentsOf(spec, query, now, principal);
}

/**
 * One page of the refills worklist at the user's sites (ForbiddenError without patients:read; a
 * siteId filter at another site: OutOfScopeError, a 404), audited (worklist.read).
 */
export async function refillWorklist(
  prisma: PrismaClient,
  principal: Principal,
  query: RefillWorklistQuery,
  now: Date,
): Promise<RefillWorklistPage> {
  return readWorklistPage(prisma, principal, { name: 'refills', siteId: query.siteId }, () =>
    refillPage(prisma, principal, query, now),
  );
}

/** Every entry of the refills worklist up to the CSV limit, checked like a page, audited once. */
export async function refillWorklistEntries(
  prisma: PrismaClient,
  principal: Principal,
  query: Omit<RefillWorklistQuery, 'limit' | 'cursor'>,
  now: Date,
): Promise<RefillWorklistPage['items']> {
  return readWorklistEntries(prisma, principal, { name: 'refills', siteId: query.siteId }, (limit, cursor) =>
    refillPage(prisma, principal, { ...query, limit, cursor }, now),
  );
}

async function refillPage(
  prisma: PrismaClient,
  principal: Principal,
  query: RefillWorklistQuery,
  now: Date,
): Promise<RefillWorklistPage> {
  const rows = await runWorklist(prisma, ...refillWorklistArguments(query, now, principal));
  return pageOf(rows, query.limit, (row) => toEntry(row, now));
}

function toEntry(row: WorklistRawRow, now: Date): RefillWorklistPage['items'][number] {
  const base = entryBaseOf(row);
  const status = row.status as RefillStatus;
  const dueDate = dateOrNull(row['refill_due_date']);
  const alarmAt = row['alarm_at'] instanceof Date ? row['alarm_at'] : null;
  const emptyAt = row['empty_at'] instanceof Date ? row['empty_at'] : null;
  const criticalSince = status === 'critical' ? dateOrNull(row.order_date) : null;
  const nextBookedRefill = dateOrNull(row['next_booked']);
  const noAppointmentByDueDate = row['no_appointment'] === true;
  const emptyDate = dateOrNull(row['empty_date']);
  const critical: RefillEntryFacts['critical'] = criticalSince
    ? criticalCause(row, now, criticalSince, { alarmAt, emptyAt })
    : null;
  return {
    ...base,
    status,
    dueDate,
    dueDateBoundBy: (row['due_bound_by'] as RefillWorklistPage['items'][number]['dueDateBoundBy']) ?? null,
    daysUntilDue: dueDate ? daysBetween(base.today, dueDate) : null,
    alarmAt: instantOrNull(alarmAt),
    alarmDate: dateOrNull(row['alarm_date']),
    emptyAt: instantOrNull(emptyAt),
    emptyDate,
    criticalSince,
    nextBookedRefill,
    noAppointmentByDueDate,
    message: refillEntryMessage({
      status,
      today: base.today,
      projection: row['refill_state'] as 'projected' | 'no_refill' | 'no_program',
      dueDate,
      alarmDate: dateOrNull(row['alarm_date']),
      emptyDate,
      critical,
      nextBookedRefill,
      noAppointmentByDueDate,
    }),
  };
}

/**
 * What made a critical entry critical. A stopping alarm at the latest interrogation wins (the pump has
 * stopped whatever the reservoir holds: the message names the alarms and the interrogation's day in
 * the site's zone); then the projected empty instant, the low-reservoir alarm, else a stopped program.
 */
function criticalCause(
  row: WorklistRawRow,
  now: Date,
  since: NonNullable<RefillEntryFacts['critical']>['since'],
  instants: { alarmAt: Date | null; emptyAt: Date | null },
): NonNullable<RefillEntryFacts['critical']> {
  const pumpAlarmAt = row['pump_alarm_at'] instanceof Date ? row['pump_alarm_at'] : null;
  const stored = Array.isArray(row['pump_alarms']) ? (row['pump_alarms'] as unknown[]) : [];
  const alarms = STOPPING_ALARMS.filter((alarm: StoppingAlarm) => stored.includes(alarm));
  if (pumpAlarmAt && pumpAlarmAt.getTime() <= now.getTime() && alarms.length > 0) {
    return { cause: 'pump_alarm', since, alarms, reportedOn: calendarDateInZone(pumpAlarmAt, row.time_zone) };
  }
  const { alarmAt, emptyAt } = instants;
  const cause =
    emptyAt && emptyAt.getTime() <= now.getTime()
      ? 'empty'
      : alarmAt && alarmAt.getTime() <= now.getTime()
        ? 'alarm'
        : 'stopped';
  return { cause, since };
}
