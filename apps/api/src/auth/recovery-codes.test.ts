import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base32Decode } from './base32.ts';
import { generateRecoveryCodes, hashRecoveryCode, normaliseRecoveryCode } from './recovery-codes.ts';

describe('recovery codes', () => {
  it('makes 10 distinct codes of 16 base32 characters (80 bits) shown as XXXX-XXXX-XXXX-XXXX', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) {
      expect(code).toMatch(/^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/);
      expect(base32Decode(normaliseRecoveryCode(code))).toHaveLength(10);
    }
    expect(generateRecoveryCodes(3)).toHaveLength(3);
  });

  it('normalises what people type: lower case, no dashes, stray spaces', () => {
    expect(normaliseRecoveryCode(' abcd-efgh ijkl-MNOP ')).toBe('ABCDEFGHIJKLMNOP');
  });

  it('hashes the normalised code with SHA-256 (64 hex characters)', () => {
    const expected = createHash('sha256').update('ABCDEFGHIJKLMNOP').digest('hex');
    expect(hashRecoveryCode('ABCD-EFGH-IJKL-MNOP')).toBe(expected);
    expect(hashRecoveryCode('abcdefghijklmnop')).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });
});
