import { patientListPageSchema, patientListQuerySchema, problemSchema } from '@pumpdesk/contracts';
import { InvalidCursorError, listPatients } from '@pumpdesk/db';
import { type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HttpProblem } from '../http/problem.ts';

export const patientRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/patients',
    {
      schema: {
        tags: ['patients'],
        summary: 'List patients: search by name or MRN, filter by site and status, keyset-paginated',
        querystring: patientListQuerySchema,
        response: { 200: patientListPageSchema, 400: problemSchema },
      },
    },
    async (request) => {
      try {
        return await listPatients(app.database.prisma, request.query);
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
};
