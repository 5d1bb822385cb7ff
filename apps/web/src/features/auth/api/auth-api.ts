import {
  type PasswordChangeBody,
  type SecondFactorBody,
  type SessionInfo,
  sessionInfoSchema,
  type SignInBody,
  type TotpSetup,
  type TotpConfirmResponse,
  totpConfirmResponseSchema,
  totpSetupSchema,
} from '@pumpdesk/contracts';
import { queryOptions } from '@tanstack/react-query';
import { type z } from 'zod';
import { ApiError, apiGet, apiSend, setCsrfToken } from '../../../lib/api-client.ts';
import { leaveSignInPageIfActive } from '../utils/next-path.ts';

// The sign-in endpoints (docs/security.md). Every answer that carries a session hands its CSRF token to
// the API client at once: each sign-in step starts a new session and ends the one before it.
// A 401 from these calls is their own answer (wrong password, sign-in took too long), so the
// "session ended" listeners are not told.

export const sessionQueryKey = ['auth', 'session'] as const;

/** The current session, or null when signed out. */
export async function getSession(signal?: AbortSignal): Promise<SessionInfo | null> {
  try {
    const session = await apiGet('/api/auth/session', sessionInfoSchema, {
      signal,
      unauthorizedIsAnswer: true,
    });
    leaveSignInPageIfActive(session);
    return withToken(session);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function sessionQueryOptions() {
  return queryOptions({
    queryKey: sessionQueryKey,
    queryFn: ({ signal }) => getSession(signal),
    // Asked again when the window regains focus (someone coming back to the screen), not on a timer:
    // polling would keep an unattended session alive past its idle limit.
    staleTime: 60_000,
  });
}

export async function signIn(body: SignInBody): Promise<SessionInfo> {
  return withToken(await send('/api/auth/sign-in', sessionInfoSchema, body));
}

export async function submitSecondFactor(body: SecondFactorBody): Promise<SessionInfo> {
  return withToken(await send('/api/auth/totp', sessionInfoSchema, body));
}

/** A new secret for the authenticator app; not in force until confirmed with a code. */
export function startTotpSetup(): Promise<TotpSetup> {
  return send('/api/auth/totp/setup', totpSetupSchema, undefined);
}

export async function confirmTotp(code: string): Promise<TotpConfirmResponse> {
  const answer = await send('/api/auth/totp/confirm', totpConfirmResponseSchema, { code });
  withToken(answer.session);
  return answer;
}

export async function changePassword(body: PasswordChangeBody): Promise<SessionInfo> {
  return withToken(await send('/api/auth/password', sessionInfoSchema, body));
}

/** Ends the session. Already ended (401) counts as done. */
export async function signOut(): Promise<void> {
  try {
    await apiSend('/api/auth/sign-out', null, { unauthorizedIsAnswer: true });
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) throw error;
  }
  setCsrfToken(null);
}

function send<Schema extends z.ZodType>(
  path: string,
  schema: Schema,
  body: unknown,
): Promise<z.output<Schema>> {
  return apiSend(path, schema, { body, unauthorizedIsAnswer: true });
}

function withToken(session: SessionInfo): SessionInfo {
  setCsrfToken(session.csrfToken);
  return session;
}
