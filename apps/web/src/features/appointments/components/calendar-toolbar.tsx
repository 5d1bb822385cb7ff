import { type SiteSummary } from '@pumpdesk/contracts';
import { type CalendarDate, isCalendarDate } from '@pumpdesk/domain';
import { type CalendarView } from '../utils/calendar-dates.ts';

interface CalendarToolbarProps {
  sites: readonly SiteSummary[];
  siteId: string;
  view: CalendarView;
  date: CalendarDate;
  onSite: (siteId: string) => void;
  onView: (view: CalendarView) => void;
  onDate: (date: CalendarDate) => void;
  onPrevious: () => void;
  onNext: () => void;
  onToday: () => void;
}

const VIEWS: readonly { view: CalendarView; label: string }[] = [
  { view: 'day', label: 'Day' },
  { view: 'week', label: 'Week' },
];

export function CalendarToolbar(props: CalendarToolbarProps) {
  const unit = props.view === 'day' ? 'day' : 'week';
  return (
    <div className="filters calendar-toolbar">
      <div className="field">
        <label htmlFor="calendar-site">Site</label>
        <select
          id="calendar-site"
          value={props.siteId}
          onChange={(event) => {
            props.onSite(event.target.value);
          }}
        >
          {props.sites.map((site) => (
            <option key={site.id} value={site.id}>
              {site.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field calendar-toolbar__date">
        <label htmlFor="calendar-date">Date</label>
        <input
          id="calendar-date"
          type="date"
          value={props.date}
          onChange={(event) => {
            const value = event.target.value;
            if (isCalendarDate(value)) props.onDate(value);
          }}
        />
      </div>
      <div className="calendar-toolbar__group" role="group" aria-label="View">
        {VIEWS.map(({ view, label }) => (
          <button
            key={view}
            type="button"
            className={props.view === view ? 'button' : 'button button--secondary'}
            aria-pressed={props.view === view}
            onClick={() => {
              props.onView(view);
            }}
          >
            {label}
          </button>
        ))}
      </div>
      <div className="calendar-toolbar__group" role="group" aria-label={`Move by ${unit}`}>
        <button type="button" className="button button--secondary" onClick={props.onPrevious}>
          <span aria-hidden="true">‹ </span>Previous {unit}
        </button>
        <button type="button" className="button button--secondary" onClick={props.onToday}>
          Today
        </button>
        <button type="button" className="button button--secondary" onClick={props.onNext}>
          Next {unit}
          <span aria-hidden="true"> ›</span>
        </button>
      </div>
    </div>
  );
}
