import { type PasswordChangeBody, type SessionInfo } from '@pumpdesk/contracts';
import { changeOwnPassword, readSecuritySettings, recordAudit } from '@pumpdesk/db';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { actorOf, fieldRefused, sessionAt } from './auth-problems.ts';
import { requireCurrentPassword } from './current-password.ts';
import { hashPassword, normalisePassword } from './password-hashing.ts';
import { checkNewPassword } from './password-policy.ts';
import { nextStage, startSession } from './start-session.ts';

/**
 * POST /api/auth/password: the user's own change, after re-entering the current password. Every
 * session of the user ends (a thief's included) and this browser gets a new one. One
 * `auth.password_changed` event per attempt that got past the throttle and the current password.
 */
export async function changePassword(
  request: FastifyRequest,
  reply: FastifyReply,
  body: PasswordChangeBody,
): Promise<SessionInfo> {
  const app = request.server;
  const prisma = app.database.prisma;
  const session = sessionAt(request, 'password_change_required', 'active');
  const userId = session.user.id;
  const event = { action: 'auth.password_changed', entityType: 'user', entityId: userId };
  const account = await requireCurrentPassword(request, userId, body.currentPassword, event);

  const refuse = async (code: string, message: string): Promise<never> => {
    await recordAudit(prisma, actorOf(request, userId), {
      ...event,
      outcome: 'refused',
      summary: { reason: code },
    });
    throw fieldRefused('body.newPassword', code, message);
  };
  const check = checkNewPassword(body.newPassword, { email: account.email, name: account.name });
  if (!check.ok) return refuse(check.code, check.message);
  if (normalisePassword(body.newPassword) === normalisePassword(body.currentPassword)) {
    return refuse('same_as_current', 'Choose a password different from the current one.');
  }

  await changeOwnPassword(prisma, {
    userId,
    passwordHash: await hashPassword(body.newPassword),
    now: app.clock(),
  });
  const { settings } = await readSecuritySettings(prisma);
  const stage = nextStage({ ...account, mustChangePassword: false }, settings, true);
  const info = await startSession(request, reply, userId, stage);
  await recordAudit(prisma, actorOf(request, userId), { ...event, outcome: 'success', summary: { stage } });
  return info;
}
