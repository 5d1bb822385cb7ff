import { type FollowUpWorklistEntry } from '@pumpdesk/contracts';
import { Link } from 'react-router';
import { CalendarDateText } from '../../../components/date-text.tsx';
import { EmptyState, LoadingState } from '../../../components/page-states.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { SeverityBadge, type SeverityLevel } from '../../../components/severity-badge.tsx';
import { useReviewsDue } from '../api/get-review-lists.ts';
import { PatientCell } from './patient-cell.tsx';

const STATUS_BADGES: Record<FollowUpWorklistEntry['status'], { level: SeverityLevel; label: string }> = {
  never_reviewed: { level: 'overdue', label: 'Never reviewed' },
  overdue: { level: 'overdue', label: 'Review overdue' },
  due_soon: { level: 'due_soon', label: 'Due soon' },
  ok: { level: 'ok', label: 'Up to date' },
};

/** The follow-up worklist's first entries: reviews never done, overdue, or due soon. */
export function ReviewsDueSection() {
  const reviews = useReviewsDue();
  return (
    <section className="review-section" aria-labelledby="review-due">
      <div className="review-section__header">
        <h2 id="review-due" className="review-section__title">
          Reviews due
        </h2>
        <Link to="/follow-ups">All follow-ups</Link>
      </div>
      {reviews.isPending ? (
        <LoadingState what="the reviews due" />
      ) : reviews.isError ? (
        <QueryError what="the reviews due" error={reviews.error} onRetry={() => void reviews.refetch()} />
      ) : reviews.data.items.length === 0 ? (
        <EmptyState title="No reviews are overdue or due in the next 30 days." />
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">Reviews due, most urgent first</caption>
            <thead>
              <tr>
                <th scope="col">Patient</th>
                <th scope="col">Status</th>
                <th scope="col">Next review due</th>
                <th scope="col">Last review</th>
                <th scope="col">Physician</th>
              </tr>
            </thead>
            <tbody>
              {reviews.data.items.map((entry) => {
                const badge = STATUS_BADGES[entry.status];
                return (
                  <tr key={entry.pump.id}>
                    <PatientCell patient={entry.patient} />
                    <td>
                      <SeverityBadge level={badge.level} label={badge.label} />
                    </td>
                    <td>
                      <CalendarDateText date={entry.nextReviewDue} today={entry.today} />
                    </td>
                    <td>
                      <CalendarDateText date={entry.lastReview} empty="Never" />
                    </td>
                    <td>{entry.responsiblePhysician?.name ?? '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
