import { type SiteAppointmentList, siteAppointmentListSchema } from '@pumpdesk/contracts';
import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client.ts';

/** Every appointment query of this feature starts with `['appointments']`: a booking invalidates them. */
export const appointmentsQueryKey = ['appointments'] as const;

export function getSiteAppointments(
  siteId: string,
  days: { date?: string; from?: string; to?: string },
  status: readonly string[] | undefined,
  signal?: AbortSignal,
): Promise<SiteAppointmentList> {
  return apiGet(`/api/sites/${encodeURIComponent(siteId)}/appointments`, siteAppointmentListSchema, {
    query: { ...days, status },
    signal,
  });
}

/** A site's day list for today in the site's own calendar (the API works out which day that is). */
export function siteTodayQueryOptions(siteId: string) {
  return queryOptions({
    queryKey: [...appointmentsQueryKey, 'site', siteId, 'today'],
    queryFn: ({ signal }) => getSiteAppointments(siteId, {}, undefined, signal),
  });
}

/** A site's booked appointments over a range of days (at most 31), to show and move booked refills. */
export function siteBookedQueryOptions(siteId: string, from: string, to: string) {
  return queryOptions({
    queryKey: [...appointmentsQueryKey, 'site', siteId, 'booked', from, to],
    queryFn: ({ signal }) => getSiteAppointments(siteId, { from, to }, ['booked'], signal),
  });
}
