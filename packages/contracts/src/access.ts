import { type UserRole } from './enums.ts';

// What each role may do: the one table the API enforces (the data layer checks it before any read or
// write) and the web app reads to offer only what the user can do. docs/security.md shows it as the
// role matrix; sites are the other half of access (a user sees only the records of their sites).
//
// Minimum necessary: admins run the system (users, sites, settings, the audit trail) and read no
// patient data; managers read everything at their sites and write nothing clinical; only physicians
// program a dose.

export const permissions = [
  /** Patient lists, records and everything recorded about them; worklists; appointment days. */
  'patients:read',
  /** Register a patient and update the record. */
  'patients:write',
  /** Soft-delete a patient record (a correction, not a clinical act). */
  'patients:delete',
  /** Implant, explant and replace a pump; record and update trials. */
  'pumps:write',
  /** Record and amend refills (a refill that also sets a new program needs programs:write too). */
  'refills:write',
  /** Record pump interrogations (ERI, alarms). */
  'interrogations:write',
  /** Record and update follow-up visits. */
  'visits:write',
  /** Book, move, cancel and close appointments. */
  'appointments:write',
  /** Preview and save dose programs, including titration overrides. */
  'programs:write',
  /** Caseload reports and their exports. */
  'reports:read',
  /** Change the clinic's thresholds and the security settings. */
  'settings:write',
  /** Create, change, disable and re-enable users; reset passwords and second factors. */
  'users:manage',
  /** List and end anyone's sessions. */
  'sessions:manage',
  /** Create and change sites. */
  'sites:manage',
  /** The audit viewer and its export (managers: their sites' events). */
  'audit:read',
] as const;
export type Permission = (typeof permissions)[number];

const clinicalWrites: readonly Permission[] = [
  'patients:write',
  'refills:write',
  'interrogations:write',
  'visits:write',
  'appointments:write',
];

export const rolePermissions: Readonly<Record<UserRole, readonly Permission[]>> = {
  nurse: ['patients:read', ...clinicalWrites],
  physician: ['patients:read', ...clinicalWrites, 'patients:delete', 'pumps:write', 'programs:write'],
  manager: ['patients:read', 'reports:read', 'audit:read'],
  admin: ['settings:write', 'users:manage', 'sessions:manage', 'sites:manage', 'audit:read'],
};

export function roleCan(role: UserRole, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}
