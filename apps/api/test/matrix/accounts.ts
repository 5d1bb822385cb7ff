import { type SessionStage } from '@pumpdesk/contracts';
import { type Database } from '@pumpdesk/db';
import { createTestUser } from '@pumpdesk/db/testing';
import { randomUUID } from 'node:crypto';
import { hashPassword } from '../../src/auth/password-hashing.ts';
import { generateTotpSecret, totpCode } from '../../src/auth/totp.ts';
import { sessionFor, type TestSession } from '../test-sessions.ts';
import { type Role } from './expectations.ts';
import { type MatrixWorld } from './world.ts';

// Accounts of the matrix's own: a user per request for the routes that use up or change the acting
// user's session or account (sign-in, sign-out, password, second factor, feed token), and the users
// an admin route acts on. Their emails carry the run id, so the row fingerprint counts them.

/** Long, uncommon and unrelated to any name or email: the password policy accepts it. */
export const MATRIX_PASSWORD = 'quiet-lantern-orchard-1937';
export const MATRIX_NEW_PASSWORD = 'copper-heron-meadow-5812';

type Prisma = Database['prisma'];

export interface MatrixAccount {
  userId: string;
  email: string;
  password: string;
  /** The authenticator secret (enabled or pending), when the account has one. */
  totpSecret: string | null;
  session: TestSession | null;
}

export interface AccountOptions {
  role: Role;
  siteId: string;
  /** A password hash (only when a route asks for it: hashing takes tens of milliseconds). */
  password?: boolean;
  /** An authenticator app in force, or one set up and waiting for its first code. */
  totp?: 'enabled' | 'pending';
  /** A session at this stage (none: no session). */
  stage?: SessionStage;
}

export async function createAccount(
  database: Database,
  world: MatrixWorld,
  options: AccountOptions,
): Promise<MatrixAccount> {
  const prisma: Prisma = database.prisma;
  const totpSecret = options.totp ? generateTotpSecret() : null;
  const user = await createTestUser(prisma, [options.siteId], {
    role: options.role,
    email: `account-${randomUUID().slice(0, 8)}@${world.runId}.matrix.test`,
    name: `Matrix ${options.role} ${randomUUID().slice(0, 4)}`,
    ...(options.password ? { passwordHash: await hashPassword(MATRIX_PASSWORD) } : {}),
    ...(options.totp === 'enabled' ? { totpSecret, totpEnabledAt: new Date() } : {}),
    ...(options.totp === 'pending' ? { pendingTotpSecret: totpSecret } : {}),
  });
  const session = options.stage ? await sessionFor(database, user, options.stage) : null;
  return { userId: user.id, email: user.email, password: MATRIX_PASSWORD, totpSecret, session };
}

/** The authenticator's code now. */
export const currentCode = (secret: string): string => totpCode(secret, Date.now());
