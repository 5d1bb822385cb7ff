import { siteListSchema } from '@pumpdesk/contracts';
import { listSites } from '@pumpdesk/db';
import { type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const siteRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/sites',
    { schema: { tags: ['sites'], summary: 'Active sites', response: { 200: siteListSchema } } },
    async () => listSites(app.database.prisma),
  );
};
