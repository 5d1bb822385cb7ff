import { problemSchema } from '@pumpdesk/contracts';
import { type FastifyRequest } from 'fastify';
import { type WriteContext } from '@pumpdesk/db';

// What the clinical routes share: the problem responses they document and the context of a write.

/** `schema.response` entries for the error statuses a route can answer, each a problem+json. */
export function problemResponses<const S extends number>(...statuses: S[]): Record<S, typeof problemSchema> {
  return Object.fromEntries(statuses.map((status) => [status, problemSchema])) as Record<
    S,
    typeof problemSchema
  >;
}

/**
 * Who acts (the signed-in user, whose role and sites the data layer checks), and the clock, read at
 * the edge: "today" is its day in the patient's site's zone.
 */
export async function writeContextOf(request: FastifyRequest): Promise<WriteContext> {
  return { principal: await request.currentUser(), now: new Date() };
}
