import {
  rolePermissions,
  type SecuritySettings,
  type SessionInfo,
  type SessionStage,
  type UserRole,
} from '@pumpdesk/contracts';
import {
  createSession,
  type Database,
  endSession,
  type LiveSession,
  resolveSession,
  secondFactorRequired,
  sitesOfSessionUser,
} from '@pumpdesk/db';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { unauthenticated } from '../plugins/authentication.ts';
import { setSessionCookie } from './session-cookie.ts';
import { hashToken, newCsrfToken, newSessionToken } from './tokens.ts';

// Every sign-in step ends with a new session: a new id and token each time the session gains
// privileges (OWASP Session Management: renew the id on every privilege change), so a token planted
// or seen before sign-in, or before the second factor, is worth nothing afterwards.

/**
 * The step a user must take next: the second factor when they have one (and have not given it yet),
 * enrolment when the settings require one they do not have, a new password after an admin's reset.
 */
export function nextStage(
  account: { role: UserRole; totpEnabled: boolean; mustChangePassword: boolean },
  settings: SecuritySettings,
  secondFactorGiven: boolean,
): SessionStage {
  if (account.totpEnabled && !secondFactorGiven) return 'totp_required';
  if (!account.totpEnabled && secondFactorRequired(settings, account.role)) return 'totp_enrolment_required';
  if (account.mustChangePassword) return 'password_change_required';
  return 'active';
}

export async function sessionInfoOf(prisma: Database['prisma'], session: LiveSession): Promise<SessionInfo> {
  const { user } = session;
  const sites = await sitesOfSessionUser(prisma, user);
  return {
    stage: session.stage,
    user: {
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      allSites: user.allSites,
      sites,
      permissions: [...rolePermissions[user.role]],
      totpEnabled: user.totpEnabled,
    },
    csrfToken: session.csrfToken,
    idleExpiresAt: session.idleExpiresAt.toISOString(),
    absoluteExpiresAt: session.absoluteExpiresAt.toISOString(),
  };
}

/**
 * Starts a new session for the user in `stage`, ends the one the request carried ('superseded'; a
 * no-op when it already ended for another reason), and sets the cookie.
 */
export async function startSession(
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  stage: SessionStage,
): Promise<SessionInfo> {
  const app = request.server;
  const prisma = app.database.prisma;
  const now = app.clock();
  if (request.session) await endSession(prisma, request.session.id, 'superseded', now);
  const token = newSessionToken();
  await createSession(prisma, {
    userId,
    stage,
    tokenHash: hashToken(token),
    csrfToken: newCsrfToken(),
    clientAddress: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
    now,
  });
  // Read back like any later request would (sites, expiry): null only if the user was disabled meanwhile.
  const live = await resolveSession(prisma, hashToken(token), now);
  if (!live) throw unauthenticated();
  request.session = live;
  setSessionCookie(request, reply, token);
  return sessionInfoOf(prisma, live);
}
