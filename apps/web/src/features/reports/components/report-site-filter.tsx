import { type SiteSummary } from '@pumpdesk/contracts';

interface ReportSiteFilterProps {
  siteId: string | null;
  onSiteIdChange: (siteId: string | null) => void;
  sites: readonly SiteSummary[];
  /** The site list failed to load: every site's figures still show, filtering is unavailable. */
  sitesUnavailable: boolean;
}

export function ReportSiteFilter({ siteId, onSiteIdChange, sites, sitesUnavailable }: ReportSiteFilterProps) {
  return (
    <form
      className="filters no-print"
      aria-label="Filter the reports"
      onSubmit={(event) => {
        event.preventDefault();
      }}
    >
      <div className="field">
        <label htmlFor="report-site">Site</label>
        <select
          id="report-site"
          value={siteId ?? ''}
          disabled={sitesUnavailable && siteId === null}
          aria-describedby={sitesUnavailable ? 'report-site-error' : undefined}
          onChange={(event) => {
            onSiteIdChange(event.target.value || null);
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
        {sitesUnavailable ? (
          <p id="report-site-error" className="field__error">
            Sites could not be loaded.
          </p>
        ) : null}
      </div>
    </form>
  );
}
