import {
  type DoseChangeList,
  doseChangeListSchema,
  type FollowUpWorklistPage,
  followUpWorklistPageSchema,
  type RefillWorklistPage,
  refillWorklistPageSchema,
  type SafetyFindingList,
  safetyFindingListSchema,
} from '@pumpdesk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client.ts';

// The physician home's lists. Keys under 'worklists': a new program or refill invalidates them.

/** How many days back the home looks for dose changes and safety findings. */
export const REVIEW_DAYS = 30;
/** The first rows of each list on the home; the full worklists are their own screens. */
export const REVIEW_LIMIT = 50;

export function doseChangesQueryOptions() {
  return queryOptions({
    queryKey: ['worklists', 'review', 'dose-changes', REVIEW_DAYS],
    queryFn: ({ signal }): Promise<DoseChangeList> =>
      apiGet('/api/worklists/dose-changes', doseChangeListSchema, {
        query: { days: REVIEW_DAYS, limit: REVIEW_LIMIT },
        signal,
      }),
  });
}

export function safetyFindingsQueryOptions() {
  return queryOptions({
    queryKey: ['worklists', 'review', 'safety-findings', REVIEW_DAYS],
    queryFn: ({ signal }): Promise<SafetyFindingList> =>
      apiGet('/api/worklists/safety-findings', safetyFindingListSchema, {
        query: { days: REVIEW_DAYS, limit: REVIEW_LIMIT },
        signal,
      }),
  });
}

/** Today's critical refill states (alarm reached, empty, a stopped pump): the engine's own, per site. */
export function criticalRefillsQueryOptions() {
  return queryOptions({
    queryKey: ['worklists', 'review', 'critical-refills'],
    queryFn: ({ signal }): Promise<RefillWorklistPage> =>
      apiGet('/api/worklists/refills', refillWorklistPageSchema, {
        query: { status: ['critical'], limit: REVIEW_LIMIT },
        signal,
      }),
  });
}

/** Reviews never done, overdue or due within 30 days (the follow-up worklist's default). */
export function reviewsDueQueryOptions() {
  return queryOptions({
    queryKey: ['worklists', 'review', 'follow-ups'],
    queryFn: ({ signal }): Promise<FollowUpWorklistPage> =>
      apiGet('/api/worklists/follow-ups', followUpWorklistPageSchema, {
        query: { limit: REVIEW_LIMIT },
        signal,
      }),
  });
}

export const useDoseChanges = () => useQuery(doseChangesQueryOptions());
export const useSafetyFindings = () => useQuery(safetyFindingsQueryOptions());
export const useCriticalRefills = () => useQuery(criticalRefillsQueryOptions());
export const useReviewsDue = () => useQuery(reviewsDueQueryOptions());
