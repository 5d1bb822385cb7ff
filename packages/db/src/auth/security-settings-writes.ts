import { type SecuritySettings, securitySettingsSchema } from '@pumpdesk/contracts';
import { type PrismaClient } from '../generated/prisma/client.ts';
import { type Principal, requirePermission } from '../access/principal.ts';
import { recordAudit } from '../repositories/audit.ts';
import { VersionConflictError } from '../repositories/errors.ts';
import { changedFields } from '../repositories/update-settings.ts';
import { forgetSecuritySettings, readSecuritySettings } from './security-settings.ts';

// The security settings (settings:write). Their version is the organisation row's `version`, which
// the clinic's thresholds (PUT /api/settings) share: saving either one makes a form of the other stale
// (409, reload and save again). One counter keeps one row's optimistic concurrency simple, and both
// are admin forms saved rarely. Session lifetimes apply at once: every request reads them.

export async function getSecuritySettings(
  prisma: PrismaClient,
  principal: Principal,
): Promise<{ settings: SecuritySettings; version: number }> {
  requirePermission(principal, 'settings:write');
  return readSecuritySettings(prisma);
}

/** Applies the fields given over the stored settings if nobody saved since `version`. */
export async function updateSecuritySettings(
  prisma: PrismaClient,
  principal: Principal,
  input: Partial<SecuritySettings> & { version: number },
): Promise<{ settings: SecuritySettings; version: number }> {
  requirePermission(principal, 'settings:write');
  const { version, ...changes } = input;
  await prisma.organisation.upsert({
    where: { id: 1 },
    create: { id: 1, name: 'PumpDesk clinic' },
    update: {},
  });
  const saved = await prisma.$transaction(async (tx) => {
    const before = await readSecuritySettings(tx);
    const settings = securitySettingsSchema.parse({ ...before.settings, ...changes });
    const updated = await tx.organisation.updateMany({
      where: { id: 1, version },
      data: { securitySettings: settings, version: { increment: 1 } },
    });
    if (updated.count === 0) throw new VersionConflictError('The security settings', before.version);
    const after = await readSecuritySettings(tx);
    await recordAudit(tx, principal, {
      action: 'security_settings.update',
      entityType: 'organisation',
      entityId: '1',
      outcome: 'success',
      summary: { version: after.version, changes: changedFields(before.settings, settings) },
    });
    return after;
  });
  forgetSecuritySettings(prisma);
  return saved;
}
