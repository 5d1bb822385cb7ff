import { type Prisma } from '../generated/prisma/client.ts';
import { seededUuid } from './ids.ts';
import { Prng } from './prng.ts';

export interface DemoSite {
  id: string;
  name: string;
  timeZone: string;
  /** Clinic opening hours, local time. */
  opensAtHour: number;
}

export interface DemoStaff {
  sites: DemoSite[];
  users: Prisma.UserCreateManyInput[];
  userSites: Prisma.UserSiteCreateManyInput[];
  /** Per site: the physicians and nurses who work there. */
  physiciansBySite: Map<string, string[]>;
  nursesBySite: Map<string, string[]>;
}

const siteSpecs = [
  { name: 'Northgate Neurorehabilitation Centre', timeZone: 'Europe/London', opensAtHour: 8 },
  { name: 'Riverside Spinal Unit', timeZone: 'America/New_York', opensAtHour: 9 },
] as const;

const staffSpecs: { name: string; role: 'nurse' | 'physician' | 'manager' | 'admin'; sites: number[] }[] = [
  { name: 'Dr Helen Marsh', role: 'physician', sites: [0] },
  { name: 'Dr Kwame Asante', role: 'physician', sites: [0, 1] },
  { name: 'Dr Lucia Ferraro', role: 'physician', sites: [1] },
  { name: 'Dr Sanjay Rao', role: 'physician', sites: [1] },
  { name: 'Nurse Megan Price', role: 'nurse', sites: [0] },
  { name: 'Nurse Tom Okonkwo', role: 'nurse', sites: [0] },
  { name: 'Nurse Aoife Byrne', role: 'nurse', sites: [0, 1] },
  { name: 'Nurse Carla Mendes', role: 'nurse', sites: [1] },
  { name: 'Nurse David Levy', role: 'nurse', sites: [1] },
  { name: 'Ruth Whitaker', role: 'manager', sites: [0, 1] },
  { name: 'Sam Porter', role: 'admin', sites: [0, 1] },
];

/** The two demo sites and their staff; everything deterministic from the seed. */
export function planStaff(seed: number): DemoStaff {
  const random = new Prng(seed ^ 0x517e);
  const sites: DemoSite[] = siteSpecs.map((spec) => ({ id: seededUuid(random), ...spec }));
  const users: Prisma.UserCreateManyInput[] = [];
  const userSites: Prisma.UserSiteCreateManyInput[] = [];
  const physiciansBySite = new Map<string, string[]>(sites.map((site) => [site.id, []]));
  const nursesBySite = new Map<string, string[]>(sites.map((site) => [site.id, []]));
  for (const spec of staffSpecs) {
    const id = seededUuid(random);
    const local = spec.name
      .replace(/^(Dr|Nurse) /, '')
      .toLowerCase()
      .replace(/[^a-z]+/g, '.');
    users.push({ id, name: spec.name, email: `${local}@pumpdesk.example.org`, role: spec.role });
    for (const index of spec.sites) {
      const site = sites[index];
      if (!site) continue;
      userSites.push({ userId: id, siteId: site.id });
      if (spec.role === 'physician') physiciansBySite.get(site.id)?.push(id);
      if (spec.role === 'nurse') nursesBySite.get(site.id)?.push(id);
    }
  }
  return { sites, users, userSites, physiciansBySite, nursesBySite };
}
