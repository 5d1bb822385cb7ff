import {
  interrogationInputSchema,
  interrogationListQuerySchema,
  interrogationPageSchema,
  interrogationRecordedSchema,
  patientPumpsParamsSchema,
  problemSchema,
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
  InvalidCursorError,
  listActivePumpModels,
  listInterrogations,
  listPatientPumps,
  PumpWriteRefusal,
  recordInterrogation,
  replacePump,
} from '@pumpdesk/db';
import { type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HttpProblem, notFound } from '../http/problem.ts';
import { auditActorOf } from '../plugins/user-context.ts';

// Pumps: the catalogue, implant, interrogations, explant and replacement. Handlers read the clock and
// the acting user at the edge, call one use case of @pumpdesk/db and turn its refusals into problems.

const CONFLICT_TITLES: Record<string, string> = {
  PUMP_ALREADY_IMPLANTED: 'The patient already has an implanted pump',
  PUMP_NOT_IMPLANTED: 'Pump explanted',
  SERIAL_TAKEN: 'Serial number already on record',
  PATIENT_DECEASED: 'Patient deceased',
};

function toProblem(refusal: PumpWriteRefusal): HttpProblem {
  const errors = refusal.errors.length > 0 ? [...refusal.errors] : undefined;
  switch (refusal.kind) {
    case 'not_found':
      return notFound(refusal.message);
    case 'invalid':
      return new HttpProblem(400, 'VALIDATION_FAILED', 'Invalid request', refusal.message, errors);
    case 'invalid_reference':
      return new HttpProblem(422, 'INVALID_REFERENCE', 'Unknown reference', refusal.message, errors);
    case 'conflict':
      return new HttpProblem(
        409,
        refusal.code,
        CONFLICT_TITLES[refusal.code] ?? 'Conflict',
        refusal.message,
        errors,
      );
  }
}

/** Runs a use case, answering its refusals as problems (anything else goes to the error handler). */
async function refusalsAsProblems<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PumpWriteRefusal) throw toProblem(error);
    throw error;
  }
}

const writeErrors = {
  400: problemSchema,
  404: problemSchema,
  409: problemSchema,
  422: problemSchema,
} as const;

export const pumpRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/pump-models',
    {
      schema: {
        tags: ['pumps'],
        summary: 'The active pump model catalogue (reservoir, default alarm volume, battery life, ERI days)',
        response: { 200: pumpModelListSchema },
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
      const pump = await refusalsAsProblems(async () =>
        implantPump(app.database.prisma, {
          patientId: request.params.patientId,
          body: request.body,
          now: new Date(),
          actor: await auditActorOf(request),
        }),
      );
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
        response: { 200: pumpListSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const items = await listPatientPumps(app.database.prisma, request.params.patientId);
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
        response: { 200: pumpDetailSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const pump = await getPumpDetail(app.database.prisma, request.params.pumpId);
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
      const user = await request.currentUser();
      const recorded = await refusalsAsProblems(async () =>
        recordInterrogation(app.database.prisma, {
          pumpId: request.params.pumpId,
          body: request.body,
          now: new Date(),
          performedById: user.id,
          actor: await auditActorOf(request),
        }),
      );
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
        response: { 200: interrogationPageSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      try {
        const page = await listInterrogations(app.database.prisma, request.params.pumpId, request.query);
        if (!page) throw notFound(`No pump with id ${request.params.pumpId}.`);
        return page;
      } catch (error) {
        if (error instanceof InvalidCursorError) {
          throw new HttpProblem(400, 'VALIDATION_FAILED', 'Invalid request', error.message, [
            { path: 'querystring.cursor', message: error.message, code: 'invalid_cursor' },
          ]);
        }
        throw error;
      }
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
      refusalsAsProblems(async () =>
        explantPump(app.database.prisma, {
          pumpId: request.params.pumpId,
          body: request.body,
          now: new Date(),
          actor: await auditActorOf(request),
        }),
      ),
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
      const replacement = await refusalsAsProblems(async () =>
        replacePump(app.database.prisma, {
          pumpId: request.params.pumpId,
          body: request.body,
          now: new Date(),
          actor: await auditActorOf(request),
        }),
      );
      return reply.code(201).send(replacement);
    },
  );
};
