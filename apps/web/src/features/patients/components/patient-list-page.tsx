import { patientStatusLabels, type SiteSummary } from '@pumpdesk/contracts';
import { PageHeader } from '../../../components/page-header.tsx';
import { usePatients } from '../api/get-patients.ts';
import { usePatientFilters } from '../hooks/use-patient-filters.ts';
import { hasActiveFilters, type PatientFilters as Filters } from '../utils/patient-filters.ts';
import { PatientFilters } from './patient-filters.tsx';
import { PatientResults } from './patient-results.tsx';

interface PatientListPageProps {
  /** Sites come from the sites feature, passed in by `src/app` (features never import each other). */
  sites: readonly SiteSummary[];
  sitesUnavailable: boolean;
}

export function PatientListPage({ sites, sitesUnavailable }: PatientListPageProps) {
  const { filters, searchText, changeSearchText, changeSiteId, changeStatus, clearFilters } =
    usePatientFilters();
  const query = usePatients(filters);
  const canClear = hasActiveFilters(filters) || searchText !== '';

  return (
    <div className="page">
      <PageHeader title="Patients" />
      <PatientFilters
        searchText={searchText}
        onSearchTextChange={changeSearchText}
        siteId={filters.siteId}
        onSiteIdChange={changeSiteId}
        status={filters.status}
        onStatusChange={changeStatus}
        sites={sites}
        sitesUnavailable={sitesUnavailable}
        canClear={canClear}
        onClear={clearFilters}
      />
      <PatientResults
        query={query}
        filterDescription={describeFilters(filters, sites)}
        onClearFilters={hasActiveFilters(filters) ? clearFilters : null}
      />
    </div>
  );
}

/** "“smith”, site Northside, status Active" for the empty state; '' when nothing is filtered. */
function describeFilters(filters: Filters, sites: readonly SiteSummary[]): string {
  const parts: string[] = [];
  if (filters.q) parts.push(`“${filters.q}”`);
  if (filters.siteId) {
    const site = sites.find((candidate) => candidate.id === filters.siteId);
    parts.push(site ? `site ${site.name}` : 'the selected site');
  }
  if (filters.status) parts.push(`status ${patientStatusLabels[filters.status]}`);
  return parts.join(', ');
}
