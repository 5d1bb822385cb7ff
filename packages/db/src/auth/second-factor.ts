import { type Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { endSessionsOfUser } from './sessions.ts';

// The second factor's stored state: the TOTP secret (pending while being set up), the last step a
// code was accepted for, and the recovery codes (SHA-256 hashes, each usable once). The API computes
// and verifies codes; this module stores what it decided, guarding every write against a race.

export interface SecondFactorState {
  totpSecret: string | null;
  pendingTotpSecret: string | null;
  /** The last 30-second step a code was accepted for (null: none yet). */
  totpLastStep: number | null;
  totpEnabled: boolean;
}

export async function readSecondFactor(prisma: PrismaClient, userId: string): Promise<SecondFactorState> {
  const row = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { totpSecret: true, pendingTotpSecret: true, totpLastStep: true, totpEnabledAt: true },
  });
  return {
    totpSecret: row.totpSecret,
    pendingTotpSecret: row.pendingTotpSecret,
    totpLastStep: row.totpLastStep === null ? null : Number(row.totpLastStep),
    totpEnabled: row.totpEnabledAt !== null,
  };
}

/**
 * Records that a code of `step` was accepted. False when a code of this step or a later one was
 * accepted meanwhile (two requests with the same code: only one wins, RFC 6238 §5.2).
 */
export async function acceptTotpStep(prisma: PrismaClient, userId: string, step: number): Promise<boolean> {
  const updated = await prisma.user.updateMany({
    where: {
      id: userId,
      totpEnabledAt: { not: null },
      OR: [{ totpLastStep: null }, { totpLastStep: { lt: BigInt(step) } }],
    },
    data: { totpLastStep: BigInt(step) },
  });
  return updated.count > 0;
}

/** Uses up one recovery code (by its hash). False when there is no such unused code. */
export async function useRecoveryCode(
  prisma: PrismaClient,
  input: { userId: string; codeHash: string; now: Date },
): Promise<boolean> {
  const used = await prisma.recoveryCode.updateMany({
    where: { userId: input.userId, codeHash: input.codeHash, usedAt: null },
    data: { usedAt: input.now },
  });
  return used.count > 0;
}

/** A new secret being set up (not in force until confirmed); replaces any earlier pending one. */
export async function setPendingTotpSecret(
  prisma: PrismaClient,
  userId: string,
  secret: string,
): Promise<void> {
  await prisma.user.update({ where: { id: userId }, data: { pendingTotpSecret: secret } });
}

/**
 * Confirms enrolment: the pending secret that the code was checked against becomes the secret, the
 * recovery codes are replaced, and the user's other sessions end ('second_factor_changed'). False
 * when the pending secret changed meanwhile (another setup started) or a factor is already on (only
 * turning it off, with the password, makes room for another): nothing is written.
 */
export async function enableTotp(
  prisma: PrismaClient,
  input: {
    userId: string;
    secret: string;
    acceptedStep: number;
    recoveryCodeHashes: readonly string[];
    keepSessionId: string;
    now: Date;
  },
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const enabled = await tx.user.updateMany({
      where: { id: input.userId, pendingTotpSecret: input.secret, totpEnabledAt: null },
      data: {
        totpSecret: input.secret,
        pendingTotpSecret: null,
        totpEnabledAt: input.now,
        totpLastStep: BigInt(input.acceptedStep),
        version: { increment: 1 },
      },
    });
    if (enabled.count === 0) return false;
    await writeRecoveryCodes(tx, input.userId, input.recoveryCodeHashes, input.now);
    await endSessionsOfUser(tx, input.userId, 'second_factor_changed', input.now, input.keepSessionId);
    return true;
  });
}

/** Turns TOTP off: secret and recovery codes gone, the user's other sessions ended. */
export async function disableTotp(
  prisma: PrismaClient,
  input: { userId: string; keepSessionId: string; now: Date },
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: input.userId },
      data: {
        totpSecret: null,
        pendingTotpSecret: null,
        totpEnabledAt: null,
        totpLastStep: null,
        version: { increment: 1 },
      },
    });
    await tx.recoveryCode.deleteMany({ where: { userId: input.userId } });
    await endSessionsOfUser(tx, input.userId, 'second_factor_changed', input.now, input.keepSessionId);
  });
}

/** A new set of recovery codes: the old ones (used or not) stop working. */
export async function replaceRecoveryCodes(
  prisma: PrismaClient,
  input: { userId: string; recoveryCodeHashes: readonly string[]; now: Date },
): Promise<void> {
  await prisma.$transaction(async (tx) =>
    writeRecoveryCodes(tx, input.userId, input.recoveryCodeHashes, input.now),
  );
}

async function writeRecoveryCodes(
  tx: Prisma.TransactionClient,
  userId: string,
  hashes: readonly string[],
  now: Date,
): Promise<void> {
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({
    data: hashes.map((codeHash) => ({ userId, codeHash, createdAt: now })),
  });
}

/** How many unused recovery codes the user has left. */
export async function countUnusedRecoveryCodes(prisma: PrismaClient, userId: string): Promise<number> {
  return prisma.recoveryCode.count({ where: { userId, usedAt: null } });
}
