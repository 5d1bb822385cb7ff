import { FindingList } from '../../../components/finding-list.tsx';
import { EmptyState, LoadingState } from '../../../components/page-states.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { SeverityBadge } from '../../../components/severity-badge.tsx';
import { formatInstant } from '../../../lib/format.ts';
import { REVIEW_DAYS, useCriticalRefills, useSafetyFindings } from '../api/get-review-lists.ts';
import { PatientCell } from './patient-cell.tsx';

/**
 * Patients with safety findings: today's critical states (the engine's, from the refill worklist) and
 * the critical findings and warnings stored with the refills of the last 30 days.
 */
export function SafetyFindingsSection() {
  const critical = useCriticalRefills();
  const findings = useSafetyFindings();
  return (
    <section className="review-section" aria-labelledby="review-safety">
      <h2 id="review-safety" className="review-section__title">
        Safety findings
      </h2>
      <h3 className="review-section__subtitle">Critical today</h3>
      {critical.isPending ? (
        <LoadingState what="today’s critical findings" />
      ) : critical.isError ? (
        <QueryError
          what="today’s critical findings"
          error={critical.error}
          onRetry={() => void critical.refetch()}
        />
      ) : critical.data.items.length === 0 ? (
        <EmptyState title="No patient is in a critical state today." />
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">Patients in a critical state today</caption>
            <thead>
              <tr>
                <th scope="col">Patient</th>
                <th scope="col">Status</th>
                <th scope="col">Site</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {critical.data.items.map((entry) => (
                <tr key={entry.pump.id}>
                  <PatientCell patient={entry.patient} />
                  <td>
                    <SeverityBadge level="critical" />
                  </td>
                  <td>{entry.site.name}</td>
                  <td>{entry.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3 className="review-section__subtitle">Findings on refills in the last {REVIEW_DAYS} days</h3>
      {findings.isPending ? (
        <LoadingState what="the refill findings" />
      ) : findings.isError ? (
        <QueryError
          what="the refill findings"
          error={findings.error}
          onRetry={() => void findings.refetch()}
        />
      ) : findings.data.items.length === 0 ? (
        <EmptyState title={`No critical findings or warnings on refills in the last ${REVIEW_DAYS} days.`} />
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">Refills with safety findings, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Patient</th>
                <th scope="col">Refill</th>
                <th scope="col">By</th>
                <th scope="col">Findings</th>
              </tr>
            </thead>
            <tbody>
              {findings.data.items.map((entry) => (
                <tr key={entry.refillId}>
                  <PatientCell patient={entry.patient} />
                  <td className="nowrap">{formatInstant(entry.performedAt, entry.site.timeZone)}</td>
                  <td>{entry.performedBy.name}</td>
                  <td>
                    <FindingList findings={entry.findings} />
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
