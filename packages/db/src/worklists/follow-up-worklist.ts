import { type FollowUpWorklistPage, type FollowUpWorklistQuery } from '@pumpdesk/contracts';
import { daysBetween, followUpEntryMessage, type FollowUpStatus } from '@pumpdesk/domain';
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

// Follow-ups: never reviewed, overdue, due soon — scheduleStatusOn's follow-up comparisons and
// priority.ts's followUpUrgency, in SQL. Patients with an implanted pump (the table's rows).

const followUpSpec: WorklistSpec = {
  status: () => Prisma.sql`(CASE
    WHEN s.next_review_due IS NULL THEN 'ok'
    WHEN d.today > s.next_review_due THEN (CASE WHEN s.last_review IS NULL THEN 'never_reviewed' ELSE 'overdue' END)
    WHEN d.today >= s.review_due_soon_from THEN 'due_soon'
    ELSE 'ok' END)`,
  urgency: Prisma.sql`(CASE x.status
    WHEN 'never_reviewed' THEN 'overdue' WHEN 'overdue' THEN 'overdue'
    WHEN 'due_soon' THEN 'due_soon' ELSE 'ok' END)`,
  orderDate: () => Prisma.sql`x.next_review_due`,
  keyDate: Prisma.sql`x.next_review_due`,
  alwaysListed: ['overdue', 'never_reviewed'],
  candidates: ({ latest, latestPlusHorizon }) => Prisma.sql`
    s.review_due_soon_from <= ${latest}::date OR s.next_review_due <= ${latestPlusHorizon}::date`,
  // Overdue and never reviewed (past the review date, which is before today).
  urgent: {
    maxRank: 2,
    candidates: ({ latest }) => Prisma.sql`s.next_review_due < ${latest}::date`,
  },
};

/**
 * The arguments of one page: the spec with the query's extra conditions, the filters, the page (also
 * what `pnpm bench` runs directly through `pg` with runWorklistWith).
 */
export function followUpWorklistArguments(
  query: FollowUpWorklistQuery,
  now: Date,
  principal?: Principal,
): WorklistArguments {
  return worklistArgumentsOf(followUpSpec, query, now, principal);
}

/**
 * One page of the follow-ups worklist at the user's sites (ForbiddenError without patients:read; a
 * siteId filter at another site: OutOfScopeError, a 404), audited (worklist.read).
 */
export async function followUpWorklist(
  prisma: PrismaClient,
  principal: Principal,
  query: FollowUpWorklistQuery,
  now: Date,
): Promise<FollowUpWorklistPage> {
  return readWorklistPage(prisma, principal, { name: 'follow-ups', siteId: query.siteId }, () =>
    followUpPage(prisma, principal, query, now),
  );
}

/** Every entry of the follow-ups worklist up to the CSV limit, checked like a page, audited once. */
export async function followUpWorklistEntries(
  prisma: PrismaClient,
  principal: Principal,
  query: Omit<FollowUpWorklistQuery, 'limit' | 'cursor'>,
  now: Date,
): Promise<FollowUpWorklistPage['items']> {
  return readWorklistEntries(
    prisma,
    principal,
    { name: 'follow-ups', siteId: query.siteId },
    (limit, cursor) => followUpPage(prisma, principal, { ...query, limit, cursor }, now),
  );
}

async function followUpPage(
  prisma: PrismaClient,
  principal: Principal,
  query: FollowUpWorklistQuery,
  now: Date,
): Promise<FollowUpWorklistPage> {
  const rows = await runWorklist(prisma, ...followUpWorklistArguments(query, now, principal));
  return pageOf(rows, query.limit, toEntry);
}

function toEntry(row: WorklistRawRow): FollowUpWorklistPage['items'][number] {
  const base = entryBaseOf(row);
  const status = row.status as FollowUpStatus;
  const nextReviewDue = dateOrNull(row['next_review_due']) ?? base.today;
  const lastReview = dateOrNull(row['last_review']);
  return {
    ...base,
    status,
    lastReview,
    nextReviewDue,
    daysUntilDue: daysBetween(base.today, nextReviewDue),
    message: followUpEntryMessage({ status, today: base.today, lastReview, nextReviewDue }),
  };
}
