// Follow-up reviews (docs/domain.md, "Follow-up and scores"): when a patient's next review is due and
// whether it is late. A review is where the pump is interrogated (battery, alarm date, program) and the
// dose is judged, so a patient who slips through the review schedule is a safety gap, not just admin.
import {
  addDays,
  type CalendarDate,
  calendarDateParts,
  compareCalendarDates,
  daysBetween,
  minCalendarDate,
} from './calendar-date.ts';
import { formatDate, formatDays } from './explain.ts';
import { type Finding } from './findings.ts';
import { type ClinicSettings } from './settings.ts';

/**
 * - `ok`: due in more than `dueSoonDays`.
 * - `due_soon`: due within `dueSoonDays` (default 30), including today.
 * - `overdue`: past the due date (warning finding FOLLOW_UP_OVERDUE).
 * - `never_reviewed`: past the first-review due date with no review on record at all (warning finding
 *   NEVER_REVIEWED). `overdue` and `never_reviewed` are equally urgent.
 */
export type FollowUpStatus = 'ok' | 'due_soon' | 'overdue' | 'never_reviewed';

/** Inputs of {@link assessFollowUp}. */
export interface FollowUpInput {
  /** The current pump's implant date; null when the patient has no pump (a candidate, an explant). */
  implantDate: CalendarDate | null;
  /**
   * Days of the visits that count as a review. The caller leaves out visits that do not (emergency
   * visits). Any order, may be empty, may hold dates before the implant (a previous pump) and dates
   * after today (ignored: a review has not happened until its day).
   */
  reviewDates: readonly CalendarDate[];
  /** Today in the clinic's zone. */
  today: CalendarDate;
  /** Interval (182 days), first-review window (14–42 days) and "due soon" horizon (30 days). */
  settings: ClinicSettings['followUp'];
}

/** The days in which the first review after an implant should happen. */
export interface FirstReviewWindow {
  /** Implant + `firstReviewMinDays` (default 14: "2–6 weeks after implant is common"). */
  opens: CalendarDate;
  /** Implant + `firstReviewMaxDays` (default 42). */
  closes: CalendarDate;
}

/** Result of {@link assessFollowUp}. */
export interface FollowUpAssessment {
  /** The latest review on or before today; null when there is none. */
  lastReview: CalendarDate | null;
  nextReviewDue: CalendarDate;
  /** Set while the first review after the current implant is still pending; null otherwise. */
  firstReviewWindow: FirstReviewWindow | null;
  status: FollowUpStatus;
  /** Days from today to the due date; negative when overdue. */
  daysUntilDue: number;
  /** One sentence with the dates, for the patient page and the worklist. */
  message: string;
  /** FOLLOW_UP_OVERDUE or NEVER_REVIEWED (warnings); empty otherwise. */
  findings: Finding[];
}

/**
 * The next review due date and status (docs/domain.md, "Follow-up and scores": the clinic's rule is a
 * review at least every 6 months, `settings.intervalDays` default 182; "a first review 2–6 weeks after
 * implant is common", `firstReviewMinDays` 14 and `firstReviewMaxDays` 42).
 *
 * - Last review = the latest review date on or before today (later dates are ignored).
 * - With an implant and no review on or after the implant day, the first review after the implant is
 *   due by implant + `firstReviewMaxDays` (window opening at implant + `firstReviewMinDays`); for a
 *   replacement pump whose patient was reviewed before it, due = the earlier of that and last review +
 *   interval, so a new pump never pushes the six-monthly review back.
 * - Otherwise due = last review + interval. No implant and no review: null (nothing to follow up).
 * - Status: past due → `overdue` (`never_reviewed` when there is no review at all); due within
 *   `dueSoonDays` → `due_soon`; else `ok`.
 *
 * Assumption: a review on the implant day itself counts as the review after the implant (the rule says
 * "on or after"); callers that record the implant visit as a review should filter it out.
 */
export function assessFollowUp(input: FollowUpInput): FollowUpAssessment | null {
  const { implantDate, today, settings } = input;
  const lastReview = latestOnOrBefore(input.reviewDates, today);
  const afterInterval = lastReview === null ? null : addDays(lastReview, settings.intervalDays);
  const intervalSentence = (due: CalendarDate, last: CalendarDate, tail: string): string =>
    intervalMessage(due, last, settings.intervalDays, daysBetween(today, due), tail);

  if (implantDate === null || (lastReview !== null && compareCalendarDates(lastReview, implantDate) >= 0)) {
    // No first review pending: no pump (a candidate), or reviewed since the implant.
    if (lastReview === null || afterInterval === null) return null;
    const draft = { lastReview, nextReviewDue: afterInterval, firstReviewWindow: null, today, settings };
    return finish(draft, () => intervalSentence(afterInterval, lastReview, ''));
  }

  const firstReviewWindow: FirstReviewWindow = {
    opens: addDays(implantDate, settings.firstReviewMinDays),
    closes: addDays(implantDate, settings.firstReviewMaxDays),
  };
  const nextReviewDue =
    afterInterval === null
      ? firstReviewWindow.closes
      : minCalendarDate(afterInterval, firstReviewWindow.closes);
  const sinceImplant = `the implant on ${formatDate(implantDate)}`;
  return finish({ lastReview, nextReviewDue, firstReviewWindow, today, settings }, (status) => {
    if (lastReview !== null && afterInterval !== null && nextReviewDue === afterInterval) {
      // A replacement pump: the six-monthly review comes before the new pump's first-review window closes.
      return intervalSentence(
        afterInterval,
        lastReview,
        `, before the first review after ${sinceImplant} is due`,
      );
    }
    if (status === 'never_reviewed') {
      return `Never reviewed: first review after ${sinceImplant} was due by ${formatDate(nextReviewDue)}.`;
    }
    if (status === 'overdue') {
      const late = formatDays(-daysBetween(today, nextReviewDue));
      return `First review after ${sinceImplant} overdue by ${late}: it was due by ${formatDate(nextReviewDue)}.`;
    }
    return `First review after implant due between ${formatRange(firstReviewWindow.opens, firstReviewWindow.closes)}.`;
  });
}

/** The latest date on or before `today`: a review dated later has not happened yet. */
function latestOnOrBefore(dates: readonly CalendarDate[], today: CalendarDate): CalendarDate | null {
  let latest: CalendarDate | null = null;
  for (const date of dates) {
    if (
      compareCalendarDates(date, today) <= 0 &&
      (latest === null || compareCalendarDates(date, latest) > 0)
    ) {
      latest = date;
    }
  }
  return latest;
}

interface Draft {
  lastReview: CalendarDate | null;
  nextReviewDue: CalendarDate;
  firstReviewWindow: FirstReviewWindow | null;
  today: CalendarDate;
  settings: ClinicSettings['followUp'];
}

/** Status, message and findings from the due date, shared by both branches. */
function finish(draft: Draft, describe: (status: FollowUpStatus) => string): FollowUpAssessment {
  const { lastReview, nextReviewDue, firstReviewWindow, today, settings } = draft;
  const daysUntilDue = daysBetween(today, nextReviewDue);
  const status: FollowUpStatus =
    daysUntilDue < 0
      ? lastReview === null
        ? 'never_reviewed'
        : 'overdue'
      : daysUntilDue <= settings.dueSoonDays
        ? 'due_soon'
        : 'ok';
  const message = describe(status);
  const facts = { nextReviewDue, lastReview, daysOverdue: -daysUntilDue };
  const findings: Finding[] =
    status === 'overdue'
      ? [{ code: 'FOLLOW_UP_OVERDUE', severity: 'warning', message, facts }]
      : status === 'never_reviewed'
        ? [{ code: 'NEVER_REVIEWED', severity: 'warning', message, facts }]
        : [];
  return { lastReview, nextReviewDue, firstReviewWindow, status, daysUntilDue, message, findings };
}

/** "Review due 12 May 2027, 182 days after the last review on 11 Nov 2026." (or overdue by N days). */
function intervalMessage(
  due: CalendarDate,
  last: CalendarDate,
  intervalDays: number,
  daysUntil: number,
  tail: string,
): string {
  const head = daysUntil < 0 ? `Review overdue by ${formatDays(-daysUntil)}: due` : 'Review due';
  return `${head} ${formatDate(due)}, ${formatDays(intervalDays)} after the last review on ${formatDate(last)}${tail}.`;
}

/** "16 Jan and 13 Feb 2027"; both years when they differ ("20 Dec 2026 and 1 Feb 2027"). */
function formatRange(from: CalendarDate, to: CalendarDate): string {
  if (calendarDateParts(from).year !== calendarDateParts(to).year) {
    return `${formatDate(from)} and ${formatDate(to)}`;
  }
  return `${formatDate(from).replace(/ \d+$/, '')} and ${formatDate(to)}`;
}
