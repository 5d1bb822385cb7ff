import {
  type PatientStatus,
  patientStatusLabels,
  patientStatusSchema,
  type SiteSummary,
} from '@pumpdesk/contracts';

interface PatientFiltersProps {
  searchText: string;
  onSearchTextChange: (text: string) => void;
  siteId: string | null;
  onSiteIdChange: (siteId: string | null) => void;
  status: PatientStatus | null;
  onStatusChange: (status: PatientStatus | null) => void;
  sites: readonly SiteSummary[];
  /** The site list failed to load: filtering by site is unavailable, the rest still works. */
  sitesUnavailable: boolean;
  canClear: boolean;
  onClear: () => void;
}

export function PatientFilters(props: PatientFiltersProps) {
  const { sites, siteId, status } = props;
  return (
    <form
      className="filters"
      role="search"
      aria-label="Filter patients"
      onSubmit={(event) => {
        event.preventDefault();
      }}
    >
      <div className="field field--grow">
        <label htmlFor="patient-search">Search by name or MRN</label>
        <input
          id="patient-search"
          type="search"
          autoComplete="off"
          spellCheck={false}
          maxLength={100}
          value={props.searchText}
          onChange={(event) => {
            props.onSearchTextChange(event.target.value);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor="patient-site">Site</label>
        <select
          id="patient-site"
          value={siteId ?? ''}
          disabled={props.sitesUnavailable && siteId === null}
          aria-describedby={props.sitesUnavailable ? 'patient-site-error' : undefined}
          onChange={(event) => {
            props.onSiteIdChange(event.target.value || null);
          }}
        >
          <option value="">All sites</option>
          {sites.map((site) => (
            <option key={site.id} value={site.id}>
              {site.name}
            </option>
          ))}
          {siteId !== null && !sites.some((site) => site.id === siteId) ? (
            <option value={siteId}>Selected site</option>
          ) : null}
        </select>
        {props.sitesUnavailable ? (
          <p id="patient-site-error" className="field__error">
            Sites could not be loaded.
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="patient-status">Status</label>
        <select
          id="patient-status"
          value={status ?? ''}
          onChange={(event) => {
            props.onStatusChange(parseStatus(event.target.value));
          }}
        >
          <option value="">All statuses</option>
          {patientStatusSchema.options.map((option) => (
            <option key={option} value={option}>
              {patientStatusLabels[option]}
            </option>
          ))}
        </select>
      </div>
      {props.canClear ? (
        <button type="button" className="button button--secondary" onClick={props.onClear}>
          Clear filters
        </button>
      ) : null}
    </form>
  );
}

function parseStatus(value: string): PatientStatus | null {
  const parsed = patientStatusSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
