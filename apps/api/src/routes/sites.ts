import { siteListSchema } from '@pumpdesk/contracts';
import { listSites } from '@pumpdesk/db';
import { type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses } from '../http/route-schemas.ts';

export const siteRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/sites',
    {
      schema: {
        tags: ['sites'],
        summary: 'Active sites: every one for an admin or a user of every site, otherwise the user’s own',
        response: { 200: siteListSchema, ...problemResponses(401) },
      },
    },
    async (request) => listSites(app.database.prisma, await request.currentUser()),
  );
};
