import { sessionIdParamsSchema, sessionListQuerySchema, sessionListSchema } from '@pumpdesk/contracts';
import { endSessionByAdmin, listLiveSessions } from '@pumpdesk/db';
import { type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../http/route-schemas.ts';

// Live sessions as an admin sees them (sessions:manage, checked by the data layer), and ending one.

export const sessionAdminRoutes: FastifyPluginAsyncZod = async (app) => {
  const prisma = app.database.prisma;

  app.get(
    '/sessions',
    {
      schema: {
        tags: ['sessions'],
        summary: 'Live sessions (of one user with userId), most recently used first (admins)',
        querystring: sessionListQuerySchema,
        response: { 200: sessionListSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => ({
      items: await listLiveSessions(prisma, await request.currentUser(), request.query, app.clock()),
    }),
  );

  app.delete(
    '/sessions/:sessionId',
    {
      schema: {
        tags: ['sessions'],
        summary: 'End a live session at once: its next request answers 401 (admins)',
        params: sessionIdParamsSchema,
        response: { 204: z.void().describe('Ended: no content'), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await endSessionByAdmin(prisma, await request.currentUser(), request.params.sessionId, app.clock());
      return reply.code(204).send();
    },
  );
};
