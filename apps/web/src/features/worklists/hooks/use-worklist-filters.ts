import { useSearchParams } from 'react-router';
import {
  emptyWorklistFilters,
  filtersFromParams,
  paramsWithFilters,
  type WorklistFilters,
} from '../utils/worklist-filters.ts';

/**
 * A worklist's filters, read from and written to the URL. Changing a filter replaces the history
 * entry (filtering is not navigation: Back leaves the screen rather than undoing a filter).
 */
export function useWorklistFilters() {
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);

  function changeFilters(changes: Partial<WorklistFilters>): void {
    setParams((current) => paramsWithFilters(current, { ...filtersFromParams(current), ...changes }), {
      replace: true,
    });
  }

  function clearFilters(): void {
    setParams((current) => paramsWithFilters(current, emptyWorklistFilters), { replace: true });
  }

  return { filters, changeFilters, clearFilters };
}
