import { z } from 'zod';

export const siteSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  timeZone: z.string(),
  /** The clinic's phone and address, for the emergency card; null when the admin has not set them. */
  phone: z.string().nullable(),
  address: z.string().nullable(),
});
export type SiteSummary = z.infer<typeof siteSummarySchema>;

export const siteListSchema = z.object({ items: z.array(siteSummarySchema) });
export type SiteList = z.infer<typeof siteListSchema>;
