import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  generateTotpSecret,
  otpauthUri,
  totpCode,
  totpStep,
  verifyTotp,
} from './totp.ts';

// RFC 6238 Appendix B: the SHA-1 key is the ASCII string "12345678901234567890".
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890', 'ascii'));
const RFC_SHA1_VECTORS: [seconds: number, code: string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('base32', () => {
  it('encodes the RFC 4648 §10 test vectors without padding', () => {
    const vectors = {
      '': '',
      f: 'MY',
      fo: 'MZXQ',
      foo: 'MZXW6',
      foob: 'MZXW6YQ',
      fooba: 'MZXW6YTB',
      foobar: 'MZXW6YTBOI',
    };
    for (const [text, encoded] of Object.entries(vectors)) {
      expect(base32Encode(Buffer.from(text))).toBe(encoded);
      expect(Buffer.from(base32Decode(encoded)).toString()).toBe(text);
    }
  });

  it('round-trips any bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
      }),
    );
  });

  it('decodes lower case, spaces and padding, and refuses other characters', () => {
    expect(Buffer.from(base32Decode('mzxw 6ytb oi======')).toString()).toBe('foobar');
    expect(() => base32Decode('MZXW1')).toThrow('Not a base32 character');
  });
});

describe('totpCode', () => {
  it.each(RFC_SHA1_VECTORS)('gives the RFC 6238 SHA-1 8-digit code at T=%is: %s', (seconds, code) => {
    expect(totpCode(RFC_SECRET, seconds * 1000, 8)).toBe(code);
  });

  it.each(RFC_SHA1_VECTORS)('gives the last 6 digits by default at T=%is (%s)', (seconds, code) => {
    expect(totpCode(RFC_SECRET, seconds * 1000)).toBe(code.slice(-6));
  });

  it('changes every 30 seconds: T=30 000 ms and T=59 999 ms share a code, T=60 000 ms does not', () => {
    expect(totpStep(59_999)).toBe(1);
    expect(totpCode(RFC_SECRET, 30_000)).toBe(totpCode(RFC_SECRET, 59_999));
    expect(totpCode(RFC_SECRET, 60_000)).not.toBe(totpCode(RFC_SECRET, 59_999));
  });
});

describe('verifyTotp', () => {
  const now = 1_111_111_111_000; // step 37 037 037
  const step = totpStep(now);
  const codeAt = (s: number) => totpCode(RFC_SECRET, s * 30_000);

  it('accepts the current step and one step either side (±30 s), returning the step matched', () => {
    expect(verifyTotp(RFC_SECRET, codeAt(step), now, null)).toBe(step);
    expect(verifyTotp(RFC_SECRET, codeAt(step - 1), now, null)).toBe(step - 1);
    expect(verifyTotp(RFC_SECRET, codeAt(step + 1), now, null)).toBe(step + 1);
  });

  it('refuses codes two steps (60 s) away', () => {
    expect(verifyTotp(RFC_SECRET, codeAt(step - 2), now, null)).toBeNull();
    expect(verifyTotp(RFC_SECRET, codeAt(step + 2), now, null)).toBeNull();
  });

  it('refuses a replayed code: a step equal to or before the last used step', () => {
    expect(verifyTotp(RFC_SECRET, codeAt(step), now, step)).toBeNull();
    expect(verifyTotp(RFC_SECRET, codeAt(step - 1), now, step - 1)).toBeNull();
    expect(verifyTotp(RFC_SECRET, codeAt(step - 1), now, step)).toBeNull();
    expect(verifyTotp(RFC_SECRET, codeAt(step + 1), now, step)).toBe(step + 1);
  });

  it('refuses a wrong code and anything that is not 6 digits; accepts spaces inside', () => {
    const code = codeAt(step);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect(verifyTotp(RFC_SECRET, wrong, now, null)).toBeNull();
    expect(verifyTotp(RFC_SECRET, '', now, null)).toBeNull();
    expect(verifyTotp(RFC_SECRET, `${code}0`, now, null)).toBeNull();
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, now, 8), now, null)).toBeNull();
    expect(verifyTotp(RFC_SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, now, null)).toBe(step);
  });
});

describe('generateTotpSecret and otpauthUri', () => {
  it('makes a 20-byte (32-character base32) secret that differs each time', () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
    expect(generateTotpSecret()).not.toBe(secret);
  });

  it('builds the Key URI with the issuer in the label and the query', () => {
    expect(
      otpauthUri({ secret: 'JBSWY3DPEHPK3PXP', accountName: 'ann.nurse@clinic.example', issuer: 'PumpDesk' }),
    ).toBe(
      'otpauth://totp/PumpDesk:ann.nurse%40clinic.example?secret=JBSWY3DPEHPK3PXP&issuer=PumpDesk&algorithm=SHA1&digits=6&period=30',
    );
    expect(otpauthUri({ secret: 'JBSWY3DPEHPK3PXP', accountName: 'Ann Nurse' })).toContain(
      '/PumpDesk:Ann%20Nurse?',
    );
  });
});
