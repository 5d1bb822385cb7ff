import { doseChangeListSchema, reviewQuerySchema, safetyFindingListSchema } from '@pumpdesk/contracts';
import { listRecentDoseChanges, listRecentSafetyFindings } from '@pumpdesk/db';
import { type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses } from '../http/route-schemas.ts';

// The physician's home (issue 6): recent dose changes and recent refills with safety findings, at
// the user's sites. The data layer checks the role (patients:read) and the sites, and audits each
// read (worklist.read). The clock is read here, once per request.

export const physicianReviewRoutes: FastifyPluginAsyncZod = async (app) => {
  const prisma = app.database.prisma;

  app.get(
    '/worklists/dose-changes',
    {
      schema: {
        tags: ['worklists'],
        summary:
          'Dose programs that took effect in the last `days` days (default 30), newest first, each with the previous daily dose, the change in percent, who programmed it and any titration override',
        querystring: reviewQuerySchema,
        response: { 200: doseChangeListSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => listRecentDoseChanges(prisma, await request.currentUser(), request.query, new Date()),
  );

  app.get(
    '/worklists/safety-findings',
    {
      schema: {
        tags: ['worklists'],
        summary:
          'Refills of the last `days` days (default 30) whose stored findings include a critical finding or a warning (possible pocket fill, residual gap…), newest first',
        querystring: reviewQuerySchema,
        response: { 200: safetyFindingListSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      listRecentSafetyFindings(prisma, await request.currentUser(), request.query, new Date()),
  );
};
