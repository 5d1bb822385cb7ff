import { useSites } from '../../features/sites/api/get-sites.ts';
import { FollowUpWorklistPage } from '../../features/worklists/components/follow-up-worklist-page.tsx';

/** The follow-up worklist, with the sites for its site filter. */
export default function FollowUpWorklistRoute() {
  const sites = useSites();
  return <FollowUpWorklistPage sites={sites.data?.items ?? []} sitesUnavailable={sites.isError} />;
}
