import { type DoseProgramHistory, doseProgramHistorySchema } from '@pumpdesk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client.ts';

/** The pump's dose history, newest first (the program in force has its steps and boluses here). */
export function getDosePrograms(pumpId: string, signal?: AbortSignal): Promise<DoseProgramHistory> {
  return apiGet(`/api/pumps/${encodeURIComponent(pumpId)}/dose-programs`, doseProgramHistorySchema, {
    signal,
  });
}

export function doseProgramsQueryOptions(pumpId: string) {
  return queryOptions({
    queryKey: ['pumps', pumpId, 'dose-programs'],
    queryFn: ({ signal }) => getDosePrograms(pumpId, signal),
  });
}

export function useDosePrograms(pumpId: string | null) {
  return useQuery({ ...doseProgramsQueryOptions(pumpId ?? ''), enabled: pumpId !== null });
}
