import fastifyCookie from '@fastify/cookie';
import { type AuditActor, type LiveSession, type Principal, resolveSession } from '@pumpdesk/db';
import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { readSessionToken } from '../auth/session-cookie.ts';
import { constantTimeEqual, hashToken } from '../auth/tokens.ts';
import { HttpProblem } from '../http/problem.ts';

// Who is asking (docs/security.md). Every /api route needs an active session unless its config says
// otherwise; every state-changing request must come from our own origin and, once signed in, carry
// the session's CSRF token in X-CSRF-Token. The checks run in onRequest, before any body is read.

/**
 * - `active` (the default): a fully signed-in session;
 * - `signing-in`: any live session, also one still waiting for its second factor or a new password;
 * - `public`: no session needed (health, sign-in, the API document, calendar feeds with their token).
 */
export type RouteAccess = 'active' | 'signing-in' | 'public';

export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyInstance {
    /** The app's clock: sessions and sign-in read it (tests pass a fake one). */
    clock: () => Date;
  }
  interface FastifyRequest {
    /** The live session, when the request carries one. */
    session: LiveSession | null;
    /** The signed-in user this request acts for (401 when there is none). */
    currentUser(): Promise<Principal>;
  }
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const unauthenticated = (): HttpProblem =>
  new HttpProblem(
    401,
    'UNAUTHENTICATED',
    'Sign in first',
    'This needs a signed-in session; yours is missing or has ended.',
  );

const csrfRefused = (detail: string): HttpProblem =>
  new HttpProblem(403, 'CSRF_REFUSED', 'Request refused', detail);

export async function registerAuthentication(app: FastifyInstance, clock: () => Date): Promise<void> {
  await app.register(fastifyCookie);
  app.decorate('clock', clock);
  app.decorateRequest('session', null);
  app.decorateRequest('currentUser', function currentUser(this: FastifyRequest) {
    const session = this.session;
    if (!session || session.stage !== 'active') return Promise.reject(unauthenticated());
    return Promise.resolve(principalOf(this, session));
  });

  app.addHook('onRequest', async (request) => {
    // Only the API's own routes: the web app's files and unknown paths (404) need no session.
    if (!request.url.startsWith('/api/') || !request.routeOptions.url) return;
    const unsafe = UNSAFE_METHODS.has(request.method);
    if (unsafe) requireSameOrigin(request);
    const token = readSessionToken(request);
    request.session = token ? await resolveSession(app.database.prisma, hashToken(token), app.clock()) : null;
    const access = request.routeOptions.config.access ?? 'active';
    if (access === 'public') return;
    const session = request.session;
    if (!session) throw unauthenticated();
    if (unsafe) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !constantTimeEqual(sent, session.csrfToken)) {
        throw csrfRefused('The X-CSRF-Token header is missing or does not match the session.');
      }
    }
    if (access === 'active' && session.stage !== 'active') {
      throw new HttpProblem(
        403,
        'SIGN_IN_INCOMPLETE',
        'Finish signing in',
        `Signing in is not finished: ${session.stage.replaceAll('_', ' ')}.`,
      );
    }
  });
}

/**
 * A state-changing request from another origin is refused whatever it carries: the Origin header (or,
 * without one, Sec-Fetch-Site) must say it comes from this host. Requests without either (curl, tests,
 * old clients) pass this check and still need the CSRF token, which another site cannot read.
 */
function requireSameOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (typeof origin === 'string') {
    if (origin !== `${request.protocol}://${request.host}`) {
      throw csrfRefused('The request comes from another origin.');
    }
    return;
  }
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') {
    throw csrfRefused('The request comes from another site.');
  }
}

export function principalOf(request: FastifyRequest, session: LiveSession): Principal {
  return {
    userId: session.user.id,
    name: session.user.name,
    role: session.user.role,
    allSites: session.user.allSites,
    siteIds: session.user.siteIds,
    requestId: request.id,
    clientAddress: request.ip,
  };
}

/** The actor an audit event records for this request (nobody, before sign-in). */
export async function auditActorOf(request: FastifyRequest): Promise<AuditActor> {
  return Promise.resolve({
    userId: request.session?.user.id ?? null,
    requestId: request.id,
    clientAddress: request.ip,
  });
}
