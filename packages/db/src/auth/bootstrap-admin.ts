import { type PrismaClient } from '../generated/prisma/client.ts';
import { recordAudit } from '../repositories/audit.ts';

/**
 * The first admin of a new deployment (`pnpm user:create-admin`): nobody can sign in to create one
 * through the API yet. The password is a one-time one (changed at the first sign-in, where the admin
 * also sets up the second factor). Audited with no actor and `via: 'cli'`. Refuses a taken email.
 */
export async function bootstrapAdmin(
  prisma: PrismaClient,
  input: { name: string; email: string; passwordHash: string; now: Date },
): Promise<{ id: string } | { emailTaken: true }> {
  return prisma.$transaction(async (tx) => {
    const taken = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (taken) return { emailTaken: true as const };
    const user = await tx.user.create({
      data: {
        name: input.name,
        email: input.email,
        role: 'admin',
        passwordHash: input.passwordHash,
        passwordChangedAt: input.now,
        mustChangePassword: true,
      },
      select: { id: true },
    });
    await recordAudit(
      tx,
      { userId: null, requestId: null, clientAddress: null },
      {
        action: 'user.create',
        entityType: 'user',
        entityId: user.id,
        outcome: 'success',
        summary: { role: 'admin', via: 'cli' },
      },
    );
    return user;
  });
}
