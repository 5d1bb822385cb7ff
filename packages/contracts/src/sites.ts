import { z } from 'zod';

export const siteSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  timeZone: z.string(),
});
export type SiteSummary = z.infer<typeof siteSummarySchema>;

export const siteListSchema = z.object({ items: z.array(siteSummarySchema) });
export type SiteList = z.infer<typeof siteListSchema>;
