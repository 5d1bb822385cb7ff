import { createHash, randomBytes } from 'node:crypto';
import { base32Encode } from './base32.ts';

// Each code is 80 random bits (10 bytes = exactly 16 base32 characters). Guessing one by brute force
// means ~2^79 SHA-256 computations even with the stored hashes in hand, so a fast hash is enough here;
// a slow password hash only matters for secrets that people choose.
const CODE_BYTES = 10;

/** Codes shown once to the user, as `XXXX-XXXX-XXXX-XXXX`; store only `hashRecoveryCode` of each. */
export function generateRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const characters = base32Encode(randomBytes(CODE_BYTES));
    return [0, 4, 8, 12].map((start) => characters.slice(start, start + 4)).join('-');
  });
}

/** What people type: any case, with or without the dashes, with stray spaces. */
export function normaliseRecoveryCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(normaliseRecoveryCode(code)).digest('hex');
}
