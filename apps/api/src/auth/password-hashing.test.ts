import { hash, parseOptions, type Algorithm } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import {
  DUMMY_PASSWORD_HASH,
  PASSWORD_HASH_PARAMETERS,
  hashNeedsUpgrade,
  hashPassword,
  normalisePassword,
  verifyPassword,
  verifyWithoutAccount,
} from './password-hashing.ts';

describe('password hashing', () => {
  it('uses Argon2id with OWASP minimum settings: m=19456 KiB (19 MiB), t=2, p=1', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(PASSWORD_HASH_PARAMETERS).toMatchObject({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(await verifyPassword(stored, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(stored, 'correct horse battery stapl')).toBe(false);
    expect(await verifyPassword(stored, 'Correct horse battery staple')).toBe(false);
  });

  it('salts each hash: the same password hashes to two different strings', async () => {
    expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'));
  });

  it('returns false, without throwing, for a malformed or empty stored hash', async () => {
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
    expect(await verifyPassword('', 'anything')).toBe(false);
    expect(await verifyPassword('$argon2id$v=19$m=19456,t=2,p=1$broken', 'anything')).toBe(false);
  });

  it('normalises with NFKC: a composed "é" matches a decomposed one, the "ﬁ" ligature matches "fi"', async () => {
    expect(normalisePassword('ﬁ')).toBe('fi');
    const stored = await hashPassword('caf\u00e9 ﬁsh pie');
    expect(await verifyPassword(stored, 'cafe\u0301 fish pie')).toBe(true);
  });

  it('asks for an upgrade of a weaker hash (m=4096, t=3 or Argon2i), not of a current one', async () => {
    const { algorithm } = PASSWORD_HASH_PARAMETERS;
    // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- const enum, empty at run time
    const argon2iAlgorithm = 1 as Algorithm.Argon2i;
    const weakMemory = await hash('pw', { algorithm, memoryCost: 4096, timeCost: 3, parallelism: 1 });
    const argon2i = await hash('pw', {
      algorithm: argon2iAlgorithm,
      memoryCost: 19456,
      timeCost: 2,
      parallelism: 1,
    });
    const fewerPasses = await hash('pw', { algorithm, memoryCost: 19456, timeCost: 1, parallelism: 1 });
    expect(hashNeedsUpgrade(weakMemory)).toBe(true);
    expect(hashNeedsUpgrade(argon2i)).toBe(true);
    expect(hashNeedsUpgrade(fewerPasses)).toBe(true);
    expect(hashNeedsUpgrade('not a hash')).toBe(true);
    expect(hashNeedsUpgrade(await hashPassword('pw'))).toBe(false);
    // A weaker hash still verifies, so the user can sign in and be rehashed.
    expect(await verifyPassword(weakMemory, 'pw')).toBe(true);
  });

  it('keeps the dummy hash on the current settings, so an unknown email costs a full verify', async () => {
    const dummy = parseOptions(DUMMY_PASSWORD_HASH);
    expect(dummy).toMatchObject(PASSWORD_HASH_PARAMETERS);
    expect(hashNeedsUpgrade(DUMMY_PASSWORD_HASH)).toBe(false);
    expect(await verifyWithoutAccount('anything at all')).toBe(false);
  });
});
