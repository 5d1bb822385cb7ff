import { useSearchParams } from 'react-router';

/**
 * The reports' site filter, kept in the URL (`?siteId=`) so a reload or a shared link shows the same
 * figures. Replaces the history entry: changing the filter is not navigation.
 */
export function useReportSite(): [siteId: string | null, setSiteId: (siteId: string | null) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const siteId = searchParams.get('siteId') || null;
  function setSiteId(next: string | null): void {
    setSearchParams(
      (current) => {
        const params = new URLSearchParams(current);
        if (next) params.set('siteId', next);
        else params.delete('siteId');
        return params;
      },
      { replace: true },
    );
  }
  return [siteId, setSiteId];
}
