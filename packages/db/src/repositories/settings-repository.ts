import { type ClinicSettings, parseClinicSettings } from '@pumpdesk/domain';
import { type Prisma } from '../generated/prisma/client.ts';

/**
 * The organisation's clinic settings, validated by the engine's schema with every default filled. A
 * database without its organisation row yet (a fresh install before the first setup) uses the domain
 * doc's defaults. Stored settings that no longer validate are a configuration error, reported as such
 * rather than silently replaced by defaults.
 */
export async function readClinicSettings(prisma: Prisma.TransactionClient): Promise<ClinicSettings> {
  const organisation = await prisma.organisation.findUnique({ where: { id: 1 }, select: { settings: true } });
  try {
    return parseClinicSettings(organisation?.settings ?? {});
  } catch (error) {
    throw new Error('The organisation settings stored in the database are not valid clinic settings', {
      cause: error,
    });
  }
}
