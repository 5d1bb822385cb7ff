import { createHash } from 'node:crypto';
import { type PrismaClient } from '../generated/prisma/client.ts';

// Sign-in throttling (docs/security.md). Failed attempts are counted in fixed windows in the
// sign_in_throttles table, so every API instance sees the same counts. Three counters per attempt:
// - the account from this address: a password guesser at one address is stopped for the window;
// - the address, whatever the account: one address spraying many accounts is stopped for the window;
// - the account from every address: a distributed guesser only gets one attempt a minute, and the
//   real user is never locked out for long (an attacker cannot lock someone out by failing on purpose).
// "Account" is what the caller names it: the typed email at sign-in (known or not, so the answers do
// not tell which emails exist), the user for second-factor codes and password re-entry.

export const SIGN_IN_THROTTLE = {
  /** Failures are counted in fixed windows of this length, starting at the first failure. */
  windowMinutes: 15,
  /** Failures of one account from one address: that pair is refused until the window ends. */
  accountAndAddressFailures: 5,
  /** Failures from one address, any accounts: the address is refused until the window ends. */
  addressFailures: 30,
  /** Failures of one account from all addresses: the account then accepts one attempt per interval. */
  accountFailures: 20,
  /** The slowed-down account's interval between attempts. */
  accountSlowdownSeconds: 60,
} as const;

const WINDOW_MS = SIGN_IN_THROTTLE.windowMinutes * 60_000;
const SLOWDOWN_MS = SIGN_IN_THROTTLE.accountSlowdownSeconds * 1000;

/** Whose attempts: `email:<lower-cased email>` or `user:<id>`, and the client's address. */
export interface ThrottleSubject {
  account: string;
  address: string;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Rows are keyed by a hash, so the table holds neither typed emails (often mistyped passwords in the
 * wrong field) nor client addresses.
 */
function keyOf(kind: 'pair' | 'address' | 'account' | 'account-slot', ...parts: string[]): string {
  return createHash('sha256')
    .update(`${kind}\u0000${parts.join('\u0000')}`)
    .digest('hex');
}

function keysOf(subject: ThrottleSubject) {
  return {
    pair: keyOf('pair', subject.account, subject.address),
    address: keyOf('address', subject.address),
    account: keyOf('account', subject.account),
    slot: keyOf('account-slot', subject.account),
  };
}

const secondsUntil = (until: number, now: Date): number =>
  Math.max(1, Math.ceil((until - now.getTime()) / 1000));

/**
 * Whether this attempt may be checked at all. Call it before the password or code is looked at: a
 * refused attempt costs the attacker nothing but also tells them nothing. While the account is slowed
 * down, an allowed attempt takes the minute's one slot (atomically, across instances).
 */
export async function checkSignInThrottle(
  prisma: PrismaClient,
  subject: ThrottleSubject,
  now: Date,
): Promise<ThrottleDecision> {
  const keys = keysOf(subject);
  const rows = await prisma.signInThrottle.findMany({
    where: { key: { in: [keys.pair, keys.address, keys.account] } },
  });
  const live = (key: string) =>
    rows.find((row) => row.key === key && row.windowStartsAt.getTime() + WINDOW_MS > now.getTime());
  const blockedUntil = [
    [live(keys.pair), SIGN_IN_THROTTLE.accountAndAddressFailures] as const,
    [live(keys.address), SIGN_IN_THROTTLE.addressFailures] as const,
  ]
    .filter(([row, limit]) => row !== undefined && row.failures >= limit)
    .map(([row]) => (row?.windowStartsAt.getTime() ?? 0) + WINDOW_MS);
  if (blockedUntil.length > 0) {
    return { allowed: false, retryAfterSeconds: secondsUntil(Math.max(...blockedUntil), now) };
  }
  const account = live(keys.account);
  if (!account || account.failures < SIGN_IN_THROTTLE.accountFailures) return { allowed: true };
  return takeAccountSlot(prisma, keys.slot, now);
}

/**
 * The slowed-down account's one attempt per interval: the slot row's window_starts_at is when it was
 * last taken (its failures column is unused; 1 for the table's positive check).
 */
async function takeAccountSlot(prisma: PrismaClient, slotKey: string, now: Date): Promise<ThrottleDecision> {
  const freeBefore = new Date(now.getTime() - SLOWDOWN_MS);
  const taken = await prisma.$executeRaw`
    INSERT INTO sign_in_throttles (key, window_starts_at, failures) VALUES (${slotKey}, ${now}, 1)
    ON CONFLICT (key) DO UPDATE SET window_starts_at = EXCLUDED.window_starts_at
    WHERE sign_in_throttles.window_starts_at <= ${freeBefore}`;
  if (taken > 0) return { allowed: true };
  const slot = await prisma.signInThrottle.findUnique({ where: { key: slotKey } });
  const freeAt = (slot?.windowStartsAt.getTime() ?? now.getTime()) + SLOWDOWN_MS;
  return { allowed: false, retryAfterSeconds: secondsUntil(freeAt, now) };
}

/** Counts a failed attempt on each of the subject's counters (a new window once the old one ended). */
export async function recordSignInFailure(
  prisma: PrismaClient,
  subject: ThrottleSubject,
  now: Date,
): Promise<void> {
  const keys = keysOf(subject);
  const windowEndedBy = new Date(now.getTime() - WINDOW_MS);
  for (const key of [keys.pair, keys.address, keys.account]) {
    await prisma.$executeRaw`
      INSERT INTO sign_in_throttles (key, window_starts_at, failures) VALUES (${key}, ${now}, 1)
      ON CONFLICT (key) DO UPDATE SET
        window_starts_at = CASE WHEN sign_in_throttles.window_starts_at <= ${windowEndedBy}
          THEN EXCLUDED.window_starts_at ELSE sign_in_throttles.window_starts_at END,
        failures = CASE WHEN sign_in_throttles.window_starts_at <= ${windowEndedBy}
          THEN 1 ELSE sign_in_throttles.failures + 1 END`;
  }
}

/** A success clears the account-from-this-address counter (the others keep counting). */
export async function clearSignInFailures(prisma: PrismaClient, subject: ThrottleSubject): Promise<void> {
  await prisma.signInThrottle.deleteMany({ where: { key: keysOf(subject).pair } });
}

/** Drops rows whose window (or slot) ended: housekeeping, nothing depends on it. */
export async function deleteExpiredSignInThrottles(prisma: PrismaClient, now: Date): Promise<number> {
  const deleted = await prisma.signInThrottle.deleteMany({
    where: { windowStartsAt: { lte: new Date(now.getTime() - WINDOW_MS) } },
  });
  return deleted.count;
}
