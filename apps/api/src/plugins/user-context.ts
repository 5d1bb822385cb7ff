import { type AuditActor, type DevelopmentUser, ensureDevelopmentUser } from '@pumpdesk/db';
import { type FastifyInstance, type FastifyRequest } from 'fastify';

// The one place a handler learns who is acting. Until sign-in exists (the authentication issue), every
// request acts as the development user, an admin of every site; handlers and audit events already go
// through this, so sign-in replaces one function.

export type RequestUser = DevelopmentUser;

declare module 'fastify' {
  interface FastifyRequest {
    /** The user this request acts for (resolved once per app, on first use). */
    currentUser(): Promise<RequestUser>;
  }
}

export function registerUserContext(app: FastifyInstance): void {
  let developmentUser: Promise<RequestUser> | null = null;
  // Created on first use, not at start: the demo clinic is only loaded into a database without users.
  const resolve = (): Promise<RequestUser> =>
    (developmentUser ??= ensureDevelopmentUser(app.database.prisma).catch((error: unknown) => {
      developmentUser = null;
      throw error;
    }));
  app.decorateRequest('currentUser', function currentUser(this: FastifyRequest) {
    return resolve();
  });
}

/** The actor an audit event records for this request. */
export async function auditActorOf(request: FastifyRequest): Promise<AuditActor> {
  const user = await request.currentUser();
  return { userId: user.id, requestId: request.id, clientAddress: request.ip };
}
