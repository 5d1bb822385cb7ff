import { clinicSettingsSchema } from '@pumpdesk/domain';
import { z } from 'zod';
import { instantSchema } from './primitives.ts';

// GET/PUT /api/settings — the clinic's thresholds. The schema is the scheduling engine's own
// (packages/domain/src/settings.ts): what the API accepts is exactly what the engine computes with.

/** The settings as stored and used: every threshold present, with its default when never set. */
export const clinicSettingsResponseSchema = z.object({
  version: z.int().describe('Send it back with an update: a stale version is refused with 409'),
  updatedAt: instantSchema,
  settings: clinicSettingsSchema,
});
export type ClinicSettingsResponse = z.infer<typeof clinicSettingsResponseSchema>;

/** PUT body: the version read, and the settings (any field left out takes its default). */
export const clinicSettingsUpdateSchema = z
  .object({
    version: z.int().min(1),
    settings: clinicSettingsSchema,
  })
  .strict();
export type ClinicSettingsUpdate = z.input<typeof clinicSettingsUpdateSchema>;
