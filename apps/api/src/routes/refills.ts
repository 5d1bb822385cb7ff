import {
  idempotencyKeyHeadersSchema,
  pumpIdParamsSchema,
  refillAmendmentSchema,
  refillIdParamsSchema,
  refillInputSchema,
  refillListPageSchema,
  refillListQuerySchema,
  refillPreviewSchema,
  refillWriteResultSchema,
} from '@pumpdesk/contracts';
import { amendRefill, listRefills, previewRefillForPump, recordRefill } from '@pumpdesk/db';
import { type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IDEMPOTENT_REPLAYED_HEADER, idempotencyKeyOf, requestHashOf } from '../http/idempotency.ts';
import { notFound } from '../http/problem.ts';
import { problemResponses } from '../http/route-schemas.ts';

// Refills: record (idempotent), preview, amend, list. The use cases' refusals (the engine's findings,
// an explanted pump, a reused Idempotency-Key) go through to the central error handler.
export const refillRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/pumps/:pumpId/refills',
    {
      schema: {
        tags: ['refills'],
        summary:
          'Record a refill after the engine’s checks: a concentration other than the program’s is refused (422 CONCENTRATION_MISMATCH) unless newProgram records the new program in the same step (only for a refill done within the titration window, 24 h); a fill beyond the reservoir or expired drug is refused; residual gaps and possible pocket fills are stored as findings. Returns the new alarm, empty and due dates. Idempotency-Key makes retries safe.',
        params: pumpIdParamsSchema,
        headers: idempotencyKeyHeadersSchema,
        body: refillInputSchema,
        response: { 201: refillWriteResultSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const user = await request.currentUser();
      const result = await recordRefill(app.database.prisma, user, {
        pumpId: request.params.pumpId,
        values: request.body,
        // The clock is read here, at the edge: the engine takes the instant as an argument.
        now: new Date(),
        idempotency: { key: idempotencyKeyOf(request), requestHash: requestHashOf(request, user.userId) },
      });
      if (result.replayed) reply.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
      // A replay sends the stored body of a 201 of this same route: the response schema serialises it.
      return reply.code(result.status as 201).send(result.body as never);
    },
  );

  app.post(
    '/pumps/:pumpId/refills/preview',
    {
      schema: {
        tags: ['refills'],
        summary:
          'Judge a refill without saving it: the same checks (and those of a new program of the same step) and the alarm, empty and due dates it would bring',
        params: pumpIdParamsSchema,
        body: refillInputSchema,
        response: { 200: refillPreviewSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      previewRefillForPump(
        app.database.prisma,
        await request.currentUser(),
        request.params.pumpId,
        request.body,
        new Date(),
      ),
  );

  app.patch(
    '/refills/:refillId',
    {
      schema: {
        tags: ['refills'],
        summary:
          'Amend a refill (a correction, with its reason and the version read): judged again by the engine, findings and dates recomputed; a stale version → 409',
        params: refillIdParamsSchema,
        body: refillAmendmentSchema,
        response: { 200: refillWriteResultSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      amendRefill(app.database.prisma, await request.currentUser(), {
        refillId: request.params.refillId,
        amendment: request.body,
        now: new Date(),
      }),
  );

  app.get(
    '/pumps/:pumpId/refills',
    {
      schema: {
        tags: ['refills'],
        summary:
          "The pump's refills, newest first, keyset-paginated: findings, the dates computed at the time, who performed them, amendments and version",
        params: pumpIdParamsSchema,
        querystring: refillListQuerySchema,
        response: { 200: refillListPageSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const page = await listRefills(
        app.database.prisma,
        await request.currentUser(),
        request.params.pumpId,
        request.query,
      );
      if (!page) throw notFound(`No pump with id ${request.params.pumpId}.`);
      return page;
    },
  );
};
