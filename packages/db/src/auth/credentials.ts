import { type UserRole } from '@pumpdesk/contracts';
import { type PrismaClient } from '../generated/prisma/client.ts';
import { endSessionsOfUser } from './sessions.ts';

// A user's password as sign-in and the password change see it. The API hashes and verifies (it owns
// the Argon2id parameters); this module stores and reads the PHC strings, never a password.

/** What deciding a sign-in needs to know about an account. */
export interface SignInAccount {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  active: boolean;
  /** null: no password set, the account cannot sign in with one. */
  passwordHash: string | null;
  mustChangePassword: boolean;
  totpEnabled: boolean;
}

const accountSelect = {
  id: true,
  name: true,
  email: true,
  role: true,
  active: true,
  passwordHash: true,
  mustChangePassword: true,
  totpEnabledAt: true,
} as const;

function toAccount(row: {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  active: boolean;
  passwordHash: string | null;
  mustChangePassword: boolean;
  totpEnabledAt: Date | null;
}): SignInAccount {
  const { totpEnabledAt, ...rest } = row;
  return { ...rest, totpEnabled: totpEnabledAt !== null };
}

/** The account with this sign-in email (already lower-cased), or null. */
export async function findSignInAccount(prisma: PrismaClient, email: string): Promise<SignInAccount | null> {
  const row = await prisma.user.findUnique({ where: { email }, select: accountSelect });
  return row ? toAccount(row) : null;
}

export async function findAccountById(prisma: PrismaClient, userId: string): Promise<SignInAccount | null> {
  const row = await prisma.user.findUnique({ where: { id: userId }, select: accountSelect });
  return row ? toAccount(row) : null;
}

/**
 * Replaces a hash made with older parameters by one made with today's, after a successful sign-in
 * (the only moment the password is known). Only if the stored hash is still the one verified.
 */
export async function upgradePasswordHash(
  prisma: PrismaClient,
  input: { userId: string; previousHash: string; passwordHash: string },
): Promise<void> {
  await prisma.user.updateMany({
    where: { id: input.userId, passwordHash: input.previousHash },
    data: { passwordHash: input.passwordHash },
  });
}

/**
 * The user's own password change: the new hash, the reset flag cleared, the calendar-feed token
 * revoked (a thief may have issued one) and every session of the user ended ('password_changed'), in
 * one transaction; the caller then starts the one new session.
 * Returns the number of sessions ended.
 */
export async function changeOwnPassword(
  prisma: PrismaClient,
  input: { userId: string; passwordHash: string; now: Date },
): Promise<number> {
  return prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: input.userId },
      data: {
        passwordHash: input.passwordHash,
        mustChangePassword: false,
        passwordChangedAt: input.now,
        calendarFeedTokenHash: null,
        version: { increment: 1 },
      },
    });
    return endSessionsOfUser(tx, input.userId, 'password_changed', input.now);
  });
}
