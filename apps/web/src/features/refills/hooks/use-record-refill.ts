import { type RefillInput, type RefillWriteResult } from '@pumpdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { recordRefill } from '../api/refill-writes.ts';

/**
 * Records the refill of one form. The form has ONE Idempotency-Key for its whole life: a retry after a
 * network failure or a timeout sends the same key, so the API replays the refill it may already have
 * recorded instead of recording a second one; a refusal stores nothing, so a corrected retry with the
 * same key is judged afresh. A second click while a request is under way sends nothing.
 */
export function useRecordRefill(pumpId: string) {
  const queryClient = useQueryClient();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const inFlight = useRef(false);
  const mutation = useMutation({
    mutationFn: (body: RefillInput) => recordRefill(pumpId, body, idempotencyKey),
    onSuccess: async () => {
      // Prefix invalidation: every worklist and every patient query (detail, list) may have moved.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['worklists'] }),
        queryClient.invalidateQueries({ queryKey: ['patients'] }),
        queryClient.invalidateQueries({ queryKey: ['pumps', pumpId] }),
      ]);
    },
    onSettled: () => {
      inFlight.current = false;
    },
  });
  const { mutate } = mutation;
  const submit = useCallback(
    (body: RefillInput, onSuccess?: (result: RefillWriteResult) => void) => {
      if (inFlight.current) return;
      inFlight.current = true;
      mutate(body, onSuccess ? { onSuccess } : undefined);
    },
    [mutate],
  );
  return { ...mutation, submit, idempotencyKey };
}
