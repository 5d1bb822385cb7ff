import { securitySettingsResponseSchema, securitySettingsUpdateSchema } from '@pumpdesk/contracts';
import { getSecuritySettings, updateSecuritySettings } from '@pumpdesk/db';
import { type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses } from '../http/route-schemas.ts';

// GET/PUT /api/settings/security (settings:write, checked by the data layer): session lifetimes and
// the second-factor rule. A path of its own, beside the clinic's thresholds at /api/settings. The
// version is the organisation row's, shared with those thresholds (security-settings-writes.ts).

export const securitySettingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const prisma = app.database.prisma;

  app.get(
    '/settings/security',
    {
      schema: {
        tags: ['security'],
        summary: 'Session lifetimes and the second-factor rule, defaults filled (admins)',
        response: { 200: securitySettingsResponseSchema, ...problemResponses(401, 403) },
      },
    },
    async (request) => getSecuritySettings(prisma, await request.currentUser()),
  );

  app.put(
    '/settings/security',
    {
      schema: {
        tags: ['security'],
        summary:
          'Change the security settings (fields left out keep their value); new session lifetimes apply to live sessions at once',
        body: securitySettingsUpdateSchema,
        response: { 200: securitySettingsResponseSchema, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request) => updateSecuritySettings(prisma, await request.currentUser(), request.body),
  );
};
