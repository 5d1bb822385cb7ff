import { type FastifyReply, type FastifyRequest } from 'fastify';

// The session cookie (docs/security.md): HttpOnly, SameSite=Strict, Path=/, no Max-Age (the server
// decides when a session ends). Over TLS it is Secure and named with the `__Host-` prefix, which the
// browser only accepts from a secure origin for the whole host: no subdomain can plant or read it.

const PLAIN_NAME = 'pumpdesk_session';
const HOST_NAME = '__Host-pumpdesk_session';

const overTls = (request: FastifyRequest): boolean => request.protocol === 'https';

export function sessionCookieName(request: FastifyRequest): string {
  return overTls(request) ? HOST_NAME : PLAIN_NAME;
}

export function readSessionToken(request: FastifyRequest): string | null {
  const value = request.cookies[sessionCookieName(request)];
  return value && /^[\w-]{20,100}$/.test(value) ? value : null;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(sessionCookieName(request), token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: overTls(request),
    path: '/',
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(sessionCookieName(request), {
    httpOnly: true,
    sameSite: 'strict',
    secure: overTls(request),
    path: '/',
  });
}
