import { type UserRole, type UserSummary } from '@pumpdesk/contracts';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { type Principal, requirePermission } from '../access/principal.ts';
import { recordAudit } from '../repositories/audit.ts';
import {
  databaseConstraintOf,
  DomainConflictError,
  InvalidReferenceError,
  RecordNotFoundError,
  VersionConflictError,
} from '../repositories/errors.ts';
import { readSecuritySettings } from './security-settings.ts';
import { endSessionsOfUser } from './sessions.ts';

// Users as an admin manages them (users:manage). The API checks a new password against the policy and
// hashes it; this module only stores the hash and never sees a password. Every write is one
// transaction with its audit event (ids and field names, never a password or its hash).

type Db = PrismaClient | Prisma.TransactionClient;

const userSelect = {
  id: true,
  name: true,
  email: true,
  role: true,
  allSites: true,
  active: true,
  totpEnabledAt: true,
  mustChangePassword: true,
  passwordHash: true,
  version: true,
  createdAt: true,
  sites: { select: { siteId: true }, orderBy: { siteId: 'asc' } },
} satisfies Prisma.UserSelect;

type UserRow = Prisma.UserGetPayload<{ select: typeof userSelect }>;

/** Sessions that resolveSession would still accept at `now` (not ended, within both limits). */
export async function liveSessionWhere(db: Db, now: Date): Promise<Prisma.SessionWhereInput> {
  const { settings } = await readSecuritySettings(db);
  return {
    endedAt: null,
    lastSeenAt: { gt: new Date(now.getTime() - settings.sessionIdleMinutes * 60_000) },
    createdAt: { gt: new Date(now.getTime() - settings.sessionAbsoluteHours * 3_600_000) },
    user: { active: true },
  };
}

async function toSummaries(db: Db, rows: UserRow[], now: Date): Promise<UserSummary[]> {
  const live = await db.session.groupBy({
    by: ['userId'],
    where: { ...(await liveSessionWhere(db, now)), userId: { in: rows.map((row) => row.id) } },
    _count: { _all: true },
  });
  const counts = new Map(live.map((group) => [group.userId, group._count._all]));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    allSites: row.allSites,
    siteIds: row.sites.map((link) => link.siteId),
    active: row.active,
    totpEnabled: row.totpEnabledAt !== null,
    mustChangePassword: row.mustChangePassword,
    passwordSet: row.passwordHash !== null,
    activeSessions: counts.get(row.id) ?? 0,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
  }));
}

/** Every user (active first, then by name), with how many live sessions each has at `now`. */
export async function listUsers(
  prisma: PrismaClient,
  principal: Principal,
  now: Date,
): Promise<UserSummary[]> {
  requirePermission(principal, 'users:manage');
  const rows = await prisma.user.findMany({
    select: userSelect,
    orderBy: [{ active: 'desc' }, { name: 'asc' }, { id: 'asc' }],
  });
  return toSummaries(prisma, rows, now);
}

export async function getUser(
  prisma: PrismaClient,
  principal: Principal,
  userId: string,
  now: Date,
): Promise<UserSummary> {
  requirePermission(principal, 'users:manage');
  return readUser(prisma, userId, now);
}

async function readUser(db: Db, userId: string, now: Date): Promise<UserSummary> {
  const row = await db.user.findUnique({ where: { id: userId }, select: userSelect });
  if (!row) throw new RecordNotFoundError('user', userId);
  const [summary] = await toSummaries(db, [row], now);
  if (!summary) throw new RecordNotFoundError('user', userId);
  return summary;
}

/** The name and email a new password must not repeat (the API's policy asks for them). */
export async function passwordContextOf(
  prisma: PrismaClient,
  principal: Principal,
  userId: string,
): Promise<{ name: string; email: string }> {
  requirePermission(principal, 'users:manage');
  const row = await prisma.user.findUnique({ where: { id: userId }, select: { name: true, email: true } });
  if (!row) throw new RecordNotFoundError('user', userId);
  return row;
}

const emailTaken = (): DomainConflictError =>
  new DomainConflictError('EMAIL_TAKEN', 'Another user has this email address.', [
    { path: 'body.email', message: 'Another user has this email address', code: 'email_taken' },
  ]);

/** Every site id exists, else InvalidReferenceError at body.siteIds. */
async function requireSites(tx: Prisma.TransactionClient, siteIds: readonly string[]): Promise<void> {
  const unique = [...new Set(siteIds)];
  if (unique.length === 0) return;
  const found = await tx.site.count({ where: { id: { in: unique } } });
  if (found !== unique.length) {
    throw new InvalidReferenceError('body.siteIds', 'One or more sites do not exist.', 'Unknown site');
  }
}

export interface NewUser {
  name: string;
  email: string;
  role: UserRole;
  allSites: boolean;
  siteIds: readonly string[];
  /** The Argon2id hash of the first password (the API hashed it). */
  passwordHash: string;
}

/** A new user who must choose their own password at the first sign-in. */
export async function createUser(
  prisma: PrismaClient,
  principal: Principal,
  input: NewUser,
  now: Date,
): Promise<UserSummary> {
  requirePermission(principal, 'users:manage');
  try {
    return await prisma.$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } }))
        throw emailTaken();
      await requireSites(tx, input.siteIds);
      const siteIds = [...new Set(input.siteIds)];
      const user = await tx.user.create({
        data: {
          name: input.name,
          email: input.email,
          role: input.role,
          allSites: input.allSites,
          passwordHash: input.passwordHash,
          passwordChangedAt: now,
          mustChangePassword: true,
          sites: { create: siteIds.map((siteId) => ({ siteId })) },
        },
        select: { id: true },
      });
      await recordAudit(tx, principal, {
        action: 'user.create',
        entityType: 'user',
        entityId: user.id,
        outcome: 'success',
        summary: { role: input.role, allSites: input.allSites, siteIds, mustChangePassword: true },
      });
      return readUser(tx, user.id, now);
    });
  } catch (error) {
    // Two admins creating the same email at once: the unique index decides.
    if (databaseConstraintOf(error) === 'unique') throw emailTaken();
    throw error;
  }
}

export interface UserChanges {
  name?: string;
  role?: UserRole;
  allSites?: boolean;
  siteIds?: readonly string[];
  active?: boolean;
  version: number;
}

/**
 * Changes a user if nobody did since `version`. Disabling ends their sessions ('user_disabled'). An
 * admin cannot disable or demote their own account (OWN_ADMIN_ACCOUNT), and the organisation always
 * keeps one active admin (LAST_ADMIN: a backstop for two admins disabling each other at once, since
 * the acting admin is otherwise always an active admin themselves).
 */
export async function updateUser(
  prisma: PrismaClient,
  principal: Principal,
  userId: string,
  changes: UserChanges,
  now: Date,
): Promise<UserSummary> {
  requirePermission(principal, 'users:manage');
  return prisma.$transaction(async (tx) => {
    // Every active admin locked, in id order: concurrent admin changes take turns on the count below.
    const admins = await tx.$queryRaw<{ id: string }[]>(
      Prisma.sql`SELECT id FROM users WHERE role = 'admin' AND active ORDER BY id FOR UPDATE`,
    );
    const before = await tx.user.findUnique({ where: { id: userId }, select: userSelect });
    if (!before) throw new RecordNotFoundError('user', userId);
    if (before.version !== changes.version) throw new VersionConflictError('The user', before.version);

    const losesAdmin =
      before.role === 'admin' &&
      before.active &&
      (changes.active === false || (changes.role !== undefined && changes.role !== 'admin'));
    if (losesAdmin && userId === principal.userId) {
      throw new DomainConflictError(
        'OWN_ADMIN_ACCOUNT',
        'You cannot disable your own account or remove your own admin role; ask another admin.',
      );
    }
    if (losesAdmin && admins.filter((admin) => admin.id !== userId).length === 0) {
      throw new DomainConflictError(
        'LAST_ADMIN',
        'This is the last active admin: they cannot be disabled or demoted.',
      );
    }
    if (changes.siteIds) await requireSites(tx, changes.siteIds);

    const data: Prisma.UserUpdateManyMutationInput = { version: { increment: 1 } };
    if (changes.name !== undefined) data.name = changes.name;
    if (changes.role !== undefined) data.role = changes.role;
    if (changes.allSites !== undefined) data.allSites = changes.allSites;
    if (changes.active !== undefined) data.active = changes.active;
    // Disabling revokes the calendar-feed token too: it is a credential like the sessions.
    if (changes.active === false && before.active) data.calendarFeedTokenHash = null;
    const updated = await tx.user.updateMany({ where: { id: userId, version: changes.version }, data });
    if (updated.count === 0) throw new VersionConflictError('The user', null);

    const beforeSites = before.sites.map((link) => link.siteId);
    const afterSites = changes.siteIds ? [...new Set(changes.siteIds)].sort() : beforeSites;
    if (changes.siteIds) {
      await tx.userSite.deleteMany({ where: { userId } });
      await tx.userSite.createMany({ data: afterSites.map((siteId) => ({ userId, siteId })) });
    }
    const fields = [
      ...(['name', 'role', 'allSites', 'active'] as const).filter(
        (field) => changes[field] !== undefined && changes[field] !== before[field],
      ),
      ...(JSON.stringify(afterSites) !== JSON.stringify(beforeSites) ? ['siteIds'] : []),
    ];
    const endedSessions =
      changes.active === false && before.active
        ? await endSessionsOfUser(tx, userId, 'user_disabled', now)
        : 0;
    await recordAudit(tx, principal, {
      action:
        changes.active === false && before.active
          ? 'user.disable'
          : changes.active && !before.active
            ? 'user.enable'
            : 'user.update',
      entityType: 'user',
      entityId: userId,
      outcome: 'success',
      summary: {
        fields,
        ...(fields.includes('role') ? { role: { from: before.role, to: changes.role ?? before.role } } : {}),
        ...(fields.includes('siteIds') ? { siteIds: { from: beforeSites, to: afterSites } } : {}),
        ...(endedSessions > 0 ? { endedSessions } : {}),
      },
    });
    return readUser(tx, userId, now);
  });
}

/**
 * An admin's password reset: stores the new hash, makes the user choose their own at the next sign-in,
 * revokes their calendar-feed token and ends every session they have ('password_changed').
 */
export async function resetUserPassword(
  prisma: PrismaClient,
  principal: Principal,
  userId: string,
  passwordHash: string,
  now: Date,
): Promise<UserSummary> {
  requirePermission(principal, 'users:manage');
  return prisma.$transaction(async (tx) => {
    const updated = await tx.user.updateMany({
      where: { id: userId },
      data: {
        passwordHash,
        passwordChangedAt: now,
        mustChangePassword: true,
        calendarFeedTokenHash: null,
        version: { increment: 1 },
      },
    });
    if (updated.count === 0) throw new RecordNotFoundError('user', userId);
    const endedSessions = await endSessionsOfUser(tx, userId, 'password_changed', now);
    await recordAudit(tx, principal, {
      action: 'user.password_reset',
      entityType: 'user',
      entityId: userId,
      outcome: 'success',
      summary: { mustChangePassword: true, endedSessions },
    });
    return readUser(tx, userId, now);
  });
}

/**
 * Removes the user's authenticator app and recovery codes (a lost phone): they enrol again at the next
 * sign-in when a second factor is required. Ends their sessions ('second_factor_changed') and revokes
 * their calendar-feed token (whoever has the account now may have issued it).
 */
export async function clearSecondFactor(
  prisma: PrismaClient,
  principal: Principal,
  userId: string,
  now: Date,
): Promise<UserSummary> {
  requirePermission(principal, 'users:manage');
  return prisma.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true } });
    if (!before) throw new RecordNotFoundError('user', userId);
    await tx.user.update({
      where: { id: userId },
      data: {
        totpSecret: null,
        pendingTotpSecret: null,
        totpEnabledAt: null,
        totpLastStep: null,
        calendarFeedTokenHash: null,
        version: { increment: 1 },
      },
    });
    const recoveryCodes = await tx.recoveryCode.deleteMany({ where: { userId } });
    const endedSessions = await endSessionsOfUser(tx, userId, 'second_factor_changed', now);
    await recordAudit(tx, principal, {
      action: 'user.second_factor_reset',
      entityType: 'user',
      entityId: userId,
      outcome: 'success',
      summary: {
        hadSecondFactor: before.totpEnabledAt !== null,
        recoveryCodesRemoved: recoveryCodes.count,
        endedSessions,
      },
    });
    return readUser(tx, userId, now);
  });
}
