import { createHash } from 'node:crypto';
import { type PrismaClient } from '../generated/prisma/client.ts';

// Sign-in throttling (docs/security.md). Attempts are counted in fixed windows in the
// sign_in_throttles table, so every API instance sees the same counts. Three counters per attempt:
// - the account from this address: a password guesser at one address is stopped for the window;
// - the address, whatever the account: one address spraying many accounts is stopped for the window;
// - the account from every address: for passwords, a distributed guesser only gets one attempt a
//   minute, except from addresses the account signed in from lately (so an attacker holding every
//   slot cannot lock the real user out); for second-factor codes, the codes are refused until the
//   window ends (the password is already known to whoever types them).
// "Account" is what the caller names it: the typed email at sign-in (known or not, so the answers do
// not tell which emails exist), the user for second-factor codes and (another key) password re-entry.
//
// An attempt is counted BEFORE the secret is checked (reserveSignInAttempt), atomically per counter:
// parallel attempts cannot all read "under the limit" and then all be verified. A success takes its
// attempt back (recordSignInSuccess); a failure simply stays counted.

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
  /** Wrong second-factor codes of one user, any addresses: codes are refused until the window ends. */
  secondFactorFailures: 5,
  /** An address that signed in to the account this recently is not slowed down with the account. */
  knownAddressDays: 30,
} as const;

const WINDOW_MS = SIGN_IN_THROTTLE.windowMinutes * 60_000;
const SLOWDOWN_MS = SIGN_IN_THROTTLE.accountSlowdownSeconds * 1000;
const KNOWN_MS = SIGN_IN_THROTTLE.knownAddressDays * 24 * 60 * 60_000;
/** Larger than any count a window reaches: the account counter itself never refuses passwords. */
const NO_LIMIT = 2_147_483_647;
/** Known-address rows are told apart by this prefix (they live 30 days, not one window). */
const KNOWN_PREFIX = 'known:';

/** Whose attempts: `email:<lower-cased email>`, `user:<id>` or `code:<id>`, and the client's address. */
export interface ThrottleSubject {
  account: string;
  address: string;
}

/** Passwords (sign-in, re-entry) or second-factor codes: they differ in the per-account limit. */
export type ThrottlePolicy = 'password' | 'second_factor';

/** The counters one allowed attempt incremented (each in the window it was counted in). */
export interface SignInReservation {
  subject: ThrottleSubject;
  counted: { key: string; windowStartsAt: Date }[];
  pairKey: string;
}

export type ThrottleDecision =
  { allowed: true; reservation: SignInReservation } | { allowed: false; retryAfterSeconds: number };

/**
 * Rows are keyed by a hash, so the table holds neither typed emails (often mistyped passwords in the
 * wrong field) nor client addresses.
 */
function keyOf(kind: 'pair' | 'address' | 'account' | 'account-slot' | 'known', ...parts: string[]): string {
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
    known: `${KNOWN_PREFIX}${keyOf('known', subject.account, subject.address)}`,
  };
}

const secondsUntil = (until: number, now: Date): number =>
  Math.max(1, Math.ceil((until - now.getTime()) / 1000));

interface CountedRow {
  windowStartsAt: Date;
  failures: number;
}

/**
 * Counts one attempt on `key` unless it already holds `limit` in its live window (a new window once
 * the old one ended). One statement: the row lock makes concurrent attempts take turns. Null: refused.
 */
async function countAttempt(
  prisma: PrismaClient,
  key: string,
  limit: number,
  now: Date,
): Promise<CountedRow | null> {
  const windowEndedBy = new Date(now.getTime() - WINDOW_MS);
  const rows = await prisma.$queryRaw<CountedRow[]>`
    INSERT INTO sign_in_throttles (key, window_starts_at, failures) VALUES (${key}, ${now}, 1)
    ON CONFLICT (key) DO UPDATE SET
      window_starts_at = CASE WHEN sign_in_throttles.window_starts_at <= ${windowEndedBy}
        THEN EXCLUDED.window_starts_at ELSE sign_in_throttles.window_starts_at END,
      failures = CASE WHEN sign_in_throttles.window_starts_at <= ${windowEndedBy}
        THEN 1 ELSE sign_in_throttles.failures + 1 END
    WHERE sign_in_throttles.window_starts_at <= ${windowEndedBy} OR sign_in_throttles.failures < ${limit}
    RETURNING window_starts_at AS "windowStartsAt", failures`;
  return rows[0] ?? null;
}

/**
 * Takes back one counted attempt (a success, or an attempt refused by a later counter). When another
 * attempt slips in between the two statements the count stays one too high: the safe direction.
 */
async function uncount(prisma: PrismaClient, key: string, windowStartsAt: Date): Promise<void> {
  const decremented = await prisma.$executeRaw`
    UPDATE sign_in_throttles SET failures = failures - 1
    WHERE key = ${key} AND window_starts_at = ${windowStartsAt} AND failures > 1`;
  if (decremented === 0) {
    await prisma.$executeRaw`
      DELETE FROM sign_in_throttles
      WHERE key = ${key} AND window_starts_at = ${windowStartsAt} AND failures = 1`;
  }
}

async function windowRefusal(
  prisma: PrismaClient,
  key: string,
  now: Date,
): Promise<{ retryAfterSeconds: number }> {
  const row = await prisma.signInThrottle.findUnique({ where: { key } });
  const endsAt = (row?.windowStartsAt.getTime() ?? now.getTime()) + WINDOW_MS;
  return { retryAfterSeconds: secondsUntil(endsAt, now) };
}

/**
 * Counts this attempt, or refuses it. Call it before the password or code is looked at: a refused
 * attempt is never verified (and is not counted). While a password account is slowed down, an
 * allowed attempt also takes the minute's one slot (atomically, across instances).
 */
export async function reserveSignInAttempt(
  prisma: PrismaClient,
  subject: ThrottleSubject,
  now: Date,
  policy: ThrottlePolicy = 'password',
): Promise<ThrottleDecision> {
  const keys = keysOf(subject);
  const counted: SignInReservation['counted'] = [];
  const refuse = async (decision: { retryAfterSeconds: number }): Promise<ThrottleDecision> => {
    for (const row of counted) await uncount(prisma, row.key, row.windowStartsAt);
    return { allowed: false, retryAfterSeconds: decision.retryAfterSeconds };
  };
  const limits: [string, number][] = [
    [keys.pair, SIGN_IN_THROTTLE.accountAndAddressFailures],
    [keys.address, SIGN_IN_THROTTLE.addressFailures],
    [keys.account, policy === 'second_factor' ? SIGN_IN_THROTTLE.secondFactorFailures : NO_LIMIT],
  ];
  let accountCount = 0;
  for (const [key, limit] of limits) {
    const row = await countAttempt(prisma, key, limit, now);
    if (!row) return refuse(await windowRefusal(prisma, key, now));
    counted.push({ key, windowStartsAt: row.windowStartsAt });
    accountCount = row.failures;
  }
  const reservation: SignInReservation = { subject, counted, pairKey: keys.pair };
  // The account's counter includes this attempt: slowed down once it already held the limit.
  if (policy === 'password' && accountCount > SIGN_IN_THROTTLE.accountFailures) {
    if (await isKnownAddress(prisma, keys.known, now)) return { allowed: true, reservation };
    const slot = await takeAccountSlot(prisma, keys.slot, now);
    if (!slot.allowed) return refuse(slot);
  }
  return { allowed: true, reservation };
}

async function isKnownAddress(prisma: PrismaClient, knownKey: string, now: Date): Promise<boolean> {
  const row = await prisma.signInThrottle.findUnique({ where: { key: knownKey } });
  return row !== null && row.windowStartsAt.getTime() + KNOWN_MS > now.getTime();
}

/**
 * The slowed-down account's one attempt per interval: the slot row's window_starts_at is when it was
 * last taken (its failures column is unused; 1 for the table's positive check).
 */
async function takeAccountSlot(
  prisma: PrismaClient,
  slotKey: string,
  now: Date,
): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
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

/**
 * The attempt succeeded: it is taken back from the address and account counters, the pair's counter
 * is cleared, and the address becomes known to the account for 30 days (window_starts_at = the last
 * success; failures unused, 1 for the table's positive check).
 */
export async function recordSignInSuccess(
  prisma: PrismaClient,
  reservation: SignInReservation,
  now: Date,
): Promise<void> {
  for (const row of reservation.counted) {
    if (row.key !== reservation.pairKey) await uncount(prisma, row.key, row.windowStartsAt);
  }
  await prisma.signInThrottle.deleteMany({ where: { key: reservation.pairKey } });
  const knownKey = keysOf(reservation.subject).known;
  await prisma.$executeRaw`
    INSERT INTO sign_in_throttles (key, window_starts_at, failures) VALUES (${knownKey}, ${now}, 1)
    ON CONFLICT (key) DO UPDATE SET window_starts_at = EXCLUDED.window_starts_at`;
}

/**
 * Drops counters whose window (or slot) ended and known addresses older than 30 days: housekeeping,
 * nothing depends on it.
 */
export async function deleteExpiredSignInThrottles(prisma: PrismaClient, now: Date): Promise<number> {
  const deleted = await prisma.signInThrottle.deleteMany({
    where: {
      OR: [
        {
          key: { startsWith: KNOWN_PREFIX },
          windowStartsAt: { lte: new Date(now.getTime() - KNOWN_MS) },
        },
        {
          NOT: { key: { startsWith: KNOWN_PREFIX } },
          windowStartsAt: { lte: new Date(now.getTime() - WINDOW_MS) },
        },
      ],
    },
  });
  return deleted.count;
}
