import { type SessionStage, type UserRole } from '@pumpdesk/contracts';
import { createSession, type Database } from '@pumpdesk/db';
import { createTestUser } from '@pumpdesk/db/testing';
import { type FastifyInstance, type InjectOptions, type LightMyRequestResponse } from 'fastify';
import { hashToken, newCsrfToken, newSessionToken } from '../src/auth/tokens.ts';

// Signed-in test clients: a real user row and a real session row (the same ones sign-in creates),
// without going through the password and second-factor steps each time. The sign-in tests cover those.

export interface TestIdentity {
  role: UserRole;
  /** The sites the user works at (user_sites). */
  siteIds?: readonly string[];
  /** Works at every site, also those a test creates later (the default: true). */
  allSites?: boolean;
  stage?: SessionStage;
  name?: string;
}

export interface TestSession {
  user: { id: string; name: string; email: string; role: UserRole };
  sessionId: string;
  token: string;
  csrfToken: string;
  /** The cookie and the CSRF header a browser would send. */
  cookies: Record<string, string>;
  headers: Record<string, string>;
}

export const SESSION_COOKIE = 'pumpdesk_session';

export async function createTestSession(
  database: Database,
  identity: TestIdentity,
  now: Date = new Date(),
): Promise<TestSession> {
  const user = await createTestUser(database.prisma, identity.siteIds ?? [], {
    role: identity.role,
    allSites: identity.allSites ?? identity.siteIds === undefined,
    ...(identity.name ? { name: identity.name } : {}),
  });
  return sessionFor(database, user, identity.stage ?? 'active', now);
}

/** A new session for an existing user. */
export async function sessionFor(
  database: Database,
  user: { id: string; name: string; email: string; role: UserRole },
  stage: SessionStage = 'active',
  now: Date = new Date(),
): Promise<TestSession> {
  const token = newSessionToken();
  const csrfToken = newCsrfToken();
  const { id } = await createSession(database.prisma, {
    userId: user.id,
    stage,
    tokenHash: hashToken(token),
    csrfToken,
    clientAddress: '127.0.0.1',
    userAgent: 'vitest',
    now,
  });
  return {
    user: { id: user.id, name: user.name, email: user.email, role: user.role },
    sessionId: id,
    token,
    csrfToken,
    cookies: { [SESSION_COOKIE]: token },
    headers: { 'x-csrf-token': csrfToken },
  };
}

/** `options` sent as this session: its cookie and CSRF header added to the request's own. */
export function asSession(session: TestSession | null, options: InjectOptions): InjectOptions {
  if (!session) return options;
  return {
    ...options,
    cookies: Object.assign({}, session.cookies, options.cookies),
    // A test's own headers win (a request without the CSRF token sends `x-csrf-token: ''`).
    headers: { ...session.headers, ...(options.headers as Record<string, string> | undefined) },
  };
}

/** `app.inject` as one session (benchmarks and tests that act as several users). */
export type Injector = (options: InjectOptions) => Promise<LightMyRequestResponse>;

export function injectorFor(app: FastifyInstance, session: TestSession | null): Injector {
  return (options) => app.inject(asSession(session, options));
}
