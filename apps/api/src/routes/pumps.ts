import {
  interrogationInputSchema,
  interrogationListQuerySchema,
  interrogationPageSchema,
  interrogationRecordedSchema,
  patientPumpsParamsSchema,
  pumpDetailSchema,
  pumpExplantInputSchema,
  pumpIdParamsSchema,
  pumpImplantInputSchema,
  pumpListSchema,
  pumpModelListSchema,
  pumpReplaceInputSchema,
  pumpReplacementSchema,
  pumpSchema,
} from '@pumpdesk/contracts';
import {
  explantPump,
  getPumpDetail,
  implantPump,
  listActivePumpModels,
  listInterrogations,
  listPatientPumps,
  recordInterrogation,
  replacePump,
} from '@pumpdesk/db';
import { type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../http/problem.ts';
import { problemResponses } from '../http/route-schemas.ts';

// Pumps: the catalogue, implant, interrogations, explant and replacement. Handlers read the clock and
// the acting user at the edge and call one use case of @pumpdesk/db, which checks the role and the
// site; its refusals go through to the central error handler.

const writeErrors = problemResponses(400, 401, 403, 404, 409, 422);
const readErrors = problemResponses(400, 401, 403, 404);

export const pumpRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/pump-models',
    {
      schema: {
        tags: ['pumps'],
        summary: 'The active pump model catalogue (reservoir, default alarm volume, battery life, ERI days)',
        // A catalogue without patient data: any signed-in role (the session plugin requires one).
        response: { 200: pumpModelListSchema, ...problemResponses(401) },
      },
    },
    async () => ({ items: await listActivePumpModels(app.database.prisma) }),
  );

  app.post(
    '/patients/:patientId/pumps',
    {
      schema: {
        tags: ['pumps'],
        summary:
          'Implant a pump, on an in-use catheter of the patient or a new one; a candidate or trial patient becomes active',
        params: patientPumpsParamsSchema,
        body: pumpImplantInputSchema,
        response: { 201: pumpSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const pump = await implantPump(app.database.prisma, await request.currentUser(), {
        patientId: request.params.patientId,
        body: request.body,
        now: new Date(),
      });
      return reply.code(201).send(pump);
    },
  );

  app.get(
    '/patients/:patientId/pumps',
    {
      schema: {
        tags: ['pumps'],
        summary: "A patient's pumps, implanted and explanted, newest implant first",
        params: patientPumpsParamsSchema,
        response: { 200: pumpListSchema, ...readErrors },
      },
    },
    async (request) => {
      const items = await listPatientPumps(
        app.database.prisma,
        await request.currentUser(),
        request.params.patientId,
      );
      if (!items) throw notFound(`No patient with id ${request.params.patientId}.`);
      return { items };
    },
  );

  app.get(
    '/pumps/:pumpId',
    {
      schema: {
        tags: ['pumps'],
        summary: 'One pump with its model, catheter and last interrogation',
        params: pumpIdParamsSchema,
        response: { 200: pumpDetailSchema, ...readErrors },
      },
    },
    async (request) => {
      const pump = await getPumpDetail(
        app.database.prisma,
        await request.currentUser(),
        request.params.pumpId,
      );
      if (!pump) throw notFound(`No pump with id ${request.params.pumpId}.`);
      return pump;
    },
  );

  app.post(
    '/pumps/:pumpId/interrogations',
    {
      schema: {
        tags: ['pumps'],
        summary:
          'Record an interrogation of an implanted pump; the first one showing ERI dates the pump’s elective replacement indicator',
        params: pumpIdParamsSchema,
        body: interrogationInputSchema,
        response: { 201: interrogationRecordedSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const recorded = await recordInterrogation(app.database.prisma, await request.currentUser(), {
        pumpId: request.params.pumpId,
        body: request.body,
        now: new Date(),
      });
      return reply.code(201).send(recorded);
    },
  );

  app.get(
    '/pumps/:pumpId/interrogations',
    {
      schema: {
        tags: ['pumps'],
        summary: "A pump's interrogations, newest first, keyset-paginated",
        params: pumpIdParamsSchema,
        querystring: interrogationListQuerySchema,
        response: { 200: interrogationPageSchema, ...readErrors },
      },
    },
    async (request) => {
      const page = await listInterrogations(
        app.database.prisma,
        await request.currentUser(),
        request.params.pumpId,
        request.query,
      );
      if (!page) throw notFound(`No pump with id ${request.params.pumpId}.`);
      return page;
    },
  );

  app.post(
    '/pumps/:pumpId/explant',
    {
      schema: {
        tags: ['pumps'],
        summary:
          'Explant a pump (and its catheter when it came out); therapy stopped, patient request or death move the patient’s status',
        params: pumpIdParamsSchema,
        body: pumpExplantInputSchema,
        response: { 200: pumpSchema, ...writeErrors },
      },
    },
    async (request) =>
      explantPump(app.database.prisma, await request.currentUser(), {
        pumpId: request.params.pumpId,
        body: request.body,
        now: new Date(),
      }),
  );

  app.post(
    '/pumps/:pumpId/replace',
    {
      schema: {
        tags: ['pumps'],
        summary:
          'Replace a pump in one step: explant the old one and implant the new one on the same catheter (programs and refills do not carry over)',
        params: pumpIdParamsSchema,
        body: pumpReplaceInputSchema,
        response: { 201: pumpReplacementSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const replacement = await replacePump(app.database.prisma, await request.currentUser(), {
        pumpId: request.params.pumpId,
        body: request.body,
        now: new Date(),
      });
      return reply.code(201).send(replacement);
    },
  );
};
