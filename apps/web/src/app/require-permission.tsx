import { type Permission } from '@pumpdesk/contracts';
import { type ReactNode } from 'react';
import { PageHeader } from '../components/page-header.tsx';
import { usePermission } from '../features/auth/hooks/use-session.ts';

/**
 * A screen for roles with `permission` only. Others (a typed or bookmarked URL) get a plain sentence
 * instead of a screen full of refusals; the API refuses the same requests anyway.
 */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const allowed = usePermission(permission);
  if (allowed) return children;
  return (
    <div className="page">
      <PageHeader title="Not available for your role" />
      <p>This screen is not part of your role. The navigation above lists the screens you can use.</p>
    </div>
  );
}
