import { usePermission } from '../../features/auth/hooks/use-session.ts';
import { AppointmentsPage } from '../../features/appointments/components/appointments-page.tsx';
import { useSites } from '../../features/sites/api/get-sites.ts';

/**
 * The calendar needs the user's sites (with their time zones) for its site selector: the app asks the
 * sites feature and hands them to the appointments feature (features never import each other).
 */
export default function AppointmentsRoute() {
  const sites = useSites();
  const canWrite = usePermission('appointments:write');
  return (
    <AppointmentsPage
      sites={sites.data?.items ?? []}
      sitesPending={sites.isPending}
      sitesError={sites.isError ? sites.error : null}
      onRetrySites={() => void sites.refetch()}
      canWrite={canWrite}
    />
  );
}
