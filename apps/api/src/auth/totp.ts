import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { base32Decode, base32Encode } from './base32.ts';

export { base32Decode, base32Encode };

// RFC 6238 TOTP with the parameters every authenticator app supports: HMAC-SHA-1, 30-second steps,
// 6 digits. SHA-1 is still sound inside HMAC (RFC 6238 §5.1 only needs a keyed PRF).
export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
const ISSUER = 'PumpDesk';

/** 160 bits, the HMAC-SHA-1 key length RFC 4226 §4 recommends, as base32 for the authenticator app. */
export function generateTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** The 30-second step (RFC 6238's T) that contains the instant `atMs`. */
export function totpStep(atMs: number): number {
  return Math.floor(atMs / 1000 / TOTP_STEP_SECONDS);
}

/** RFC 4226 §5.3 HOTP: HMAC of the 8-byte counter, dynamic truncation, last `digits` decimal digits. */
function hotp(key: Uint8Array, counter: number, digits: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac.readUInt8(mac.length - 1) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export function totpCode(secretBase32: string, atMs: number, digits = TOTP_DIGITS): string {
  return hotp(base32Decode(secretBase32), totpStep(atMs), digits);
}

/**
 * Accepts the code of the current step or of one step either side (RFC 6238 §5.2: clock drift and the
 * time it takes to type), and returns the step it matched so the caller stores it. A step at or before
 * `lastUsedStep` is refused, so a code seen over someone's shoulder cannot be used again (§5.2).
 * Returns null when the code does not match.
 */
export function verifyTotp(
  secretBase32: string,
  code: string,
  nowMs: number,
  lastUsedStep: number | null,
): number | null {
  const typed = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(typed)) return null;
  const key = base32Decode(secretBase32);
  const current = totpStep(nowMs);
  let matched: number | null = null;
  // All candidates are computed and compared, so the time taken does not say which step matched.
  for (const step of [current - 1, current, current + 1]) {
    const expected = hotp(key, step, TOTP_DIGITS);
    const equal = timingSafeEqual(Buffer.from(expected), Buffer.from(typed));
    if (equal && (lastUsedStep === null || step > lastUsedStep)) matched = step;
  }
  return matched;
}

/**
 * The Key URI that authenticator apps read from a QR code
 * (https://github.com/google/google-authenticator/wiki/Key-Uri-Format).
 */
export function otpauthUri(options: { secret: string; accountName: string; issuer?: string }): string {
  const issuer = options.issuer ?? ISSUER;
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(options.accountName)}`;
  const query = [
    `secret=${options.secret}`,
    `issuer=${encodeURIComponent(issuer)}`,
    'algorithm=SHA1',
    `digits=${TOTP_DIGITS}`,
    `period=${TOTP_STEP_SECONDS}`,
  ].join('&');
  return `otpauth://totp/${label}?${query}`;
}
