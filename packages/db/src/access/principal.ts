import { type Permission, roleCan, type UserRole } from '@pumpdesk/contracts';
import { Prisma } from '../generated/prisma/client.ts';
import { RecordNotFoundError } from '../repositories/errors.ts';

// Access control below the HTTP layer: every repository function that reads or writes clinical data
// takes the Principal and calls these checks itself, so no route (and no future caller) can forget
// them. The role decides what (contracts' rolePermissions); the sites decide which records.

/** The signed-in user a request acts for, as the API resolved it from the session. */
export interface Principal {
  userId: string;
  name: string;
  role: UserRole;
  /** Works at every site (organisation-wide); otherwise only at siteIds. */
  allSites: boolean;
  siteIds: readonly string[];
  /** For the audit events the request writes. */
  requestId: string | null;
  clientAddress: string | null;
}

/** The role may not do this (a nurse saving a dose program): 403, nothing written. */
export class ForbiddenError extends Error {
  override name = 'ForbiddenError';
  constructor(
    readonly role: UserRole,
    readonly permission: Permission,
  ) {
    super(`The ${role} role cannot do this (${permission}).`);
  }
}

/**
 * The record exists but at a site the user does not work at. It answers exactly like a record that
 * does not exist (404, no patient data), so ids cannot be probed; the API audits it as a refusal.
 */
export class OutOfScopeError extends RecordNotFoundError {
  override name = 'OutOfScopeError';
  constructor(
    entity: string,
    id: string,
    readonly siteId: string,
  ) {
    super(entity, id);
  }
}

export function requirePermission(principal: Principal, permission: Permission): void {
  if (!roleCan(principal.role, permission)) throw new ForbiddenError(principal.role, permission);
}

export function worksAtSite(principal: Principal, siteId: string): boolean {
  return principal.allSites || principal.siteIds.includes(siteId);
}

/** Throws OutOfScopeError (a 404) unless the principal works at the record's site. */
export function requireSiteAccess(principal: Principal, siteId: string, entity: string, id: string): void {
  if (!worksAtSite(principal, siteId)) throw new OutOfScopeError(entity, id, siteId);
}

/** The sites a query may return rows of: null for every site. */
export function siteScopeOf(principal: Principal): readonly string[] | null {
  return principal.allSites ? null : principal.siteIds;
}

/** A Prisma `where` fragment on a `siteId` column: nothing for every site. */
export function siteWhere(principal: Principal): { siteId?: { in: string[] } } {
  const scope = siteScopeOf(principal);
  return scope ? { siteId: { in: [...scope] } } : {};
}

/** A raw SQL condition on a site column (`p.site_id`): TRUE for every site. Parameterised. */
export function siteScopeSql(principal: Principal, column: Prisma.Sql): Prisma.Sql {
  const scope = siteScopeOf(principal);
  return scope ? Prisma.sql`${column} = ANY(${[...scope]}::uuid[])` : Prisma.sql`TRUE`;
}
