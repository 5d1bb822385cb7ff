import { ReportsPage } from '../../features/reports/components/reports-page.tsx';
import { useSites } from '../../features/sites/api/get-sites.ts';

/** The manager's home. The reports' site filter lists the sites from the sites feature. */
export default function ReportsRoute() {
  const sites = useSites();
  return <ReportsPage sites={sites.data?.items ?? []} sitesUnavailable={sites.isError} />;
}
