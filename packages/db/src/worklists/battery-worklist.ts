import { type BatteryWorklistPage, type BatteryWorklistQuery } from '@pumpdesk/contracts';
import { batteryEntryMessage, type BatteryStatus, daysBetween } from '@pumpdesk/domain';
import { type Principal } from '../access/principal.ts';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import {
  runWorklist,
  type WorklistArguments,
  type WorklistRawRow,
  type WorklistSpec,
} from './run-worklist.ts';
import { readWorklistEntries, readWorklistPage } from './worklist-access.ts';
import { dateOrNull, entryBaseOf, pageOf, worklistArgumentsOf } from './worklist-page.ts';

// Batteries: ERI reported, replacement overdue (critical once past the estimated end of life), in the
// replacement window, approaching — scheduleStatusOn's battery comparisons and priority.ts's
// batteryUrgency, in SQL.

const batterySpec: WorklistSpec = {
  status: () => Prisma.sql`(CASE
    WHEN s.eri_reported_date IS NOT NULL THEN 'eri_reported'
    WHEN d.today > s.battery_recommended THEN 'replacement_overdue'
    WHEN d.today >= s.battery_window_start THEN 'in_window'
    WHEN d.today >= s.battery_approaching_from THEN 'approaching'
    ELSE 'ok' END)`,
  rowColumns: () => Prisma.sql`,
    (s.eri_reported_date IS NULL AND d.today > s.battery_estimated_end) AS past_estimated_end`,
  urgency: Prisma.sql`(CASE x.status
    WHEN 'eri_reported' THEN 'critical'
    WHEN 'replacement_overdue' THEN (CASE WHEN x.past_estimated_end THEN 'critical' ELSE 'overdue' END)
    WHEN 'in_window' THEN 'due_soon'
    WHEN 'approaching' THEN 'upcoming'
    ELSE 'ok' END)`,
  // After ERI what matters is when the pump stops (end of service), as in assessPatient's key.
  orderDate: () => Prisma.sql`COALESCE(x.battery_end_of_service, x.battery_recommended)`,
  keyDate: Prisma.sql`x.battery_recommended`,
  alwaysListed: ['eri_reported', 'replacement_overdue'],
  candidates: ({ latest, latestPlusHorizon }) => Prisma.sql`
    s.battery_attention_from <= ${latest}::date OR s.battery_recommended <= ${latestPlusHorizon}::date`,
  // ERI reported, replacement overdue (past the recommended date, which is before today).
  urgent: {
    maxRank: 2,
    candidates: ({ latest }) => Prisma.sql`
      s.eri_reported_date IS NOT NULL OR s.battery_recommended < ${latest}::date`,
  },
};

/**
 * The arguments of one page: the spec with the query's extra conditions, the filters, the page (also
 * what `pnpm bench` runs directly through `pg` with runWorklistWith).
 */
export function batteryWorklistArguments(
  query: BatteryWorklistQuery,
  now: Date,
  principal?: Principal,
): WorklistArguments {
  return worklistArgumentsOf(batterySpec, query, now, principal);
}

/**
 * One page of the batteries worklist at the user's sites (ForbiddenError without patients:read; a
 * siteId filter at another site: OutOfScopeError, a 404), audited (worklist.read).
 */
export async function batteryWorklist(
  prisma: PrismaClient,
  principal: Principal,
  query: BatteryWorklistQuery,
  now: Date,
): Promise<BatteryWorklistPage> {
  return readWorklistPage(prisma, principal, { name: 'batteries', siteId: query.siteId }, () =>
    batteryPage(prisma, principal, query, now),
  );
}

/** Every entry of the batteries worklist up to the CSV limit, checked like a page, audited once. */
export async function batteryWorklistEntries(
  prisma: PrismaClient,
  principal: Principal,
  query: Omit<BatteryWorklistQuery, 'limit' | 'cursor'>,
  now: Date,
): Promise<BatteryWorklistPage['items']> {
  return readWorklistEntries(
    prisma,
    principal,
    { name: 'batteries', siteId: query.siteId },
    (limit, cursor) => batteryPage(prisma, principal, { ...query, limit, cursor }, now),
  );
}

async function batteryPage(
  prisma: PrismaClient,
  principal: Principal,
  query: BatteryWorklistQuery,
  now: Date,
): Promise<BatteryWorklistPage> {
  const rows = await runWorklist(prisma, ...batteryWorklistArguments(query, now, principal));
  return pageOf(rows, query.limit, toEntry);
}

function toEntry(row: WorklistRawRow): BatteryWorklistPage['items'][number] {
  const base = entryBaseOf(row);
  const status = row.status as BatteryStatus;
  const facts = {
    status,
    today: base.today,
    windowStart: dateOrNull(row['battery_window_start']) ?? base.today,
    recommendedReplacement: dateOrNull(row['battery_recommended']) ?? base.today,
    estimatedEnd: dateOrNull(row['battery_estimated_end']) ?? base.today,
    endOfService: dateOrNull(row['battery_end_of_service']),
    eriReportedDate: dateOrNull(row['eri_reported_date']),
    pastEstimatedEnd: row['past_estimated_end'] === true,
  };
  return {
    ...base,
    ...facts,
    daysToRecommended: daysBetween(base.today, facts.recommendedReplacement),
    message: batteryEntryMessage(facts),
  };
}
