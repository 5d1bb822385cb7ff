import {
  problemSchema,
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
import {
  createTrial,
  createVisit,
  listTrials,
  listVisits,
  updateTrial,
  updateVisit,
  type WriteContext,
} from '@pumpdesk/db';
import { type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type FastifyRequest } from 'fastify';
import { withClinicalProblems } from '../http/clinical-write-problems.ts';
import { auditActorOf } from '../plugins/user-context.ts';

/** Who acts, and the clock, read at the edge: "today" is its day in the patient's site's zone. */
export async function writeContextOf(request: FastifyRequest): Promise<WriteContext> {
  const user = await request.currentUser();
  return { actor: await auditActorOf(request), currentUserId: user.id, now: new Date() };
}

// Follow-up visits (reviews with their spasticity scores) and screening trials. Every write refreshes
// the patient's computed dates: a review moves the next review due date.
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
        response: { 201: visitSchema, 400: problemSchema, 404: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => {
      const visit = await withClinicalProblems(async () =>
        createVisit(
          app.database.prisma,
          request.params.patientId,
          request.body,
          await writeContextOf(request),
        ),
      );
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
        response: { 200: visitListPageSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) =>
      withClinicalProblems(() => listVisits(app.database.prisma, request.params.patientId, request.query)),
  );

  app.patch(
    '/visits/:visitId',
    {
      schema: {
        tags: ['visits'],
        summary: 'Correct a follow-up visit (with the version read); null clears an optional field',
        params: visitIdParamsSchema,
        body: visitUpdateSchema,
        response: {
          200: visitSchema,
          400: problemSchema,
          404: problemSchema,
          409: problemSchema,
          422: problemSchema,
        },
      },
    },
    async (request) =>
      withClinicalProblems(async () =>
        updateVisit(app.database.prisma, request.params.visitId, request.body, await writeContextOf(request)),
      ),
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
        response: { 201: trialSchema, 400: problemSchema, 404: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => {
      const trial = await withClinicalProblems(async () =>
        createTrial(
          app.database.prisma,
          request.params.patientId,
          request.body,
          await writeContextOf(request),
        ),
      );
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
        response: { 200: trialListSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => withClinicalProblems(() => listTrials(app.database.prisma, request.params.patientId)),
  );

  app.patch(
    '/trials/:trialId',
    {
      schema: {
        tags: ['visits'],
        summary: 'Correct a screening trial (with the version read)',
        params: trialIdParamsSchema,
        body: trialUpdateSchema,
        response: {
          200: trialSchema,
          400: problemSchema,
          404: problemSchema,
          409: problemSchema,
          422: problemSchema,
        },
      },
    },
    async (request) =>
      withClinicalProblems(async () =>
        updateTrial(app.database.prisma, request.params.trialId, request.body, await writeContextOf(request)),
      ),
  );
};
