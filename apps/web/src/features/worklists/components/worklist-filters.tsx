import { type SiteSummary } from '@pumpdesk/contracts';
import { HORIZON_CHOICES, type WorklistFilters as Filters } from '../utils/worklist-filters.ts';

interface WorklistFiltersProps {
  /** Prefixes the fields' ids ("refills", "batteries"): unique on the page. */
  id: string;
  label: string;
  filters: Filters;
  onChange: (changes: Partial<Filters>) => void;
  onClear: (() => void) | null;
  sites: readonly SiteSummary[];
  sitesUnavailable: boolean;
  /** The refill list's "no appointment before the due date" filter. */
  showNoAppointment?: boolean;
}

export function WorklistFilters(props: WorklistFiltersProps) {
  const { id, filters, sites, onChange } = props;
  const horizons: number[] = [...HORIZON_CHOICES];
  if (filters.horizonDays !== null && !horizons.includes(filters.horizonDays)) {
    horizons.push(filters.horizonDays);
    horizons.sort((a, b) => a - b);
  }
  return (
    <form
      className="filters no-print"
      role="search"
      aria-label={props.label}
      onSubmit={(event) => {
        event.preventDefault();
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-site`}>Site</label>
        <select
          id={`${id}-site`}
          value={filters.siteId ?? ''}
          disabled={props.sitesUnavailable && filters.siteId === null}
          aria-describedby={props.sitesUnavailable ? `${id}-site-error` : undefined}
          onChange={(event) => {
            onChange({ siteId: event.target.value || null });
          }}
        >
          <option value="">All my sites</option>
          {sites.map((site) => (
            <option key={site.id} value={site.id}>
              {site.name}
            </option>
          ))}
          {filters.siteId !== null && !sites.some((site) => site.id === filters.siteId) ? (
            <option value={filters.siteId}>Selected site</option>
          ) : null}
        </select>
        {props.sitesUnavailable ? (
          <p id={`${id}-site-error`} className="field__error">
            Sites could not be loaded.
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-horizon`}>Horizon</label>
        <select
          id={`${id}-horizon`}
          value={filters.horizonDays ?? ''}
          aria-describedby={`${id}-horizon-hint`}
          onChange={(event) => {
            onChange({ horizonDays: event.target.value === '' ? null : Number(event.target.value) });
          }}
        >
          <option value="">Standard (everything not OK)</option>
          {horizons.map((days) => (
            <option key={days} value={days}>
              Next {days} days
            </option>
          ))}
        </select>
        <span id={`${id}-horizon-hint`} className="field__hint">
          Urgent entries are always listed
        </span>
      </div>
      <div className="worklist-filters__checks">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={filters.highRisk}
            onChange={(event) => {
              onChange({ highRisk: event.target.checked });
            }}
          />
          High-risk patients only
        </label>
        {props.showNoAppointment ? (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={filters.noAppointment}
              onChange={(event) => {
                onChange({ noAppointment: event.target.checked });
              }}
            />
            No appointment before the due date
          </label>
        ) : null}
      </div>
      {props.onClear ? (
        <button type="button" className="button button--secondary" onClick={props.onClear}>
          Clear filters
        </button>
      ) : null}
    </form>
  );
}
