import {
  DEFAULT_SECURITY_SETTINGS,
  type SecuritySettings,
  securitySettingsSchema,
} from '@pumpdesk/contracts';
import { type Prisma, type PrismaClient } from '../generated/prisma/client.ts';

/** The organisation's security settings with the defaults filled in (no row yet: the defaults). */
export async function readSecuritySettings(
  db: PrismaClient | Prisma.TransactionClient,
): Promise<{ settings: SecuritySettings; version: number }> {
  const row = await db.organisation.findUnique({
    where: { id: 1 },
    select: { securitySettings: true, version: true },
  });
  if (!row) return { settings: DEFAULT_SECURITY_SETTINGS, version: 1 };
  const parsed = securitySettingsSchema.safeParse(row.securitySettings ?? {});
  // A stored value that no longer parses (a hand edit) falls back to the defaults, the safe side.
  return { settings: parsed.success ? parsed.data : DEFAULT_SECURITY_SETTINGS, version: row.version };
}

/** Whether this role must sign in with a second factor under these settings. */
export function secondFactorRequired(settings: SecuritySettings, role: string): boolean {
  return settings.requireTotpForAll || (settings.requireTotpForAdmins && role === 'admin');
}
