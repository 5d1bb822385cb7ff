import {
  trialCreateSchema,
  trialIdParamsSchema,
  trialListSchema,
  trialSchema,
  trialUpdateSchema,
  visitCreateSchema,
  visitIdParamsSchema,
  visitListPageSchema,
  visitListQuerySchema,
  visitPatientParamsSchema,
  visitSchema,
  visitUpdateSchema,
} from '@pumpdesk/contracts';
import { createTrial, createVisit, listTrials, listVisits, updateTrial, updateVisit } from '@pumpdesk/db';
import { type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses, writeContextOf } from '../http/route-schemas.ts';

// Follow-up visits (reviews with their spasticity scores) and screening trials. Every write refreshes
// the patient's computed dates: a review moves the next review due date. The use cases' refusals go
// through to the central error handler.
export const visitRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/patients/:patientId/visits',
    {
      schema: {
        tags: ['visits'],
        summary:
          'Record a follow-up visit (date not in the future in the site’s calendar; Ashworth 0–4 with 1+, Penn frequency 0–4 with severity 1–3 unless 0); a review moves the next review due date',
        params: visitPatientParamsSchema,
        body: visitCreateSchema,
        response: { 201: visitSchema, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const context = await writeContextOf(request);
      const visit = await createVisit(app.database.prisma, request.params.patientId, request.body, context);
      return reply.code(201).send(visit);
    },
  );

  app.get(
    '/patients/:patientId/visits',
    {
      schema: {
        tags: ['visits'],
        summary: 'A patient’s follow-up visits, newest first, keyset-paginated',
        params: visitPatientParamsSchema,
        querystring: visitListQuerySchema,
        response: { 200: visitListPageSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      listVisits(app.database.prisma, await request.currentUser(), request.params.patientId, request.query),
  );

  app.patch(
    '/visits/:visitId',
    {
      schema: {
        tags: ['visits'],
        summary: 'Correct a follow-up visit (with the version read); null clears an optional field',
        params: visitIdParamsSchema,
        body: visitUpdateSchema,
        response: { 200: visitSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      updateVisit(app.database.prisma, request.params.visitId, request.body, await writeContextOf(request)),
  );

  app.post(
    '/patients/:patientId/trials',
    {
      schema: {
        tags: ['visits'],
        summary:
          'Record a screening trial (test bolus, scores before and after, outcome); the first trial moves a candidate to status trial',
        params: visitPatientParamsSchema,
        body: trialCreateSchema,
        response: { 201: trialSchema, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const context = await writeContextOf(request);
      const trial = await createTrial(app.database.prisma, request.params.patientId, request.body, context);
      return reply.code(201).send(trial);
    },
  );

  app.get(
    '/patients/:patientId/trials',
    {
      schema: {
        tags: ['visits'],
        summary: 'A patient’s screening trials, newest first',
        params: visitPatientParamsSchema,
        response: { 200: trialListSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => listTrials(app.database.prisma, await request.currentUser(), request.params.patientId),
  );

  app.patch(
    '/trials/:trialId',
    {
      schema: {
        tags: ['visits'],
        summary: 'Correct a screening trial (with the version read)',
        params: trialIdParamsSchema,
        body: trialUpdateSchema,
        response: { 200: trialSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      updateTrial(app.database.prisma, request.params.trialId, request.body, await writeContextOf(request)),
  );
};
