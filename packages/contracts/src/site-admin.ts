import { z } from 'zod';
import { nonEmptyTextSchema } from './primitives.ts';
import { siteSummarySchema } from './sites.ts';

// Sites as an admin manages them (POST /api/sites, PATCH /api/sites/{siteId}).

/**
 * An IANA zone name as Intl (and PostgreSQL) know it: `Europe/London`, `UTC`. Offsets (`+05:00`) and
 * names the runtime does not know are refused with the field code `invalid_time_zone`: every "today"
 * and calendar date of the site is computed in this zone.
 */
export function isIanaTimeZone(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine(isIanaTimeZone, {
    message: 'Not an IANA time zone name (Europe/London)',
    params: { code: 'invalid_time_zone' },
  });

/** A site with what only an admin edits: the version a PATCH must send back. */
export const siteDetailSchema = siteSummarySchema.extend({
  address: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type SiteDetail = z.infer<typeof siteDetailSchema>;

export const siteIdParamsSchema = z.object({ siteId: z.uuid() });

export const siteCreateBodySchema = z
  .object({
    name: nonEmptyTextSchema(200),
    timeZone: timeZoneSchema,
    address: nonEmptyTextSchema(500).nullable().default(null),
    phone: nonEmptyTextSchema(50).nullable().default(null),
  })
  .strict();
export type SiteCreateBody = z.input<typeof siteCreateBodySchema>;

export const siteUpdateBodySchema = z
  .object({
    name: nonEmptyTextSchema(200).optional(),
    /** A new zone moves "today" for the site's patients: their worklist rows are recomputed. */
    timeZone: timeZoneSchema.optional(),
    address: nonEmptyTextSchema(500).nullable().optional(),
    phone: nonEmptyTextSchema(50).nullable().optional(),
    /** false: the site leaves the site pickers (its records stay). */
    active: z.boolean().optional(),
    version: z.number().int().min(1),
  })
  .strict();
export type SiteUpdateBody = z.input<typeof siteUpdateBodySchema>;
