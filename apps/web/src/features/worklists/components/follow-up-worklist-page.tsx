import { type FollowUpWorklistEntry, type SiteSummary } from '@pumpdesk/contracts';
import { CalendarDateText } from '../../../components/date-text.tsx';
import { CsvDownloadLink } from '../../../components/csv-download-link.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { SeverityBadge } from '../../../components/severity-badge.tsx';
import { useWorklist, worklistPath, worklistQuery } from '../api/get-worklists.ts';
import { useWorklistFilters } from '../hooks/use-worklist-filters.ts';
import { daysLeftText, followUpStatusLabels } from '../utils/labels.ts';
import { hasActiveFilters } from '../utils/worklist-filters.ts';
import '../worklists.css';
import { PatientCell } from './patient-cell.tsx';
import { WorklistFilters } from './worklist-filters.tsx';
import { WorklistResults } from './worklist-results.tsx';

const COLUMNS = [
  'Patient',
  'MRN',
  'Pump',
  'Responsible physician',
  'Status',
  'Last review',
  'Next review due',
  'Days left',
] as const;

interface FollowUpWorklistPageProps {
  sites: readonly SiteSummary[];
  sitesUnavailable: boolean;
}

/** Patients whose follow-up review is due: never reviewed and overdue first. */
export function FollowUpWorklistPage({ sites, sitesUnavailable }: FollowUpWorklistPageProps) {
  const { filters, changeFilters, clearFilters } = useWorklistFilters();
  const query = useWorklist('follow-ups', filters);
  const active = hasActiveFilters(filters);
  return (
    <div className="page worklist-page">
      <PageHeader
        title="Follow-ups"
        subtitle="Reviews due: never reviewed and overdue first."
        actions={
          <CsvDownloadLink
            path={worklistPath('follow-ups', 'csv')}
            query={worklistQuery('follow-ups', filters)}
          />
        }
      />
      <WorklistFilters
        id="follow-ups"
        label="Filter the follow-up worklist"
        filters={filters}
        onChange={changeFilters}
        onClear={active ? clearFilters : null}
        sites={sites}
        sitesUnavailable={sitesUnavailable}
      />
      <WorklistResults
        what="follow-up worklist"
        query={query}
        emptyTitle={active ? 'No patients match these filters.' : 'No reviews due: every patient is OK.'}
        onClearFilters={active ? clearFilters : null}
      >
        {(entries, busy) => (
          <div className="table-scroll">
            <table className="data-table worklist-table" aria-busy={busy}>
              <caption className="visually-hidden">Patients by follow-up review priority</caption>
              <thead>
                <tr>
                  {COLUMNS.map((column) => (
                    <th key={column} scope="col">
                      {column}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <FollowUpRow key={entry.pump.id} entry={entry} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </WorklistResults>
    </div>
  );
}

function FollowUpRow({ entry }: { entry: FollowUpWorklistEntry }) {
  return (
    <tr>
      <PatientCell patient={entry.patient} highRisk={entry.highRisk} />
      <td className="nowrap">{entry.patient.mrn}</td>
      <td>
        {entry.pump.model}
        <span className="worklist__secondary muted">{entry.pump.serialNumber}</span>
      </td>
      <td>{entry.responsiblePhysician?.name ?? <span className="muted">Not assigned</span>}</td>
      <td className="worklist__due">
        <SeverityBadge level={entry.urgency} label={followUpStatusLabels[entry.status]} />
        <span className="worklist__message">{entry.message}</span>
      </td>
      <td>
        <CalendarDateText date={entry.lastReview} today={entry.today} empty="Never" />
      </td>
      <td>
        <CalendarDateText date={entry.nextReviewDue} today={entry.today} />
      </td>
      <td className="nowrap">{daysLeftText(entry.daysUntilDue)}</td>
    </tr>
  );
}
