import { type Prisma, type PrismaClient } from '../generated/prisma/client.ts';

// Idempotent POSTs (the Idempotency-Key header, draft-ietf-httpapi-idempotency-key-header): a client
// that retries a refill after a timeout must not record it twice. The key's row (idempotency_keys) is
// written IN THE SAME TRANSACTION as the write it guards, so the stored response exists exactly when
// the write does:
//
//   const result = await withIdempotency(prisma, { key, userId, requestHash }, async (tx) => {
//     ...write with tx, throw to refuse...
//     return { status: 201, body };
//   });
//   // result.replayed: the stored response of an earlier request with this key, nothing written now
//
// - The key row is inserted FIRST (INSERT ... ON CONFLICT DO NOTHING): a second request with the same
//   key, arriving while the first is still running, blocks on that insert until the first commits,
//   then finds the row and replays the stored response. Concurrent identical requests thus produce
//   exactly one write. If the first rolls back (a refusal, an error), the key is free again and the
//   waiting request runs the write itself.
// - `work` throws to refuse (4xx problems, safety refusals): the transaction rolls back and nothing is
//   stored, so a corrected retry with the same key is judged afresh. What `work` returns is stored.
// - The same key with a different request (hash of method, path, user and canonical body: the caller
//   computes it) is refused with IdempotencyKeyReusedError (the API answers 422
//   IDEMPOTENCY_KEY_REUSED), whoever the user: keys are meant to be random (UUIDs).
// - Keys live IDEMPOTENCY_KEY_TTL_HOURS (24 h): an older row for the same key is deleted when the key
//   is used again, so it starts over, and deleteExpiredIdempotencyKeys removes the rest (a periodic job).
// - Without a key, `work` simply runs in a transaction.

export const IDEMPOTENCY_KEY_TTL_HOURS = 24;

/** Long enough for identical requests queued behind the first one's transaction (and its lock). */
export const WRITE_TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 20_000 } as const;

/** The same Idempotency-Key was used for a different request: nothing written. */
export class IdempotencyKeyReusedError extends Error {
  override name = 'IdempotencyKeyReusedError';
  constructor(readonly key: string) {
    super('This Idempotency-Key was already used for a different request; use a new key for a new request.');
  }
}

/**
 * The key's row disappeared between our insert attempt and our read: it expired and was deleted by
 * another request using the same key at that moment. Nothing was written; the client retries (the API
 * answers 409 IDEMPOTENCY_KEY_IN_USE with Retry-After, as the IETF draft does for a key in use).
 */
export class IdempotencyKeyInUseError extends Error {
  override name = 'IdempotencyKeyInUseError';
  constructor(readonly key: string) {
    super('A request with this Idempotency-Key is being processed; retry in a moment.');
  }
}

export interface IdempotencyScope {
  /** The client's key; null when the request carried none. */
  key: string | null;
  userId: string | null;
  /** A hash of what makes two requests "the same" (method, path, user, canonical body). */
  requestHash: string;
}

export interface IdempotentResponse<Body> {
  status: number;
  body: Body;
}

/**
 * Runs `work` in a transaction guarded by the idempotency key (see the comment at the top of this
 * file). Returns the response with `replayed: true` when it is the stored one of an earlier request.
 */
export async function withIdempotency<Body extends Prisma.InputJsonValue>(
  prisma: PrismaClient,
  scope: IdempotencyScope,
  work: (tx: Prisma.TransactionClient) => Promise<IdempotentResponse<Body>>,
): Promise<IdempotentResponse<Body | Prisma.JsonValue> & { replayed: boolean }> {
  const { key } = scope;
  if (key === null) {
    const result = await prisma.$transaction(work, WRITE_TRANSACTION_OPTIONS);
    return { ...result, replayed: false };
  }
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`
      DELETE FROM idempotency_keys
       WHERE key = ${key} AND created_at < now() - make_interval(hours => ${IDEMPOTENCY_KEY_TTL_HOURS})`;
    // Placeholder response until `work` is done; nobody else can read it before the commit.
    const inserted = await tx.$executeRaw`
      INSERT INTO idempotency_keys (key, user_id, request_hash, response_status, response_body)
      VALUES (${key}, ${scope.userId}::uuid, ${scope.requestHash}, 0, '{}'::jsonb)
      ON CONFLICT (key) DO NOTHING`;
    if (inserted === 0) {
      const stored = await tx.idempotencyKey.findUnique({ where: { key } });
      // Not there: deleted as expired between the two statements; the client may simply retry.
      if (!stored) throw new IdempotencyKeyInUseError(key);
      if (stored.requestHash !== scope.requestHash) throw new IdempotencyKeyReusedError(key);
      return { status: stored.responseStatus, body: stored.responseBody, replayed: true };
    }
    const result = await work(tx);
    await tx.idempotencyKey.update({
      where: { key },
      data: { responseStatus: result.status, responseBody: result.body },
    });
    return { ...result, replayed: false };
  }, WRITE_TRANSACTION_OPTIONS);
}

/** Deletes the keys older than the TTL; returns how many. For a periodic job (or a test). */
export async function deleteExpiredIdempotencyKeys(prisma: PrismaClient, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_HOURS * 3_600_000);
  const deleted = await prisma.idempotencyKey.deleteMany({ where: { createdAt: { lt: cutoff } } });
  return deleted.count;
}
