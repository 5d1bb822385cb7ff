import { randomBytes } from 'node:crypto';
import { type SessionInfo, type UserRole } from '@pumpdesk/contracts';
import { createTestUser } from '@pumpdesk/db/testing';
import { type InjectOptions, type LightMyRequestResponse } from 'fastify';
import { hashPassword } from '../src/auth/password-hashing.ts';
import { type TestApp } from './build-test-app.ts';

// Real sign-ins for the auth tests: users with hashed passwords, a clock the test moves, and the
// cookie and CSRF token a browser would keep from each answer.

export const PLAIN_COOKIE = 'pumpdesk_session';
export const TLS_COOKIE = '__Host-pumpdesk_session';

export interface FakeClock {
  clock: () => Date;
  advance(ms: number): void;
}

export function fakeClock(start = new Date('2026-11-25T09:00:00.000Z')): FakeClock {
  let now = start.getTime();
  return {
    clock: () => new Date(now),
    advance(ms) {
      now += ms;
    },
  };
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;

/** A password of exactly `length` characters that no list holds. */
export function randomPassword(length = 20): string {
  let text = '';
  while (text.length < length) text += randomBytes(48).toString('base64url');
  return text.slice(0, length);
}

export interface PasswordUser {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  password: string;
}

export async function userWithPassword(
  t: TestApp,
  options: {
    role?: UserRole;
    password?: string;
    siteIds?: string[];
    totpSecret?: string;
    mustChangePassword?: boolean;
  } = {},
): Promise<PasswordUser> {
  const password = options.password ?? randomPassword();
  const totp = options.totpSecret ? { totpSecret: options.totpSecret, totpEnabledAt: new Date() } : {};
  const user = await createTestUser(t.database.prisma, options.siteIds ?? [], {
    role: options.role ?? 'physician',
    allSites: options.siteIds === undefined,
    passwordHash: await hashPassword(password),
    mustChangePassword: options.mustChangePassword ?? false,
    ...totp,
  });
  return { id: user.id, name: user.name, email: user.email, role: user.role, password };
}

/** What a browser keeps from an answer that set the session cookie. */
export interface BrowserSession {
  cookieName: string;
  token: string;
  csrfToken: string;
  info: SessionInfo;
}

export function sessionFrom(response: LightMyRequestResponse): BrowserSession {
  const cookie = response.cookies.find((c) => c.name === PLAIN_COOKIE || c.name === TLS_COOKIE);
  if (!cookie) throw new Error(`no session cookie in a ${String(response.statusCode)} answer`);
  const body = response.json<SessionInfo | { session: SessionInfo }>();
  const info = 'session' in body ? body.session : body;
  return { cookieName: cookie.name, token: cookie.value, csrfToken: info.csrfToken, info };
}

/** `request` sent with this session's cookie and CSRF header (the request's own headers win). */
export function send(
  t: TestApp,
  session: BrowserSession | null,
  request: InjectOptions,
): Promise<LightMyRequestResponse> {
  if (!session) return t.app.inject(request);
  return t.app.inject({
    ...request,
    cookies: Object.assign({ [session.cookieName]: session.token }, request.cookies),
    headers: {
      'x-csrf-token': session.csrfToken,
      ...(request.headers as Record<string, string> | undefined),
    },
  });
}

export function signInRequest(
  t: TestApp,
  email: string,
  password: string,
  extra: Partial<InjectOptions> = {},
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email, password },
    ...extra,
  } as InjectOptions);
}

/** Signs in with the password and returns the session (its stage may still need a step). */
export async function signInAs(
  t: TestApp,
  user: PasswordUser,
  extra: Partial<InjectOptions> = {},
): Promise<BrowserSession> {
  const response = await signInRequest(t, user.email, user.password, extra);
  if (response.statusCode !== 200) throw new Error(`sign-in answered ${response.body}`);
  return sessionFrom(response);
}
