import {
  type CalendarDate,
  type ClinicSettings,
  parseClinicSettings,
  startOfDayInZone,
} from '@pumpdesk/domain';
import { type Prisma } from '../generated/prisma/client.ts';
import { seededUuidV7 } from './ids.ts';
import { mixSeed, Prng } from './prng.ts';
import { catalogueKey, type CatalogueModel, pumpCatalogue } from './pump-catalogue.ts';
import { type Scenario, scenarioSlots } from './scenarios.ts';

// The fixed frame of the demo clinic: organisation, two sites in different time zones, staff, and
// which patients are placed deliberately in each state the dashboard flags today.

export interface DemoSite {
  id: string;
  name: string;
  timeZone: string;
  address: string;
  phone: string;
  /** Opening hours, minutes after local midnight: appointments and refills fall inside them. */
  opensAtMinute: number;
  closesAtMinute: number;
  /** Share of the patients registered here. */
  share: number;
}

/** The two demo sites. The first one's zone decides "today" for the CLI. */
export const DEMO_SITES = [
  {
    name: 'Northgate Neurorehabilitation Centre',
    timeZone: 'Europe/London',
    // 0113 496 0xxx and 555-01xx numbers are reserved for drama and fiction: they reach no one.
    address: '14 Northgate Road, Leeds LS7 4PQ, United Kingdom',
    phone: '+44 113 496 0520',
    opensAtMinute: 8 * 60 + 30,
    closesAtMinute: 16 * 60 + 30,
    share: 0.6,
  },
  {
    name: 'Riverside Spinal Unit',
    timeZone: 'America/New_York',
    address: '200 Riverside Drive, Albany, NY 12207, United States',
    phone: '+1 518 555 0142',
    opensAtMinute: 8 * 60,
    closesAtMinute: 16 * 60,
    share: 0.4,
  },
] as const;

export const DEMO_ORGANISATION = {
  id: 1,
  name: 'PumpDesk Demo ITB Service',
  contactPhone: '+44 113 496 0999',
  // Empty: the clinic's thresholds take the domain package's defaults until someone sets them.
  settings: {},
} as const;

/** The demo organisation's settings as the engine computes with them (the domain's defaults). */
export const DEMO_CLINIC_SETTINGS: ClinicSettings = parseClinicSettings(DEMO_ORGANISATION.settings);

type Role = 'nurse' | 'physician' | 'manager' | 'admin';
const STAFF: readonly { name: string; role: Role; sites: readonly number[] }[] = [
  { name: 'Dr Helen Marsh', role: 'physician', sites: [0] },
  { name: 'Dr Kwame Asante', role: 'physician', sites: [0, 1] },
  { name: 'Dr Lucia Ferraro', role: 'physician', sites: [1] },
  { name: 'Dr Sanjay Rao', role: 'physician', sites: [1] },
  { name: 'Dr Eleanor Whitfield', role: 'physician', sites: [0] },
  { name: 'Megan Price', role: 'nurse', sites: [0] },
  { name: 'Tom Okonkwo', role: 'nurse', sites: [0] },
  { name: 'Aoife Byrne', role: 'nurse', sites: [0, 1] },
  { name: 'Carla Mendes', role: 'nurse', sites: [1] },
  { name: 'David Levy', role: 'nurse', sites: [1] },
  { name: 'Hannah Clarke', role: 'nurse', sites: [0] },
  { name: 'Ruth Whitaker', role: 'manager', sites: [0, 1] },
  { name: 'Sam Porter', role: 'admin', sites: [0, 1] },
];

export interface ClinicPlan {
  seed: number;
  patients: number;
  today: CalendarDate;
  organisation: Prisma.OrganisationCreateManyInput;
  sites: DemoSite[];
  users: Prisma.UserCreateManyInput[];
  userSites: Prisma.UserSiteCreateManyInput[];
  /** Staff ids per site id, for choosing who did what. */
  physiciansBySite: Map<string, string[]>;
  nursesBySite: Map<string, string[]>;
  /** Pump model ids by catalogue key (from the database, or made up in pure tests). */
  modelIds: ReadonlyMap<string, string>;
  /** The catalogue's models by their id in {@link modelIds}: what the engine reads about a pump's model. */
  pumpModels: ReadonlyMap<string, CatalogueModel>;
  /** Patients placed deliberately in a state, by patient index; the others are drawn at random. */
  scenarios: ReadonlyMap<number, Scenario>;
}

/** Everything about the clinic that is not a patient: deterministic from the seed. */
export function planClinic(options: {
  seed: number;
  patients: number;
  today: CalendarDate;
  modelIds: ReadonlyMap<string, string>;
}): ClinicPlan {
  const random = new Prng(mixSeed(options.seed, 0x5e7e));
  const created = startOfDayInZone(options.today, 'UTC').getTime() - 10 * 365 * 86_400_000;
  const sites: DemoSite[] = DEMO_SITES.map((spec) => ({ id: seededUuidV7(created, random), ...spec }));
  const users: Prisma.UserCreateManyInput[] = [];
  const userSites: Prisma.UserSiteCreateManyInput[] = [];
  const physiciansBySite = new Map<string, string[]>(sites.map((site) => [site.id, []]));
  const nursesBySite = new Map<string, string[]>(sites.map((site) => [site.id, []]));
  for (const staff of STAFF) {
    const id = seededUuidV7(created, random);
    users.push({ id, name: staff.name, email: staffEmail(staff.name), role: staff.role });
    for (const index of staff.sites) {
      const site = sites[index];
      if (!site) continue;
      userSites.push({ userId: id, siteId: site.id });
      if (staff.role === 'physician') physiciansBySite.get(site.id)?.push(id);
      if (staff.role === 'nurse') nursesBySite.get(site.id)?.push(id);
    }
  }
  return {
    ...options,
    organisation: { ...DEMO_ORGANISATION },
    sites,
    users,
    userSites,
    physiciansBySite,
    nursesBySite,
    pumpModels: new Map(
      pumpCatalogue.flatMap((model) => {
        const id = options.modelIds.get(catalogueKey(model));
        return id === undefined ? [] : [[id, model] as const];
      }),
    ),
    scenarios: scenarioSlots(options.patients),
  };
}

/** `Dr Helen Marsh` → `helen.marsh@example.org` (a reserved domain: mail to it goes nowhere). */
function staffEmail(name: string): string {
  const local = name
    .replace(/^Dr /, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.');
  return `${local}@example.org`;
}

/** The staff list of a site; throws if the plan has none, which would be a bug in the plan. */
export function staffAt(byRole: Map<string, string[]>, siteId: string): string[] {
  const staff = byRole.get(siteId);
  if (!staff || staff.length === 0) throw new Error(`No staff of that role at site ${siteId}`);
  return staff;
}
