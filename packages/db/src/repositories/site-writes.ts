import { isIanaTimeZone, type SiteDetail } from '@pumpdesk/contracts';
import { type Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { type Principal, requirePermission } from '../access/principal.ts';
import { refreshPumpSchedules } from '../schedule/refresh-pump-schedules.ts';
import { recordAudit } from './audit.ts';
import {
  databaseConstraintOf,
  DomainConflictError,
  FieldRuleError,
  RecordNotFoundError,
  VersionConflictError,
} from './errors.ts';

// Sites as an admin manages them (sites:manage), each write in one transaction with its audit event.
// A site's time zone decides "today" for its patients, so changing it recomputes their worklist rows
// in the same transaction.

const siteSelect = {
  id: true,
  name: true,
  timeZone: true,
  address: true,
  phone: true,
  active: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.SiteSelect;

// A zone change recomputes every worklist row of the site: proportional to its caseload, longer than
// Prisma's default 5 s allows for a large site.
const SITE_REFRESH_TRANSACTION = { timeout: 10 * 60_000, maxWait: 10_000 };

type SiteRow = Prisma.SiteGetPayload<{ select: typeof siteSelect }>;

function toDetail(row: SiteRow): SiteDetail {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

const nameTaken = (): DomainConflictError =>
  new DomainConflictError('SITE_NAME_TAKEN', 'Another site has this name.', [
    { path: 'body.name', message: 'Another site has this name', code: 'site_name_taken' },
  ]);

/** The contracts check the zone too; the data layer does not rely on every caller having used them. */
function requireTimeZone(timeZone: string | undefined): void {
  if (timeZone !== undefined && !isIanaTimeZone(timeZone)) {
    throw FieldRuleError.at(
      'body.timeZone',
      'invalid_time_zone',
      'Not an IANA time zone name (Europe/London)',
    );
  }
}

/** The unique index on the name decides races between two admins. */
async function withNameCheck<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (databaseConstraintOf(error) === 'unique') throw nameTaken();
    throw error;
  }
}

export interface NewSite {
  name: string;
  timeZone: string;
  address: string | null;
  phone: string | null;
}

export async function createSite(
  prisma: PrismaClient,
  principal: Principal,
  input: NewSite,
): Promise<SiteDetail> {
  requirePermission(principal, 'sites:manage');
  requireTimeZone(input.timeZone);
  return withNameCheck(() =>
    prisma.$transaction(async (tx) => {
      if (await tx.site.findUnique({ where: { name: input.name }, select: { id: true } })) throw nameTaken();
      const site = await tx.site.create({ data: input, select: siteSelect });
      await recordAudit(tx, principal, {
        action: 'site.create',
        entityType: 'site',
        entityId: site.id,
        outcome: 'success',
        siteId: site.id,
        summary: { timeZone: site.timeZone, fields: Object.keys(input).filter((key) => key !== 'name') },
      });
      return toDetail(site);
    }),
  );
}

export interface SiteChanges {
  name?: string;
  timeZone?: string;
  address?: string | null;
  phone?: string | null;
  active?: boolean;
  version: number;
}

/** Changes a site if nobody did since `version`; a new time zone refreshes its patients' worklist rows. */
export async function updateSite(
  prisma: PrismaClient,
  principal: Principal,
  siteId: string,
  changes: SiteChanges,
): Promise<SiteDetail> {
  requirePermission(principal, 'sites:manage');
  requireTimeZone(changes.timeZone);
  const { version, ...fields } = changes;
  return withNameCheck(() =>
    prisma.$transaction(async (tx) => {
      const before = await tx.site.findUnique({ where: { id: siteId }, select: siteSelect });
      if (!before) throw new RecordNotFoundError('site', siteId);
      if (before.version !== version) throw new VersionConflictError('The site', before.version);
      if (fields.name !== undefined && fields.name !== before.name) {
        const other = await tx.site.findUnique({ where: { name: fields.name }, select: { id: true } });
        if (other) throw nameTaken();
      }
      const updated = await tx.site.updateMany({
        where: { id: siteId, version },
        data: { ...fields, version: { increment: 1 } },
      });
      if (updated.count === 0) throw new VersionConflictError('The site', null);
      const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter(
        (key) => fields[key] !== undefined && fields[key] !== before[key],
      );
      let refreshedPatients = 0;
      if (changed.includes('timeZone')) {
        const patients = await tx.patient.findMany({ where: { siteId }, select: { id: true } });
        await refreshPumpSchedules(
          tx,
          patients.map((patient) => patient.id),
        );
        refreshedPatients = patients.length;
      }
      await recordAudit(tx, principal, {
        action: 'site.update',
        entityType: 'site',
        entityId: siteId,
        outcome: 'success',
        siteId,
        summary: {
          fields: changed,
          ...(changed.includes('timeZone')
            ? { timeZone: { from: before.timeZone, to: fields.timeZone }, refreshedPatients }
            : {}),
          ...(changed.includes('active') ? { active: fields.active } : {}),
        },
      });
      return toDetail(await tx.site.findUniqueOrThrow({ where: { id: siteId }, select: siteSelect }));
    }, SITE_REFRESH_TRANSACTION),
  );
}
