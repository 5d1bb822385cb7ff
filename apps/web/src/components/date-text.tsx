import { formatRelativeDays } from '../lib/dates.ts';
import { formatCalendarDate } from '../lib/format.ts';

interface CalendarDateTextProps {
  /** A calendar date, `YYYY-MM-DD`, in the site's calendar (as the API sends it). */
  date: string | null | undefined;
  /** The site's today: when given, "in 3 days" / "5 days ago" follows the date. */
  today?: string | undefined;
  /** What to show when there is no date. */
  empty?: string;
}

/** `14 Mar 2027 (in 3 days)`: the unambiguous date, machine-readable in `<time>`, and its distance. */
export function CalendarDateText({ date, today, empty = '—' }: CalendarDateTextProps) {
  if (!date) return <span className="muted">{empty}</span>;
  return (
    <span className="date-text">
      <time dateTime={date}>{formatCalendarDate(date)}</time>
      {today ? <span className="date-text__relative"> ({formatRelativeDays(date, today)})</span> : null}
    </span>
  );
}
