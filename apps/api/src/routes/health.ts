import { healthSchema } from '@pumpdesk/contracts';
import { checkDatabaseHealth } from '@pumpdesk/db';
import { type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/**
 * GET /api/health: 200 when the database answers and has every migration this build ships, 503
 * otherwise (load balancers and the quick-start check use it). Reveals nothing else.
 */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['operations'],
        summary: 'Is the API ready to serve?',
        response: { 200: healthSchema, 503: healthSchema },
      },
      logLevel: 'warn',
      config: { access: 'public' },
    },
    async (_request, reply) => {
      const health = await checkDatabaseHealth(app.database, app.expectedMigrations);
      const ok = health.database === 'reachable' && health.migrations === 'current';
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', ...health });
    },
  );
};
