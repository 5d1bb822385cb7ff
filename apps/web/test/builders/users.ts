import { type UserSummary } from '@pumpdesk/contracts';

// GET /api/users items as the API answers them.
export function aUserSummary(overrides: Partial<UserSummary> = {}): UserSummary {
  return {
    id: crypto.randomUUID(),
    name: 'Rosa Lind',
    email: 'rosa.lind@example.org',
    role: 'nurse',
    allSites: false,
    siteIds: [],
    active: true,
    totpEnabled: false,
    mustChangePassword: false,
    passwordSet: true,
    activeSessions: 0,
    version: 1,
    createdAt: '2026-01-05T09:00:00.000Z',
    ...overrides,
  };
}
