import {
  type AuditActor,
  type AuditEventInput,
  type LiveSession,
  recordAudit,
  reserveSignInAttempt,
  type SignInReservation,
  type ThrottlePolicy,
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

/** The account's counter key for password re-entry (sign-in counts the typed email). */
export const userThrottleSubject = (request: FastifyRequest, userId: string): ThrottleSubject => ({
  account: `user:${userId}`,
  address: request.ip,
});

/**
 * Second-factor codes count on their own key: their stricter per-user limit (5, then refused for the
 * window) must not be used up by mistyped passwords at re-entry, nor the other way round.
 */
export const codeThrottleSubject = (request: FastifyRequest, userId: string): ThrottleSubject => ({
  account: `code:${userId}`,
  address: request.ip,
});

/**
 * Counts this attempt before the secret is checked, or refuses with 429 (audited as refused with
 * `event`): a throttled attempt is never verified. The caller gives the reservation back to
 * `recordSignInSuccess` when the secret was right; a wrong one simply stays counted.
 */
export async function reserveAttempt(
  request: FastifyRequest,
  subject: ThrottleSubject,
  actor: AuditActor,
  event: Omit<AuditEventInput, 'outcome'>,
  policy: ThrottlePolicy = 'password',
): Promise<SignInReservation> {
  const prisma = request.server.database.prisma;
  const decision = await reserveSignInAttempt(prisma, subject, request.server.clock(), policy);
  if (decision.allowed) return decision.reservation;
  await recordAudit(prisma, actor, { ...event, outcome: 'refused' });
  throw tooManyAttempts(decision.retryAfterSeconds);
}
