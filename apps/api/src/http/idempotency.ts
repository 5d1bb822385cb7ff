import { createHash } from 'node:crypto';
import { type FastifyRequest } from 'fastify';

// The HTTP side of idempotent POSTs (the database side, and the rules, are in packages/db
// repositories/idempotency.ts). The Idempotency-Key header is validated by the route's header schema
// (idempotencyKeyHeadersSchema: 1–200 visible ASCII characters, else 400); a replayed response carries
// `Idempotent-Replayed: true`.

export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';

/** The request's Idempotency-Key, or null without one (the schema already refused malformed ones). */
export function idempotencyKeyOf(request: FastifyRequest): string | null {
  const value = request.headers['idempotency-key'];
  return typeof value === 'string' ? value : null;
}

/**
 * What makes two requests "the same" for an idempotency key: method, path (without query string or
 * trailing slash), the acting user and the body as validated (defaults filled, text trimmed), in a
 * canonical JSON (keys sorted) so key order and spacing do not matter. SHA-256, hex.
 */
export function requestHashOf(request: FastifyRequest, userId: string): string {
  const path = request.url.replace(/\?.*$/s, '').replace(/\/+$/, '');
  return createHash('sha256')
    .update(canonicalJson([request.method, path, userId, request.body ?? null]))
    .digest('hex');
}

/** JSON with object keys sorted at every level; undefined members left out, as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, member: unknown) =>
    member !== null && typeof member === 'object' && !Array.isArray(member)
      ? Object.fromEntries(
          Object.entries(member as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : member,
  );
}
