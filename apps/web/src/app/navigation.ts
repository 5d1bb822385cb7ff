import { type Permission, type UserRole } from '@pumpdesk/contracts';

/**
 * The screens in the primary navigation, in order, each shown only to roles with its permission (the
 * API enforces the same matrix whatever the screen shows). `paths` lists the routes that belong to an
 * entry, so the patient page keeps "Patients" marked as current.
 */
export interface NavItem {
  href: string;
  label: string;
  permission: Permission;
  /** Only for these roles (a physician's review list means nothing to a manager). */
  roles?: readonly UserRole[];
}

export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/review', label: 'Review', permission: 'programs:write' },
  { href: '/refills', label: 'Refills', permission: 'patients:read' },
  { href: '/batteries', label: 'Batteries', permission: 'patients:read' },
  { href: '/follow-ups', label: 'Follow-ups', permission: 'patients:read' },
  { href: '/appointments', label: 'Appointments', permission: 'patients:read' },
  { href: '/patients', label: 'Patients', permission: 'patients:read' },
  { href: '/reports', label: 'Reports', permission: 'reports:read' },
  { href: '/settings', label: 'Settings', permission: 'settings:write' },
  { href: '/settings/users', label: 'Users', permission: 'users:manage' },
];

/**
 * Each role's home: what it needs first thing. Nurses: who needs a refill. Physicians: dose changes,
 * safety findings and reviews due. Managers: the caseload reports. Admins (no patient data): settings.
 */
export const HOME_BY_ROLE: Record<UserRole, string> = {
  nurse: '/refills',
  physician: '/review',
  manager: '/reports',
  admin: '/settings',
};
