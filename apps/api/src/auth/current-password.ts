import {
  type AuditEventInput,
  findAccountById,
  recordAudit,
  recordSignInSuccess,
  type SignInAccount,
} from '@pumpdesk/db';
import { type FastifyRequest } from 'fastify';
import { unauthenticated } from '../plugins/authentication.ts';
import { actorOf, fieldRefused, reserveAttempt, userThrottleSubject } from './auth-problems.ts';
import { verifyPassword, verifyWithoutAccount } from './password-hashing.ts';

/**
 * Re-entering the password before a sensitive change (a new password, turning TOTP off, new recovery
 * codes): throttled and counted like sign-in attempts, so a stolen session cannot be used to guess
 * the password. A wrong one is a field problem on `body.currentPassword` and a `failure` event.
 */
export async function requireCurrentPassword(
  request: FastifyRequest,
  userId: string,
  password: string,
  event: Omit<AuditEventInput, 'outcome' | 'summary'>,
): Promise<SignInAccount & { passwordHash: string }> {
  const app = request.server;
  const prisma = app.database.prisma;
  const actor = actorOf(request, userId);
  const subject = userThrottleSubject(request, userId);
  const reservation = await reserveAttempt(request, subject, actor, {
    ...event,
    summary: { reason: 'throttled' },
  });
  const account = await findAccountById(prisma, userId);
  if (!account) throw unauthenticated();
  const { passwordHash } = account;
  const verified =
    passwordHash === null
      ? await verifyWithoutAccount(password)
      : await verifyPassword(passwordHash, password);
  if (!verified || passwordHash === null) {
    await recordAudit(prisma, actor, { ...event, outcome: 'failure', summary: { reason: 'wrong_password' } });
    throw fieldRefused('body.currentPassword', 'wrong_password', 'The current password is wrong.');
  }
  await recordSignInSuccess(prisma, reservation, app.clock());
  return { ...account, passwordHash };
}
