import { type SiteList } from '@pumpdesk/contracts';
import { type Principal } from '../access/principal.ts';
import { type PrismaClient } from '../generated/prisma/client.ts';

/**
 * Active sites, by name: every one for an admin (who manages them) or a user working at every site,
 * otherwise the user's own (a site picker offers only sites whose records the user may see).
 */
export async function listSites(prisma: PrismaClient, principal: Principal): Promise<SiteList> {
  const everySite = principal.role === 'admin' || principal.allSites;
  const items = await prisma.site.findMany({
    where: { active: true, ...(everySite ? {} : { id: { in: [...principal.siteIds] } }) },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, timeZone: true, phone: true, address: true },
  });
  return { items };
}
