import { type SiteList, siteListSchema } from '@pumpdesk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client.ts';

export function getSites(signal?: AbortSignal): Promise<SiteList> {
  return apiGet('/api/sites', siteListSchema, { signal });
}

export function sitesQueryOptions() {
  return queryOptions({
    queryKey: ['sites'],
    queryFn: ({ signal }) => getSites(signal),
    // Sites are set up once and rarely change.
    staleTime: 10 * 60_000,
  });
}

export function useSites() {
  return useQuery(sitesQueryOptions());
}
