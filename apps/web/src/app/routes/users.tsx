import { Link } from 'react-router';
import { useActiveSession } from '../../features/auth/hooks/use-session.ts';
import { roleLabels } from '../../features/auth/utils/role-labels.ts';
import { useSites } from '../../features/sites/api/get-sites.ts';
import { UsersPage } from '../../features/users/components/users-page.tsx';

/**
 * The users screen needs the sites (to assign and to name them), the app's role names and who is
 * signed in: the app takes them from the sites and auth features (features never import each other).
 */
export default function UsersRoute() {
  const sites = useSites();
  const session = useActiveSession();
  return (
    <UsersPage
      sites={sites.data?.items ?? []}
      roleLabels={roleLabels}
      currentUserId={session?.user.id ?? null}
      actions={
        <Link className="button button--secondary" to="/settings">
          Clinic settings
        </Link>
      }
    />
  );
}
