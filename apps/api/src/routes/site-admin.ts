import {
  siteCreateBodySchema,
  siteDetailSchema,
  siteIdParamsSchema,
  siteUpdateBodySchema,
} from '@pumpdesk/contracts';
import { createSite, updateSite } from '@pumpdesk/db';
import { type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses } from '../http/route-schemas.ts';

// Creating and changing sites (sites:manage, checked by the data layer). A new time zone recomputes
// the worklist rows of the site's patients in the same transaction.

export const siteAdminRoutes: FastifyPluginAsyncZod = async (app) => {
  const prisma = app.database.prisma;

  app.post(
    '/sites',
    {
      schema: {
        tags: ['sites'],
        summary: 'Create a site (a unique name, an IANA time zone) (admins)',
        body: siteCreateBodySchema,
        response: { 201: siteDetailSchema, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createSite(prisma, await request.currentUser(), request.body)),
  );

  app.patch(
    '/sites/:siteId',
    {
      schema: {
        tags: ['sites'],
        summary:
          "Change a site's name, address, phone, time zone (its patients' worklist dates follow) or deactivate it (admins)",
        params: siteIdParamsSchema,
        body: siteUpdateBodySchema,
        response: { 200: siteDetailSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => updateSite(prisma, await request.currentUser(), request.params.siteId, request.body),
  );
};
