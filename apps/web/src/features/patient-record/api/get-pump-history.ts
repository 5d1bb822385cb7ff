import {
  type DoseProgramRecord,
  doseProgramHistorySchema,
  REFILL_LIST_MAX_LIMIT,
  refillListPageSchema,
  type RefillRecord,
} from '@pumpdesk/contracts';
import { useQueries } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client.ts';
import { patientRecordKey } from './get-patient.ts';

/** One pump's dose history (every program, newest first) and its refills (newest first). */
export interface PumpHistory {
  pumpId: string;
  programs: DoseProgramRecord[];
  refills: RefillRecord[];
  /** More refills exist than the first page holds (only the newest are shown). */
  moreRefills: boolean;
}

export async function getPumpHistory(pumpId: string, signal?: AbortSignal): Promise<PumpHistory> {
  const path = `/api/pumps/${encodeURIComponent(pumpId)}`;
  const [programs, refills] = await Promise.all([
    apiGet(`${path}/dose-programs`, doseProgramHistorySchema, { signal }),
    apiGet(`${path}/refills`, refillListPageSchema, { signal, query: { limit: REFILL_LIST_MAX_LIMIT } }),
  ]);
  return {
    pumpId,
    programs: programs.items,
    refills: refills.items,
    moreRefills: refills.nextCursor !== null,
  };
}

/**
 * The programs and refills of every pump the patient has had, one query per pump; combined into one
 * result: pending until all have answered, failed when any failed (with a retry of the failed ones).
 */
export function usePumpHistories(patientId: string, pumpIds: readonly string[]) {
  return useQueries({
    queries: pumpIds.map((pumpId) => ({
      queryKey: [...patientRecordKey(patientId), 'pump-history', pumpId],
      queryFn: ({ signal }: { signal: AbortSignal }) => getPumpHistory(pumpId, signal),
      staleTime: 0,
    })),
    combine: (results) => ({
      data: results.every((result) => result.isSuccess) ? results.map((result) => result.data) : undefined,
      isPending: results.some((result) => result.isPending),
      error: results.find((result) => result.isError)?.error ?? null,
      refetch: () => {
        for (const result of results) if (result.isError) void result.refetch();
      },
    }),
  });
}
