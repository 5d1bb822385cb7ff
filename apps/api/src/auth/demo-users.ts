import { randomBytes } from 'node:crypto';
import { type UserRole } from '@pumpdesk/contracts';
import { type Database } from '@pumpdesk/db';
import { createDemoUsers } from '@pumpdesk/db/seed';
import { type AppConfig } from '../config.ts';
import { base32Encode } from './base32.ts';
import { hashPassword } from './password-hashing.ts';
import { checkNewPassword } from './password-policy.ts';

// The demo's sign-in details (docs/demo-data.md): one account per role with a fresh random password,
// printed once on stdout at the first start. Not through the logger: logs are kept and shipped, and
// passwords must never reach them.

/**
 * Only the embedded demo: a production configuration is one with a real Postgres (DATABASE_URL),
 * which never gets demo data or demo accounts. The quick start's `pnpm demo` runs the built app
 * (NODE_ENV=production) on the embedded database, and is a demo.
 */
export function demoUsersAllowed(config: AppConfig): boolean {
  return config.demoData && config.database.mode === 'embedded';
}

/** 75 random bits as three groups of five lower-case base32 characters: `k3mzq-7vwbd-p2xhe`. */
export function generatedPassword(): string {
  const characters = base32Encode(randomBytes(10)).toLowerCase();
  return [0, 5, 10].map((start) => characters.slice(start, start + 5)).join('-');
}

const ROLES: readonly UserRole[] = ['nurse', 'physician', 'manager', 'admin'];

/** Creates the demo accounts in a database that just received the demo clinic, and prints them. */
export async function createDemoSignIns(
  prisma: Database['prisma'],
  write: (text: string) => void = (text) => process.stdout.write(text),
): Promise<void> {
  const passwords = Object.fromEntries(ROLES.map((role) => [role, generatedPassword()])) as Record<
    UserRole,
    string
  >;
  const hashes = {} as Record<UserRole, string>;
  for (const role of ROLES) {
    // A generated password always passes the policy; checked anyway so a policy change cannot slip by.
    const check = checkNewPassword(passwords[role], {});
    if (!check.ok) throw new Error(`demo password refused by the policy: ${check.code}`);
    hashes[role] = await hashPassword(passwords[role]);
  }
  const users = await createDemoUsers(prisma, hashes);
  const width = Math.max(...users.map((user) => user.email.length));
  const lines = users.map((user) => {
    const where = user.siteNames.length > 0 ? ` (${user.siteNames.join(', ')})` : '';
    return `  ${user.role.padEnd(9)} ${user.email.padEnd(width)}  ${passwords[user.role]}${where}`;
  });
  write(
    [
      '',
      'Demo sign-in details (shown this once; they are not stored anywhere readable):',
      ...lines,
      '  The admin will be asked to set up an authenticator app (TOTP) at the first sign-in.',
      '',
      '',
    ].join('\n'),
  );
}
