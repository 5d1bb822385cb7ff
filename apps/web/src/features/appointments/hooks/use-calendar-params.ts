import { type SiteSummary } from '@pumpdesk/contracts';
import { type CalendarDate } from '@pumpdesk/domain';
import { useSearchParams } from 'react-router';
import { todayInZone } from '../../../lib/dates.ts';
import { type CalendarView, parseDate, parseView } from '../utils/calendar-dates.ts';

export interface CalendarParams {
  site: SiteSummary;
  view: CalendarView;
  date: CalendarDate;
  /** Today in the site's zone. */
  today: CalendarDate;
}

/**
 * The calendar's site, view and day, kept in the URL (`?siteId=…&view=week&date=2026-11-25`) so a
 * reload or a shared link shows the same calendar. Missing or unknown values fall back to the first of
 * the user's sites, the day view and today in that site's zone. Each change is a new history entry:
 * Back returns to the previous day or week.
 */
export function useCalendarParams(sites: readonly SiteSummary[]) {
  const [searchParams, setSearchParams] = useSearchParams();
  const requestedSiteId = searchParams.get('siteId');
  const site = sites.find((candidate) => candidate.id === requestedSiteId) ?? sites[0];
  const params: CalendarParams | null = site
    ? (() => {
        const today = todayInZone(site.timeZone);
        return {
          site,
          view: parseView(searchParams.get('view')),
          date: parseDate(searchParams.get('date')) ?? today,
          today,
        };
      })()
    : null;

  function go(change: Partial<{ siteId: string; view: CalendarView; date: CalendarDate }>): void {
    if (!params) return;
    setSearchParams({
      siteId: change.siteId ?? params.site.id,
      view: change.view ?? params.view,
      date: change.date ?? params.date,
    });
  }

  return { params, go };
}
