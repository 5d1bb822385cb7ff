import {
  type ClinicSettingsResponse,
  clinicSettingsResponseSchema,
  type ClinicSettingsUpdate,
} from '@pumpdesk/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../../lib/api-client.ts';

export const settingsQueryKey = ['settings', 'clinic'] as const;

export function getClinicSettings(signal?: AbortSignal): Promise<ClinicSettingsResponse> {
  return apiGet('/api/settings', clinicSettingsResponseSchema, { signal });
}

export function clinicSettingsQueryOptions() {
  return queryOptions({ queryKey: settingsQueryKey, queryFn: ({ signal }) => getClinicSettings(signal) });
}

export function useClinicSettings() {
  return useQuery(clinicSettingsQueryOptions());
}

export function saveClinicSettings(update: ClinicSettingsUpdate): Promise<ClinicSettingsResponse> {
  return apiSend('/api/settings', clinicSettingsResponseSchema, { method: 'PUT', body: update });
}

/**
 * PUT /api/settings. The API rebuilds every computed date and worklist row in the same transaction, so
 * every cached list, worklist and report is stale afterwards: all are refetched (the session is not).
 */
export function useSaveClinicSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveClinicSettings,
    onSuccess: async (saved) => {
      queryClient.setQueryData(settingsQueryKey, saved);
      await queryClient.invalidateQueries({
        predicate: (query) => query.queryKey[0] !== 'settings' && query.queryKey[0] !== 'auth',
      });
    },
  });
}
