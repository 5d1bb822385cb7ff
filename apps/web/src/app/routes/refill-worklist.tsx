import { useActiveSession, usePermission } from '../../features/auth/hooks/use-session.ts';
import { useSites } from '../../features/sites/api/get-sites.ts';
import { RefillWorklistPage } from '../../features/worklists/components/refill-worklist-page.tsx';

/**
 * The nurse's home. The app composes the features: the sites (for the filter, the zones of the
 * booking form and the day lists) and the session (what the user may do, which sites are theirs).
 */
export default function RefillWorklistRoute() {
  const session = useActiveSession();
  const sites = useSites();
  const canBook = usePermission('appointments:write');
  const canRecordRefill = usePermission('refills:write');
  const siteList = sites.data?.items ?? [];
  // A user of every site has no list of their own: the day lists follow the site filter or all sites.
  const homeSites = session?.user.allSites ? siteList : (session?.user.sites ?? []);
  return (
    <RefillWorklistPage
      sites={siteList}
      sitesUnavailable={sites.isError}
      sitesPending={sites.isPending}
      homeSites={homeSites}
      canBook={canBook}
      canRecordRefill={canRecordRefill}
    />
  );
}
