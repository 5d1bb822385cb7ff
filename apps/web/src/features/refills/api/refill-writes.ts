import {
  type RefillInput,
  type RefillPreview,
  refillPreviewSchema,
  type RefillWriteResult,
  refillWriteResultSchema,
} from '@pumpdesk/contracts';
import { queryOptions } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api-client.ts';

/** POST /api/pumps/:pumpId/refills/preview: the server's judgement of the refill; nothing is saved. */
export function previewRefillOnServer(
  pumpId: string,
  body: RefillInput,
  signal?: AbortSignal,
): Promise<RefillPreview> {
  return apiSend(`/api/pumps/${encodeURIComponent(pumpId)}/refills/preview`, refillPreviewSchema, {
    body,
    signal,
  });
}

/** The server preview as a query: it saves nothing, so it is read like data (and cached per body). */
export function refillServerPreviewQueryOptions(pumpId: string, body: RefillInput) {
  return queryOptions({
    queryKey: ['refill-preview', pumpId, body],
    queryFn: ({ signal }) => previewRefillOnServer(pumpId, body, signal),
    staleTime: 0,
    gcTime: 60_000,
    refetchOnWindowFocus: false,
  });
}

/**
 * POST /api/pumps/:pumpId/refills. `idempotencyKey` is one key per form: a retry with the same body
 * (after a timeout or a lost answer) replays the first answer instead of recording a second refill.
 */
export function recordRefill(
  pumpId: string,
  body: RefillInput,
  idempotencyKey: string,
): Promise<RefillWriteResult> {
  return apiSend(`/api/pumps/${encodeURIComponent(pumpId)}/refills`, refillWriteResultSchema, {
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}
