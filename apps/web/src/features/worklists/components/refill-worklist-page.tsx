import { type RefillWorklistEntry, type SiteSummary } from '@pumpdesk/contracts';
import { useState } from 'react';
import { CsvDownloadLink } from '../../../components/csv-download-link.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useWorklist, worklistPath, worklistQuery } from '../api/get-worklists.ts';
import { useBookedRefills } from '../hooks/use-booked-refills.ts';
import { useWorklistFilters } from '../hooks/use-worklist-filters.ts';
import { refillSections } from '../utils/refill-sections.ts';
import { hasActiveFilters } from '../utils/worklist-filters.ts';
import '../worklists.css';
import { RefillSection } from './refill-section.tsx';
import { TodaysAppointments } from './todays-appointments.tsx';
import { WorklistFilters } from './worklist-filters.tsx';
import { WorklistResults } from './worklist-results.tsx';

interface RefillWorklistPageProps {
  /** From the sites feature, passed in by the route (features never import each other). */
  sites: readonly SiteSummary[];
  sitesUnavailable: boolean;
  sitesPending: boolean;
  /** The sites whose day lists "Today's appointments" shows when no site is filtered. */
  homeSites: readonly { id: string; name: string }[];
  canBook: boolean;
  canRecordRefill: boolean;
}

/** The nurse's home: who needs a refill first, in urgency sections, and today's appointments. */
export function RefillWorklistPage(props: RefillWorklistPageProps) {
  const { filters, changeFilters, clearFilters } = useWorklistFilters();
  const query = useWorklist('refills', filters);
  const [announcement, setAnnouncement] = useState('');
  const filteredSite = filters.siteId
    ? (props.sites.find((site) => site.id === filters.siteId) ?? {
        id: filters.siteId,
        name: 'Selected site',
      })
    : null;

  return (
    <div className="page worklist-page">
      <PageHeader
        title="Refills due"
        subtitle="Critical and overdue first; high-risk patients first within each section."
        actions={
          <CsvDownloadLink path={worklistPath('refills', 'csv')} query={worklistQuery('refills', filters)} />
        }
      />
      <WorklistFilters
        id="refills"
        label="Filter the refill worklist"
        filters={filters}
        onChange={changeFilters}
        onClear={hasActiveFilters(filters) ? clearFilters : null}
        sites={props.sites}
        sitesUnavailable={props.sitesUnavailable}
        showNoAppointment
      />
      <p className={announcement ? 'notice' : 'visually-hidden'} role="status">
        {announcement}
      </p>
      <TodaysAppointments
        sites={filteredSite ? [filteredSite] : props.homeSites}
        sitesPending={props.sitesPending}
      />
      <WorklistResults
        what="refill worklist"
        query={query}
        emptyTitle={
          hasActiveFilters(filters)
            ? 'No pumps match these filters.'
            : 'No refills need attention: every pump is OK.'
        }
        onClearFilters={hasActiveFilters(filters) ? clearFilters : null}
      >
        {(entries, busy) => (
          <RefillSections
            entries={entries}
            busy={busy}
            sites={props.sites}
            canBook={props.canBook}
            canRecordRefill={props.canRecordRefill}
            onSaved={setAnnouncement}
          />
        )}
      </WorklistResults>
    </div>
  );
}

function RefillSections(props: {
  entries: RefillWorklistEntry[];
  busy: boolean;
  sites: readonly SiteSummary[];
  canBook: boolean;
  canRecordRefill: boolean;
  onSaved: (message: string) => void;
}) {
  const { entries, ...sectionProps } = props;
  const booked = useBookedRefills(entries);
  return (
    <>
      {refillSections(entries).map((section) => (
        <RefillSection key={section.id} section={section} booked={booked} {...sectionProps} />
      ))}
    </>
  );
}
