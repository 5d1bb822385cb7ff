import { type UserRole } from '@pumpdesk/contracts';
import { type PrismaClient } from '../generated/prisma/client.ts';
import { DEMO_SITES } from './clinic-plan.ts';

// The demo's sign-in accounts: one per role, created with the demo clinic at the first start of the
// embedded demo (never in a real deployment). The API chooses and hashes the passwords and prints
// them once; this module only stores the hashes.

export interface DemoUserSpec {
  role: UserRole;
  name: string;
  email: string;
  /** 'first': the first demo site only; 'all': every demo site; 'none': no site (the admin). */
  sites: 'first' | 'all' | 'none';
}

export const DEMO_USERS: readonly DemoUserSpec[] = [
  { role: 'nurse', name: 'Demo Nurse', email: 'demo.nurse@example.org', sites: 'first' },
  { role: 'physician', name: 'Demo Physician', email: 'demo.physician@example.org', sites: 'all' },
  { role: 'manager', name: 'Demo Manager', email: 'demo.manager@example.org', sites: 'all' },
  { role: 'admin', name: 'Demo Admin', email: 'demo.admin@example.org', sites: 'none' },
];

export interface DemoUserCreated extends DemoUserSpec {
  siteNames: string[];
}

/**
 * Creates the demo accounts with the given password hashes (one per role), linked to the demo
 * clinic's sites. Run after the demo clinic is loaded; fails if an account already exists.
 */
export async function createDemoUsers(
  prisma: PrismaClient,
  passwordHashes: Readonly<Record<UserRole, string>>,
): Promise<DemoUserCreated[]> {
  const sites = await prisma.site.findMany({
    where: { name: { in: DEMO_SITES.map((site) => site.name) } },
    select: { id: true, name: true },
  });
  const ordered = DEMO_SITES.flatMap((spec) => sites.filter((site) => site.name === spec.name));
  const created: DemoUserCreated[] = [];
  for (const spec of DEMO_USERS) {
    const siteList = spec.sites === 'all' ? ordered : spec.sites === 'first' ? ordered.slice(0, 1) : [];
    await prisma.user.create({
      data: {
        name: spec.name,
        email: spec.email,
        role: spec.role,
        passwordHash: passwordHashes[spec.role],
        sites: { create: siteList.map((site) => ({ siteId: site.id })) },
      },
    });
    created.push({ ...spec, siteNames: siteList.map((site) => site.name) });
  }
  return created;
}
