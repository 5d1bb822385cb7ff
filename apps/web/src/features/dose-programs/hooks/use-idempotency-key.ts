import { useCallback, useRef } from 'react';

/**
 * One Idempotency-Key per request body: a retry of the same program (after a timeout) sends the same
 * key, so the API replays the first answer instead of recording it twice; a changed program gets a
 * new key, so it is judged afresh.
 */
export function useIdempotencyKey(): (bodyJson: string) => string {
  const current = useRef<{ bodyJson: string; key: string } | null>(null);
  return useCallback((bodyJson: string) => {
    if (current.current?.bodyJson !== bodyJson) {
      current.current = { bodyJson, key: crypto.randomUUID() };
    }
    return current.current.key;
  }, []);
}
