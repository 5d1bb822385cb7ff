import { useSites } from '../../features/sites/api/get-sites.ts';
import { BatteryWorklistPage } from '../../features/worklists/components/battery-worklist-page.tsx';

/** The battery worklist, with the sites for its site filter. */
export default function BatteryWorklistRoute() {
  const sites = useSites();
  return <BatteryWorklistPage sites={sites.data?.items ?? []} sitesUnavailable={sites.isError} />;
}
