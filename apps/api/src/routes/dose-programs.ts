import {
  doseProgramCreatedSchema,
  doseProgramHistorySchema,
  doseProgramInputSchema,
  doseProgramPreviewSchema,
  pumpIdParamsSchema,
} from '@pumpdesk/contracts';
import { createDoseProgram, listDosePrograms, previewDoseProgram } from '@pumpdesk/db';
import { type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../http/problem.ts';
import { problemResponses } from '../http/route-schemas.ts';
import { auditActorOf } from '../plugins/user-context.ts';

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
        response: { 200: doseProgramPreviewSchema, ...problemResponses(400, 404, 409) },
      },
    },
    // The clock is read here, at the edge: the engine takes the instant as an argument.
    async (request) =>
      previewDoseProgram(app.database.prisma, request.params.pumpId, request.body, new Date()),
  );

  app.post(
    '/pumps/:pumpId/dose-programs',
    {
      schema: {
        tags: ['dose programs'],
        summary:
          'Record a new dose program (never an edit: the programs are the dose history) after the same checks as the preview; a titration beyond the limit needs titrationOverrideReason, a unit slip or a dose above the ceiling is refused (422 with the finding code)',
        params: pumpIdParamsSchema,
        body: doseProgramInputSchema,
        response: { 201: doseProgramCreatedSchema, ...problemResponses(400, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const user = await request.currentUser();
      const created = await createDoseProgram(app.database.prisma, {
        pumpId: request.params.pumpId,
        fields: request.body,
        userId: user.id,
        actor: await auditActorOf(request),
        // The clock is read at the edge, but only once the pump is locked (see createDoseProgram).
        clock: () => new Date(),
      });
      return reply.code(201).send(created);
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
        response: { 200: doseProgramHistorySchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const history = await listDosePrograms(app.database.prisma, request.params.pumpId);
      if (!history) throw notFound(`No pump with id ${request.params.pumpId}.`);
      return history;
    },
  );
};
