import {
  passwordResetBodySchema,
  userCreateBodySchema,
  userIdParamsSchema,
  userListSchema,
  userSummarySchema,
  userUpdateBodySchema,
} from '@pumpdesk/contracts';
import {
  clearSecondFactor,
  createUser,
  getUser,
  listUsers,
  passwordContextOf,
  requirePermission,
  resetUserPassword,
  updateUser,
} from '@pumpdesk/db';
import { type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { hashPassword } from '../auth/password-hashing.ts';
import { checkNewPassword, type PasswordContext } from '../auth/password-policy.ts';
import { HttpProblem } from '../http/problem.ts';
import { problemResponses } from '../http/route-schemas.ts';

// Users as an admin manages them (users:manage, checked by the data layer). A new or reset password is
// checked against the policy and hashed here: the data layer stores the hash, and no password reaches
// a log or an audit summary.

/** The policy's refusal as a field problem on `path`, with its code (too_short, common...). */
async function hashNewPassword(password: string, path: string, context: PasswordContext): Promise<string> {
  const check = checkNewPassword(password, context);
  if (!check.ok) {
    throw new HttpProblem(400, 'VALIDATION_FAILED', 'Invalid request', `${path}: ${check.message}`, [
      { path, message: check.message, code: check.code },
    ]);
  }
  return hashPassword(password);
}

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const prisma = app.database.prisma;

  app.get(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Every user, with their sites and how many live sessions they have (admins)',
        response: { 200: userListSchema, ...problemResponses(401, 403) },
      },
    },
    async (request) => ({ items: await listUsers(prisma, await request.currentUser(), app.clock()) }),
  );

  app.get(
    '/users/:userId',
    {
      schema: {
        tags: ['users'],
        summary: 'One user (admins)',
        params: userIdParamsSchema,
        response: { 200: userSummarySchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => getUser(prisma, await request.currentUser(), request.params.userId, app.clock()),
  );

  app.post(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary:
          'Create a user with a first password (the password policy applies); they must choose their own at the first sign-in',
        body: userCreateBodySchema,
        response: { 201: userSummarySchema, ...problemResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const principal = await request.currentUser();
      // The role first: a nurse learns nothing about the password policy, and no hash is computed.
      requirePermission(principal, 'users:manage');
      const { password, ...user } = request.body;
      const passwordHash = await hashNewPassword(password, 'body.password', user);
      const created = await createUser(prisma, principal, { ...user, passwordHash }, app.clock());
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/users/:userId',
    {
      schema: {
        tags: ['users'],
        summary:
          'Change a user: name, role, sites, or disable (their sessions end) and re-enable them; an admin cannot disable or demote themselves, nor the last active admin',
        params: userIdParamsSchema,
        body: userUpdateBodySchema,
        response: { 200: userSummarySchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      updateUser(prisma, await request.currentUser(), request.params.userId, request.body, app.clock()),
  );

  app.post(
    '/users/:userId/password',
    {
      schema: {
        tags: ['users'],
        summary:
          "Reset a user's password (the policy applies): their sessions end and they must choose a new one at the next sign-in",
        params: userIdParamsSchema,
        body: passwordResetBodySchema,
        response: { 200: userSummarySchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const principal = await request.currentUser();
      const { userId } = request.params;
      const context = await passwordContextOf(prisma, principal, userId);
      const passwordHash = await hashNewPassword(request.body.newPassword, 'body.newPassword', context);
      return resetUserPassword(prisma, principal, userId, passwordHash, app.clock());
    },
  );

  app.delete(
    '/users/:userId/second-factor',
    {
      schema: {
        tags: ['users'],
        summary:
          "Remove a user's authenticator app and recovery codes (a lost phone): their sessions end; they enrol again when required",
        params: userIdParamsSchema,
        response: { 200: userSummarySchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      clearSecondFactor(prisma, await request.currentUser(), request.params.userId, app.clock()),
  );
};
