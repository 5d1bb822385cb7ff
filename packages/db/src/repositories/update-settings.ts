import { type ClinicSettings, parseClinicSettings } from '@pumpdesk/domain';
import { type Principal, requirePermission } from '../access/principal.ts';
import { type PrismaClient } from '../generated/prisma/client.ts';
import { recordAudit } from './audit.ts';
import { VersionConflictError } from './errors.ts';
import { rebuildPumpSchedules } from '../schedule/refresh-pump-schedules.ts';

export interface StoredClinicSettings {
  version: number;
  updatedAt: Date;
  settings: ClinicSettings;
}

/**
 * The organisation's settings row (created with the defaults the first time it is read). Every
 * signed-in role may read it: the thresholds hold no patient data and every screen needs them.
 */
export async function getStoredClinicSettings(prisma: PrismaClient): Promise<StoredClinicSettings> {
  const row = await ensureOrganisation(prisma);
  return { version: row.version, updatedAt: row.updatedAt, settings: parseClinicSettings(row.settings) };
}

/**
 * Replaces the clinic's settings if nobody changed them since `expectedVersion` was read, in one
 * transaction with its audit event (the fields that changed, before and after). Throws ForbiddenError
 * unless the user may change settings (an admin), a VersionConflictError on a stale version: nothing
 * is written then.
 */
export async function updateClinicSettings(
  prisma: PrismaClient,
  input: { expectedVersion: number; settings: ClinicSettings; principal: Principal },
): Promise<StoredClinicSettings> {
  requirePermission(input.principal, 'settings:write');
  await ensureOrganisation(prisma);
  return prisma.$transaction(
    async (tx) => {
      const before = await tx.organisation.findUniqueOrThrow({ where: { id: 1 } });
      const updated = await tx.organisation.updateMany({
        where: { id: 1, version: input.expectedVersion },
        data: { settings: input.settings, version: { increment: 1 } },
      });
      if (updated.count === 0) throw new VersionConflictError('The clinic settings', before.version);
      const row = await tx.organisation.findUniqueOrThrow({ where: { id: 1 } });
      const previous = parseClinicSettings(before.settings);
      await recordAudit(tx, input.principal, {
        action: 'settings.update',
        entityType: 'organisation',
        entityId: '1',
        outcome: 'success',
        summary: { version: row.version, changes: changedFields(previous, input.settings) },
      });
      // Every computed date follows the thresholds: the worklist table is rebuilt in this transaction,
      // so no worklist ever mixes old and new settings.
      await rebuildPumpSchedules(tx);
      return { version: row.version, updatedAt: row.updatedAt, settings: parseClinicSettings(row.settings) };
    },
    // The rebuild is proportional to the caseload (measured by `pnpm bench`); Prisma's default of 5 s
    // is for short transactions.
    { timeout: SETTINGS_REBUILD_TIMEOUT_MS, maxWait: 10_000 },
  );
}

const SETTINGS_REBUILD_TIMEOUT_MS = 15 * 60_000;

/** A fresh installation has no organisation row until someone names it; settings need one. */
async function ensureOrganisation(prisma: PrismaClient) {
  return prisma.organisation.upsert({
    where: { id: 1 },
    create: { id: 1, name: 'PumpDesk clinic' },
    update: {},
  });
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** `{ "refill.safetyMarginDays": { from: 4, to: 3 } }` for every leaf that changed. */
export function changedFields(
  before: unknown,
  after: unknown,
  prefix = '',
): Record<string, { from: Json; to: Json }> {
  if (isRecord(before) && isRecord(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return Object.assign(
      {},
      ...[...keys].map((key) => changedFields(before[key], after[key], prefix ? `${prefix}.${key}` : key)),
    ) as Record<string, { from: Json; to: Json }>;
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return {};
  return { [prefix]: { from: (before ?? null) as Json, to: (after ?? null) as Json } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
