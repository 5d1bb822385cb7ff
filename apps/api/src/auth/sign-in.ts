import { type SessionInfo, type SignInBody } from '@pumpdesk/contracts';
import {
  findSignInAccount,
  readSecuritySettings,
  recordAudit,
  recordSignInSuccess,
  upgradePasswordHash,
} from '@pumpdesk/db';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { actorOf, invalidCredentials, reserveAttempt } from './auth-problems.ts';
import { hashNeedsUpgrade, hashPassword, verifyPassword, verifyWithoutAccount } from './password-hashing.ts';
import { nextStage, startSession } from './start-session.ts';

type FailureReason = 'unknown_email' | 'disabled' | 'no_password' | 'wrong_password';

/**
 * POST /api/auth/sign-in: throttle (the attempt is counted first), then the password. Every attempt is one `auth.sign_in` event
 * (success, failure or refused when throttled) with the typed email, never the password. An unknown
 * email, a disabled account or one without a password spend the time of a real verify and get the
 * same answer as a wrong password.
 */
export async function signIn(
  request: FastifyRequest,
  reply: FastifyReply,
  body: { email: string; password: SignInBody['password'] },
): Promise<SessionInfo> {
  const app = request.server;
  const prisma = app.database.prisma;
  const email = body.email.toLowerCase();
  const account = await findSignInAccount(prisma, email);
  const actor = actorOf(request, account?.id ?? null);
  const event = { action: 'auth.sign_in', entityType: 'user', entityId: account?.id ?? null };
  const subject = { account: `email:${email}`, address: request.ip };

  const reservation = await reserveAttempt(request, subject, actor, {
    ...event,
    summary: { email, reason: 'throttled' },
  });

  const refusal: FailureReason | null = !account
    ? 'unknown_email'
    : !account.active
      ? 'disabled'
      : account.passwordHash === null
        ? 'no_password'
        : null;
  const verified =
    account && refusal === null && account.passwordHash !== null
      ? await verifyPassword(account.passwordHash, body.password)
      : await verifyWithoutAccount(body.password);
  const now = app.clock();
  if (!account || !verified || account.passwordHash === null) {
    await recordAudit(prisma, actor, {
      ...event,
      outcome: 'failure',
      summary: { email, reason: refusal ?? 'wrong_password' },
    });
    throw invalidCredentials();
  }

  await recordSignInSuccess(prisma, reservation, now);
  if (hashNeedsUpgrade(account.passwordHash)) {
    await upgradePasswordHash(prisma, {
      userId: account.id,
      previousHash: account.passwordHash,
      passwordHash: await hashPassword(body.password),
    });
  }
  const { settings } = await readSecuritySettings(prisma);
  const stage = nextStage(account, settings, false);
  const session = await startSession(request, reply, account.id, stage);
  await recordAudit(prisma, actor, { ...event, outcome: 'success', summary: { email, stage } });
  return session;
}
