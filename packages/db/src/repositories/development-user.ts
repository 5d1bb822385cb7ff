import { randomUUID } from 'node:crypto';
import { type PrismaClient } from '../generated/prisma/client.ts';

/** The user every request acts as until sign-in exists (the authentication issue replaces this). */
export const DEVELOPMENT_USER_EMAIL = 'dev@pumpdesk.local';

export interface DevelopmentUser {
  id: string;
  name: string;
  role: 'admin';
  siteIds: string[];
}

/**
 * Finds or creates the development user, an admin of every site, so audit events can name a real
 * user. One statement with ON CONFLICT: several app instances (or test files) starting together
 * never race each other into a unique violation.
 */
export async function ensureDevelopmentUser(prisma: PrismaClient): Promise<DevelopmentUser> {
  const now = new Date();
  const rows = await prisma.$queryRaw<{ id: string; name: string }[]>`
    INSERT INTO users (id, name, email, role, active, version, created_at, updated_at)
    VALUES (${randomUUID()}::uuid, 'Development user', ${DEVELOPMENT_USER_EMAIL}, 'admin', true, 1, ${now}, ${now})
    ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email
    RETURNING id::text AS id, name`;
  const user = rows[0];
  if (!user) throw new Error('The development user could not be created');
  const sites = await prisma.site.findMany({ select: { id: true } });
  return { id: user.id, name: user.name, role: 'admin', siteIds: sites.map((site) => site.id) };
}
