import {
  doseProgramCreatedSchema,
  doseProgramHistorySchema,
  doseProgramInputSchema,
  doseProgramPreviewSchema,
  idempotencyKeyHeadersSchema,
  pumpIdParamsSchema,
} from '@pumpdesk/contracts';
import { createDoseProgram, listDosePrograms, previewDoseProgram } from '@pumpdesk/db';
import { type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IDEMPOTENT_REPLAYED_HEADER, idempotencyKeyOf, requestHashOf } from '../http/idempotency.ts';
import { notFound } from '../http/problem.ts';
import { problemResponses } from '../http/route-schemas.ts';

// Dose programs: the preview, the new program and the history. The use cases' refusals (the engine's
// findings, an explanted pump) go through to the central error handler.
export const doseProgramRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/pumps/:pumpId/dose-programs/preview',
    {
      schema: {
        tags: ['dose programs'],
        summary:
          'Judge a new dose program without saving it: old vs new daily dose, titration/unit-slip/ceiling/concentration findings, and the new alarm and due dates',
        params: pumpIdParamsSchema,
        body: doseProgramInputSchema,
        response: { 200: doseProgramPreviewSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    // The clock is read here, at the edge: the engine takes the instant as an argument.
    async (request) =>
      previewDoseProgram(
        app.database.prisma,
        await request.currentUser(),
        request.params.pumpId,
        request.body,
        new Date(),
      ),
  );

  app.post(
    '/pumps/:pumpId/dose-programs',
    {
      schema: {
        tags: ['dose programs'],
        summary:
          'Record a new dose program (never an edit: the programs are the dose history) after the same checks as the preview. effectiveFrom may be at most the titration window (24 h) back and 90 days ahead. A rise that looks like a unit slip, a dose above the ceiling or a concentration other than the drug in the reservoir is refused (422 with the finding code); a titration beyond the limit, a fall that looks like a unit slip, a stop or a restart after a stop needs titrationOverrideReason. Idempotency-Key makes retries safe.',
        params: pumpIdParamsSchema,
        headers: idempotencyKeyHeadersSchema,
        body: doseProgramInputSchema,
        response: { 201: doseProgramCreatedSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const user = await request.currentUser();
      const result = await createDoseProgram(app.database.prisma, user, {
        pumpId: request.params.pumpId,
        fields: request.body,
        // The clock is read at the edge, but only once the pump is locked (see createDoseProgram).
        clock: () => new Date(),
        idempotency: { key: idempotencyKeyOf(request), requestHash: requestHashOf(request, user.userId) },
      });
      if (result.replayed) reply.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
      // A replay sends the stored body of a 201 of this same route: the response schema serialises it.
      return reply.code(result.status as 201).send(result.body as never);
    },
  );

  app.get(
    '/pumps/:pumpId/dose-programs',
    {
      schema: {
        tags: ['dose programs'],
        summary:
          "The pump's dose history, newest first: each program's daily dose, mode, concentration, steps and boluses, who programmed it, why, and any titration override",
        params: pumpIdParamsSchema,
        response: { 200: doseProgramHistorySchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const history = await listDosePrograms(
        app.database.prisma,
        await request.currentUser(),
        request.params.pumpId,
      );
      if (!history) throw notFound(`No pump with id ${request.params.pumpId}.`);
      return history;
    },
  );
};
