import { hash, parseOptions, verify, type Algorithm, type Version } from '@node-rs/argon2';

// `Algorithm` and `Version` are const enums declared in the package's types: tsx and esbuild compile
// file by file and cannot inline them (the runtime object is empty), so we write their values here.
/* eslint-disable @typescript-eslint/no-unsafe-enum-assignment -- the enum members cannot be read */
const ARGON2ID = 2 as Algorithm.Argon2id;
const VERSION_0X13 = 1 as Version.V0x13;
/* eslint-enable @typescript-eslint/no-unsafe-enum-assignment */

/**
 * Argon2id with the OWASP Password Storage Cheat Sheet's minimum: 19 MiB of memory, 2 passes, one
 * lane. A verify takes about 15–30 ms on a server core, which is fine for a clinic's sign-in traffic.
 */
export const PASSWORD_HASH_PARAMETERS = {
  algorithm: ARGON2ID,
  version: VERSION_0X13,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} as const;

/**
 * NIST SP 800-63B §3.1.1.2: normalise with NFKC before hashing, so the same password typed on a
 * keyboard that composes "é" differently (or with full-width digits) still matches. Used by the policy
 * too, so that lengths and list look-ups see what will be hashed.
 */
export function normalisePassword(password: string): string {
  return password.normalize('NFKC');
}

/** The PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`) to store. */
export function hashPassword(password: string): Promise<string> {
  return hash(normalisePassword(password), PASSWORD_HASH_PARAMETERS);
}

/** False for a wrong password and for a stored hash that cannot be read; never throws. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, normalisePassword(password));
  } catch {
    return false;
  }
}

/**
 * True when a stored hash was made with weaker settings than today's (another algorithm or version,
 * less memory, fewer passes, a shorter output), so the caller rehashes after a successful sign-in.
 * A hash that cannot be read also needs replacing.
 */
export function hashNeedsUpgrade(storedHash: string): boolean {
  let stored: ReturnType<typeof parseOptions>;
  try {
    stored = parseOptions(storedHash);
  } catch {
    return true;
  }
  const current = PASSWORD_HASH_PARAMETERS;
  return (
    stored.algorithm !== current.algorithm ||
    stored.version !== current.version ||
    stored.memoryCost < current.memoryCost ||
    stored.timeCost < current.timeCost ||
    stored.outputLen < current.outputLen
  );
}

/**
 * A valid hash of a random password, made with PASSWORD_HASH_PARAMETERS (a test checks that they
 * still match: regenerate it with `hashPassword` when the parameters change).
 */
export const DUMMY_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$iE3Y8NmFd1FZDpUnJikKNw$3Q1xsYzzRAOhoO7DhqxZsBLxnHJOVwCfNF6/O5xFF6Q';

/**
 * Spends the time of a real verify when no account has the given email, so the response time of a
 * sign-in does not tell an attacker which emails have accounts (OWASP Authentication Cheat Sheet).
 * Always false.
 */
export async function verifyWithoutAccount(password: string): Promise<false> {
  await verifyPassword(DUMMY_PASSWORD_HASH, password);
  return false;
}
