import { type UserRole } from '@pumpdesk/contracts';
import { formatCalendarDate } from '../../../lib/format.ts';

// How the reports write their values on screen. Months (`YYYY-MM`) are calendar months, not instants:
// they are named from their digits, never through a Date (no time zone can move them).

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2027-03` as `Mar 2027`. */
export function formatReportMonth(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const name = match ? MONTH_NAMES[Number(match[2]) - 1] : undefined;
  if (!match || !name) throw new RangeError(`Not a month: ${month}`);
  return `${name} ${match[1]}`;
}

/** A share (0–1) as a percentage with one decimal, `66.7%`; null (nobody to count) as `—`. */
export function formatShare(share: number | null): string {
  if (share === null) return NO_VALUE;
  return `${(share * 100).toFixed(1)}%`;
}

/** A count that does not apply (recorded refills of months to come): a dash, the CSV leaves it empty. */
export const NO_VALUE = '—';

export function formatCount(value: number | null): string {
  return value === null ? NO_VALUE : String(value);
}

/** A point of the overdue-over-time report: `31 Oct 2026`, today's with "(today)". */
export function formatPointDate(date: string, kind: 'month_end' | 'today'): string {
  return kind === 'today' ? `${formatCalendarDate(date)} (today)` : formatCalendarDate(date);
}

/** Roles as the work-per-clinician report names them. */
export const reportRoleLabels: Record<UserRole, string> = {
  nurse: 'Nurse',
  physician: 'Physician',
  manager: 'Clinic manager',
  admin: 'Administrator',
};
