import { type UserRole } from '@pumpdesk/contracts';

/** Roles as the header shows them: "Rosa Lind · Physician". */
export const roleLabels: Record<UserRole, string> = {
  nurse: 'Nurse',
  physician: 'Physician',
  manager: 'Clinic manager',
  admin: 'Administrator',
};
