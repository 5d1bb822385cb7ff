import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { constantTimeEqual, hashToken, newCsrfToken, newSessionToken } from './tokens.ts';

describe('tokens', () => {
  it('makes 256-bit session and CSRF tokens: 43 base64url characters, different each time', () => {
    for (const make of [newSessionToken, newCsrfToken]) {
      const token = make();
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      expect(make()).not.toBe(token);
    }
  });

  it('hashes a token with SHA-256 (64 hex characters)', () => {
    expect(hashToken('abc')).toBe(createHash('sha256').update('abc').digest('hex'));
    expect(hashToken(newSessionToken())).toMatch(/^[0-9a-f]{64}$/);
  });

  it('compares strings of any lengths without throwing', () => {
    expect(constantTimeEqual('same-token', 'same-token')).toBe(true);
    expect(constantTimeEqual('same-token', 'same-tokeN')).toBe(false);
    expect(constantTimeEqual('short', 'a much longer string')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});
