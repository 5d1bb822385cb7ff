import { type Prng } from './prng.ts';

const hex = (value: number, digits: number): string => value.toString(16).padStart(digits, '0');

/**
 * A UUIDv7 (RFC 9562) whose timestamp is the moment the row describes (a refill's time, a patient's
 * referral) and whose random bits come from the seeded generator: the same ids for the same seed, and
 * ids ordered in time the way the app's own uuid(7) ids are, so index locality matches production.
 */
export function seededUuidV7(instantMs: number, random: Prng): string {
  const ms = Math.max(0, Math.floor(instantMs));
  const timeHigh = Math.floor(ms / 0x10000); // top 32 of the 48 timestamp bits
  const timeLow = ms % 0x10000;
  const randA = random.nextUint32() & 0x0fff; // 12 bits
  const variantAndB = 0x8000 | (random.nextUint32() & 0x3fff); // variant 10 + 14 bits
  const tail = hex(random.nextUint32() & 0xffff, 4) + hex(random.nextUint32(), 8);
  return `${hex(timeHigh, 8)}-${hex(timeLow, 4)}-7${hex(randA, 3)}-${hex(variantAndB, 4)}-${tail}`;
}
