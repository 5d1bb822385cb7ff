import { type CalendarDate } from '@pumpdesk/domain';
import { type SiteAppointmentList, siteAppointmentListSchema } from '@pumpdesk/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client.ts';
import { type CalendarView, viewRange } from '../utils/calendar-dates.ts';

export interface CalendarQuery {
  siteId: string;
  view: CalendarView;
  date: CalendarDate;
}

/** One day (`date`) or Monday–Sunday (`from`–`to`), in the site's calendar. */
export function getSiteAppointments(
  query: CalendarQuery,
  signal?: AbortSignal,
): Promise<SiteAppointmentList> {
  const range = viewRange(query.view, query.date);
  return apiGet(`/api/sites/${encodeURIComponent(query.siteId)}/appointments`, siteAppointmentListSchema, {
    query: query.view === 'day' ? { date: range.from } : { from: range.from, to: range.to },
    signal,
  });
}

export const appointmentsQueryKey = ['appointments'] as const;

export function siteAppointmentsQueryOptions(query: CalendarQuery) {
  return queryOptions({
    queryKey: [...appointmentsQueryKey, 'site', query.siteId, query.view, query.date],
    queryFn: ({ signal }) => getSiteAppointments(query, signal),
  });
}

const NO_QUERY: CalendarQuery = { siteId: '', view: 'day', date: '1970-01-01' as CalendarDate };

/** While the next day or week loads, the previous one stays on screen (marked busy). */
export function useSiteAppointments(query: CalendarQuery | null) {
  return useQuery({
    ...siteAppointmentsQueryOptions(query ?? NO_QUERY),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}
