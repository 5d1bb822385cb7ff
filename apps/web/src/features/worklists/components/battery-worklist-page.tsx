import { type BatteryWorklistEntry, type SiteSummary } from '@pumpdesk/contracts';
import { CalendarDateText } from '../../../components/date-text.tsx';
import { CsvDownloadLink } from '../../../components/csv-download-link.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { SeverityBadge } from '../../../components/severity-badge.tsx';
import { useWorklist, worklistPath, worklistQuery } from '../api/get-worklists.ts';
import { useWorklistFilters } from '../hooks/use-worklist-filters.ts';
import { batteryStatusLabels } from '../utils/labels.ts';
import { hasActiveFilters } from '../utils/worklist-filters.ts';
import '../worklists.css';
import { PatientCell } from './patient-cell.tsx';
import { WorklistFilters } from './worklist-filters.tsx';
import { WorklistResults } from './worklist-results.tsx';

const COLUMNS = [
  'Patient',
  'MRN',
  'Pump',
  'Status',
  'Replacement window opens',
  'Recommended replacement',
  'Estimated end of battery',
  'ERI reported',
] as const;

interface BatteryWorklistPageProps {
  sites: readonly SiteSummary[];
  sitesUnavailable: boolean;
}

/** Pumps whose battery needs replacing soonest: ERI reported and overdue first. */
export function BatteryWorklistPage({ sites, sitesUnavailable }: BatteryWorklistPageProps) {
  const { filters, changeFilters, clearFilters } = useWorklistFilters();
  const query = useWorklist('batteries', filters);
  const active = hasActiveFilters(filters);
  return (
    <div className="page worklist-page">
      <PageHeader
        title="Batteries"
        subtitle="Pump replacements: ERI reported and overdue first."
        actions={
          <CsvDownloadLink
            path={worklistPath('batteries', 'csv')}
            query={worklistQuery('batteries', filters)}
          />
        }
      />
      <WorklistFilters
        id="batteries"
        label="Filter the battery worklist"
        filters={filters}
        onChange={changeFilters}
        onClear={active ? clearFilters : null}
        sites={sites}
        sitesUnavailable={sitesUnavailable}
      />
      <WorklistResults
        what="battery worklist"
        query={query}
        emptyTitle={
          active ? 'No pumps match these filters.' : 'No battery needs attention: every pump is OK.'
        }
        onClearFilters={active ? clearFilters : null}
      >
        {(entries, busy) => (
          <div className="table-scroll">
            <table className="data-table worklist-table" aria-busy={busy}>
              <caption className="visually-hidden">Pumps by battery replacement priority</caption>
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
                  <BatteryRow key={entry.pump.id} entry={entry} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </WorklistResults>
    </div>
  );
}

function BatteryRow({ entry }: { entry: BatteryWorklistEntry }) {
  return (
    <tr>
      <PatientCell patient={entry.patient} highRisk={entry.highRisk} />
      <td className="nowrap">{entry.patient.mrn}</td>
      <td>
        {entry.pump.model}
        <span className="worklist__secondary muted">{entry.pump.serialNumber}</span>
      </td>
      <td className="worklist__due">
        <SeverityBadge level={entry.urgency} label={batteryStatusLabels[entry.status]} />
        <span className="worklist__message">{entry.message}</span>
      </td>
      <td>
        <CalendarDateText date={entry.windowStart} today={entry.today} />
      </td>
      <td>
        <CalendarDateText date={entry.recommendedReplacement} today={entry.today} />
      </td>
      <td>
        <CalendarDateText date={entry.estimatedEnd} today={entry.today} />
        {entry.endOfService ? (
          <span className="worklist__secondary">
            End of service <CalendarDateText date={entry.endOfService} today={entry.today} />
          </span>
        ) : null}
      </td>
      <td>
        <CalendarDateText date={entry.eriReportedDate} today={entry.today} empty="Not reported" />
      </td>
    </tr>
  );
}
