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

// Every request's session check needs the lifetimes: they are cached per database client for a few
// seconds instead of read each time. A change made through this process is seen at once (the write
// forgets the cache); another app instance sees it within CACHE_MS.
const CACHE_MS = 5_000;
const cached = new WeakMap<PrismaClient, { readAt: number; settings: Promise<SecuritySettings> }>();

export function readSecuritySettingsCached(prisma: PrismaClient): Promise<SecuritySettings> {
  const entry = cached.get(prisma);
  const now = performance.now();
  if (entry && now - entry.readAt < CACHE_MS) return entry.settings;
  const settings = readSecuritySettings(prisma).then((read) => read.settings);
  cached.set(prisma, { readAt: now, settings });
  // A failed read is not kept: the next request asks the database again.
  settings.catch(() => cached.delete(prisma));
  return settings;
}

export function forgetSecuritySettings(prisma: PrismaClient): void {
  cached.delete(prisma);
}
