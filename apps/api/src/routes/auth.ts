import {
  currentPasswordBodySchema,
  passwordChangeBodySchema,
  recoveryCodesSchema,
  secondFactorBodySchema,
  sessionInfoSchema,
  signInBodySchema,
  totpConfirmBodySchema,
  totpConfirmResponseSchema,
  totpSetupBodySchema,
  totpSetupSchema,
} from '@pumpdesk/contracts';
import { endSession, recordAudit } from '@pumpdesk/db';
import { type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, sessionAt } from '../auth/auth-problems.ts';
import { changePassword } from '../auth/password-change.ts';
import {
  confirmTotp,
  giveSecondFactor,
  renewRecoveryCodes,
  setUpTotp,
  turnOffTotp,
} from '../auth/second-factor-steps.ts';
import { clearSessionCookie } from '../auth/session-cookie.ts';
import { signIn } from '../auth/sign-in.ts';
import { sessionInfoOf } from '../auth/start-session.ts';
import { problemResponses } from '../http/route-schemas.ts';
import { unauthenticated } from '../plugins/authentication.ts';

// Sign-in, the second factor, the user's own password, sign-out (docs/security.md). Every answer that
// starts or renews a session sets the cookie and answers the session as the client should now see it.

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/auth/sign-in',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary:
          'Sign in with email and password; the session may still need a second factor or a new password',
        body: signInBodySchema,
        response: { 200: sessionInfoSchema, ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => signIn(request, reply, request.body),
  );

  app.get(
    '/auth/session',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'The current session (at any sign-in stage); 401 when there is none',
        response: { 200: sessionInfoSchema, ...problemResponses(401) },
      },
    },
    async (request) => {
      if (!request.session) throw unauthenticated();
      return sessionInfoOf(app.database.prisma, request.session);
    },
  );

  app.post(
    '/auth/totp',
    {
      config: { access: 'signing-in' },
      schema: {
        tags: ['auth'],
        summary: 'The second factor at sign-in: a code from the authenticator app or a recovery code',
        body: secondFactorBodySchema,
        response: { 200: sessionInfoSchema, ...problemResponses(400, 401, 403, 409, 429) },
      },
    },
    async (request, reply) => giveSecondFactor(request, reply, request.body),
  );

  app.post(
    '/auth/totp/setup',
    {
      config: { access: 'signing-in' },
      schema: {
        tags: ['auth'],
        summary:
          'Start setting up an authenticator app: a new secret, in force once confirmed. A signed-in user (not one enrolling at sign-in) re-enters the current password.',
        body: totpSetupBodySchema,
        response: { 200: totpSetupSchema, ...problemResponses(400, 401, 403, 409, 429) },
      },
    },
    async (request) => setUpTotp(request, request.body?.currentPassword),
  );

  app.post(
    '/auth/totp/confirm',
    {
      config: { access: 'signing-in' },
      schema: {
        tags: ['auth'],
        summary:
          'Confirm the authenticator app with its first code: TOTP on, 10 recovery codes (shown once), other sessions ended',
        body: totpConfirmBodySchema,
        response: { 200: totpConfirmResponseSchema, ...problemResponses(400, 401, 403, 409, 429) },
      },
    },
    async (request, reply) => confirmTotp(request, reply, request.body),
  );

  app.post(
    '/auth/totp/disable',
    {
      schema: {
        tags: ['auth'],
        summary: 'Turn the authenticator app off (the password again); refused when the settings require it',
        body: currentPasswordBodySchema,
        response: { 200: sessionInfoSchema, ...problemResponses(400, 401, 403, 409, 429) },
      },
    },
    async (request, reply) => turnOffTotp(request, reply, request.body),
  );

  app.post(
    '/auth/recovery-codes',
    {
      schema: {
        tags: ['auth'],
        summary: 'New recovery codes (the password again); the old ones stop working',
        body: currentPasswordBodySchema,
        response: { 200: recoveryCodesSchema, ...problemResponses(400, 401, 403, 409, 429) },
      },
    },
    async (request) => renewRecoveryCodes(request, request.body),
  );

  app.post(
    '/auth/password',
    {
      config: { access: 'signing-in' },
      schema: {
        tags: ['auth'],
        summary: "Change one's own password (the current one again); every other session ends",
        body: passwordChangeBodySchema,
        response: { 200: sessionInfoSchema, ...problemResponses(400, 401, 403, 409, 429) },
      },
    },
    async (request, reply) => changePassword(request, reply, request.body),
  );

  app.post(
    '/auth/sign-out',
    {
      config: { access: 'signing-in' },
      schema: {
        tags: ['auth'],
        summary: 'End the session and clear its cookie',
        response: { 204: z.void().describe('Signed out: no content'), ...problemResponses(401, 403) },
      },
    },
    async (request, reply) => {
      const session = sessionAt(request);
      await endSession(app.database.prisma, session.id, 'sign_out', app.clock());
      await recordAudit(app.database.prisma, actorOf(request, session.user.id), {
        action: 'auth.sign_out',
        entityType: 'session',
        entityId: session.id,
        outcome: 'success',
        summary: {},
      });
      clearSessionCookie(request, reply);
      return reply.code(204).send();
    },
  );
};
