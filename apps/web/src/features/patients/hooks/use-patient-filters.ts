import { type PatientStatus } from '@pumpdesk/contracts';
import { useEffect, useRef, useState } from 'react';
import {
  emptyPatientFilters,
  filtersFromSearch,
  type PatientFilters,
  searchWithFilters,
} from '../utils/patient-filters.ts';

/** Long enough to wait for a name to be typed, short enough to feel immediate. */
export const SEARCH_DEBOUNCE_MS = 250;

/**
 * The patient list's filters: read from the URL once, written back with `history.replaceState`
 * (filtering is not navigation, so Back leaves the page rather than undoing a keystroke).
 * The search text updates at once; the filter it feeds follows after a pause in typing.
 */
export function usePatientFilters() {
  const [filters, setFilters] = useState<PatientFilters>(() => filtersFromSearch(window.location.search));
  const [searchText, setSearchText] = useState(filters.q);
  const timer = useRef<number | undefined>(undefined);

  useEffect(
    () => () => {
      window.clearTimeout(timer.current);
    },
    [],
  );

  useEffect(() => {
    const search = searchWithFilters(window.location.search, filters);
    if (search === window.location.search) return;
    const { pathname, hash } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${search}${hash}`);
  }, [filters]);

  function changeSearchText(text: string): void {
    setSearchText(text);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      const q = text.trim();
      setFilters((current) => (current.q === q ? current : { ...current, q }));
    }, SEARCH_DEBOUNCE_MS);
  }

  function changeSiteId(siteId: string | null): void {
    setFilters((current) => ({ ...current, siteId }));
  }

  function changeStatus(status: PatientStatus | null): void {
    setFilters((current) => ({ ...current, status }));
  }

  function clearFilters(): void {
    window.clearTimeout(timer.current);
    setSearchText('');
    setFilters(emptyPatientFilters);
  }

  return { filters, searchText, changeSearchText, changeSiteId, changeStatus, clearFilters };
}
