import {
  type ClinicSettingsResponse,
  clinicSettingsResponseSchema,
  clinicSettingsUpdateSchema,
} from '@pumpdesk/contracts';
import { getStoredClinicSettings, type StoredClinicSettings, updateClinicSettings } from '@pumpdesk/db';
import { type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses } from '../http/route-schemas.ts';

function toResponse(stored: StoredClinicSettings): ClinicSettingsResponse {
  return { version: stored.version, updatedAt: stored.updatedAt.toISOString(), settings: stored.settings };
}

export const settingsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/settings',
    {
      schema: {
        tags: ['settings'],
        summary:
          "The clinic's thresholds (safety margin, titration limits, battery lead time, …), defaults filled",
        response: { 200: clinicSettingsResponseSchema, ...problemResponses(401) },
      },
    },
    async () => toResponse(await getStoredClinicSettings(app.database.prisma)),
  );

  app.put(
    '/settings',
    {
      schema: {
        tags: ['settings'],
        summary:
          "Replace the clinic's thresholds (validated by the engine's schema; fields left out take their default); every computed date follows",
        body: clinicSettingsUpdateSchema,
        response: { 200: clinicSettingsResponseSchema, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request) => {
      // Only an admin may (ForbiddenError, 403); a stale version throws VersionConflictError (409).
      const stored = await updateClinicSettings(app.database.prisma, {
        expectedVersion: request.body.version,
        settings: request.body.settings,
        principal: await request.currentUser(),
      });
      return toResponse(stored);
    },
  );
};
