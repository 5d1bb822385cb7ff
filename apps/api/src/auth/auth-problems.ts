import {
  type AuditActor,
  type AuditEventInput,
  checkSignInThrottle,
  type LiveSession,
  recordAudit,
  type ThrottleSubject,
} from '@pumpdesk/db';
import { type SessionStage } from '@pumpdesk/contracts';
import { type FastifyRequest } from 'fastify';
import { HttpProblem } from '../http/problem.ts';
import { unauthenticated } from '../plugins/authentication.ts';

// What the sign-in steps share: their problems, the throttle gate and their audit events.

/** One answer for an unknown email, a disabled account and a wrong password: it tells nothing. */
export const invalidCredentials = (): HttpProblem =>
  new HttpProblem(401, 'INVALID_CREDENTIALS', 'Sign-in failed', 'The email or password is wrong.');

export function tooManyAttempts(retryAfterSeconds: number): HttpProblem {
  const problem = new HttpProblem(
    429,
    'TOO_MANY_ATTEMPTS',
    'Too many attempts',
    `Too many failed attempts: try again in ${String(retryAfterSeconds)} seconds.`,
  );
  problem.retryAfterSeconds = retryAfterSeconds;
  return problem;
}

/** A field of the body that the server judged wrong (a password, a code), as a 400 field problem. */
export function fieldRefused(path: string, code: string, message: string): HttpProblem {
  return new HttpProblem(400, 'VALIDATION_FAILED', 'Invalid request', message, [{ path, code, message }]);
}

export function wrongStage(stage: SessionStage): HttpProblem {
  return new HttpProblem(
    409,
    'WRONG_SIGN_IN_STAGE',
    'Not at this step',
    `This step does not apply to the session now: ${stage.replaceAll('_', ' ')}.`,
  );
}

/** The request's live session in one of `stages` (any live one when none are given). */
export function sessionAt(request: FastifyRequest, ...stages: SessionStage[]): LiveSession {
  const session = request.session;
  if (!session) throw unauthenticated();
  if (stages.length > 0 && !stages.includes(session.stage)) throw wrongStage(session.stage);
  return session;
}

export function actorOf(request: FastifyRequest, userId: string | null): AuditActor {
  return { userId, requestId: request.id, clientAddress: request.ip };
}

/** The account's counter key for codes and password re-entry (sign-in counts the typed email). */
export const userThrottleSubject = (request: FastifyRequest, userId: string): ThrottleSubject => ({
  account: `user:${userId}`,
  address: request.ip,
});

/**
 * Refuses with 429 (audited as refused with `event`) while the subject is throttled. Called before
 * the secret is checked: a throttled attempt is never verified.
 */
export async function requireNotThrottled(
  request: FastifyRequest,
  subject: ThrottleSubject,
  actor: AuditActor,
  event: Omit<AuditEventInput, 'outcome'>,
): Promise<void> {
  const prisma = request.server.database.prisma;
  const decision = await checkSignInThrottle(prisma, subject, request.server.clock());
  if (decision.allowed) return;
  await recordAudit(prisma, actor, { ...event, outcome: 'refused' });
  throw tooManyAttempts(decision.retryAfterSeconds);
}
