import {
  type DoseProgramInputValues,
  type DoseProgramPreview,
  doseProgramPreviewSchema,
} from '@pumpdesk/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api-client.ts';

/**
 * The server's judgement of a program nothing has saved yet: the authority for the safety findings
 * (titration per 24 h against the whole window, the drug in the reservoir) and the new dates.
 */
export function previewDoseProgram(
  pumpId: string,
  body: DoseProgramInputValues,
  signal?: AbortSignal,
): Promise<DoseProgramPreview> {
  return apiSend(`/api/pumps/${encodeURIComponent(pumpId)}/dose-programs/preview`, doseProgramPreviewSchema, {
    body,
    signal,
  });
}

export function doseProgramPreviewQueryOptions(pumpId: string, body: DoseProgramInputValues | null) {
  return queryOptions({
    // Not under 'patients': a preview belongs to the typed program, and a save must not refetch it.
    queryKey: ['dose-program-preview', pumpId, body],
    queryFn: ({ signal }) => {
      if (!body) throw new Error('No program to preview');
      return previewDoseProgram(pumpId, body, signal);
    },
    enabled: body !== null,
    staleTime: 30_000,
    gcTime: 60_000,
  });
}

/** The preview of the (debounced) typed program; the last answer stays while the next one loads. */
export function useDoseProgramPreview(pumpId: string, body: DoseProgramInputValues | null) {
  return useQuery({ ...doseProgramPreviewQueryOptions(pumpId, body), placeholderData: keepPreviousData });
}
