import { formatMcgPerDay, formatPercentChange } from '@pumpdesk/domain';
import { EmptyState, LoadingState } from '../../../components/page-states.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { SeverityBadge } from '../../../components/severity-badge.tsx';
import { formatInstant } from '../../../lib/format.ts';
import { REVIEW_DAYS, useDoseChanges } from '../api/get-review-lists.ts';
import { PatientCell } from './patient-cell.tsx';

/** Dose programs that took effect in the last 30 days: who changed what, by how much, and why. */
export function DoseChangesSection() {
  const changes = useDoseChanges();
  return (
    <section className="review-section" aria-labelledby="review-dose-changes">
      <h2 id="review-dose-changes" className="review-section__title">
        Recent dose changes
      </h2>
      {changes.isPending ? (
        <LoadingState what="the dose changes" />
      ) : changes.isError ? (
        <QueryError what="the dose changes" error={changes.error} onRetry={() => void changes.refetch()} />
      ) : changes.data.items.length === 0 ? (
        <EmptyState title={`No dose changes in the last ${REVIEW_DAYS} days.`} />
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">
              Dose changes in the last {REVIEW_DAYS} days, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">Patient</th>
                <th scope="col">Effective</th>
                <th scope="col">Daily dose</th>
                <th scope="col">Change</th>
                <th scope="col">Programmed by</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {changes.data.items.map((change) => (
                <tr key={change.programId}>
                  <PatientCell patient={change.patient} />
                  <td className="nowrap">{formatInstant(change.effectiveFrom, change.site.timeZone)}</td>
                  <td className="nowrap">
                    {change.previousDailyDoseMcg === null
                      ? `${formatMcgPerDay(change.dailyDoseMcg)} (first program)`
                      : `${formatMcgPerDay(change.previousDailyDoseMcg)} → ${formatMcgPerDay(change.dailyDoseMcg)}`}
                  </td>
                  <td className="nowrap">
                    {change.changePercent === null ? '—' : formatPercentChange(change.changePercent)}
                  </td>
                  <td>{change.programmedBy.name}</td>
                  <td>
                    {change.reason}
                    {change.titrationOverride ? (
                      <p className="review-override">
                        <SeverityBadge level="override_required" label="Override" />{' '}
                        {change.titrationOverrideReason ?? 'No reason recorded'}
                      </p>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
