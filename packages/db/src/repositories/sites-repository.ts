import { type SiteList } from '@pumpdesk/contracts';
import { type PrismaClient } from '../generated/prisma/client.ts';

/** Active sites, by name. */
export async function listSites(prisma: PrismaClient): Promise<SiteList> {
  const items = await prisma.site.findMany({
    where: { active: true },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, timeZone: true },
  });
  return { items };
}
