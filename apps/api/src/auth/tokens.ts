import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// 256 random bits: OWASP Session Management asks for at least 64 bits of entropy; 256 leaves no doubt.
const TOKEN_BYTES = 32;

/** The session cookie's value. Only `hashToken` of it is stored, so a database leak opens no session. */
export function newSessionToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** SHA-256 hex. The token already carries 256 bits of entropy, so no salt or slow hash is needed. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newCsrfToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/**
 * Compares two strings in time that depends on neither content nor length: both sides are hashed to
 * 32 bytes first, since `timingSafeEqual` itself throws on buffers of different lengths.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const digestA = createHash('sha256').update(a).digest();
  const digestB = createHash('sha256').update(b).digest();
  return timingSafeEqual(digestA, digestB);
}
