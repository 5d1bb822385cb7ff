import { type PatientStatus, patientListQuerySchema, patientStatusSchema } from '@pumpdesk/contracts';

/** What the patient list is filtered by. Kept in the URL so a reload or a shared link shows the same list. */
export interface PatientFilters {
  /** Name or MRN, trimmed; '' for none. */
  q: string;
  siteId: string | null;
  status: PatientStatus | null;
}

export const emptyPatientFilters: PatientFilters = { q: '', siteId: null, status: null };

export function hasActiveFilters(filters: PatientFilters): boolean {
  return filters.q !== '' || filters.siteId !== null || filters.status !== null;
}

const FILTER_KEYS = ['q', 'siteId', 'status'] as const;
const { q: qSchema, siteId: siteIdSchema } = patientListQuerySchema.shape;

/**
 * Reads filters from a query string. A hand-edited or stale link must not break the page, so invalid
 * values are dropped rather than sent to the API. The screen filters one status at a time: the first
 * valid `status` wins.
 */
export function filtersFromSearch(search: string): PatientFilters {
  const params = new URLSearchParams(search);
  const q = qSchema.safeParse(params.get('q') ?? undefined);
  const siteId = siteIdSchema.safeParse(params.get('siteId') ?? undefined);
  const status = params
    .getAll('status')
    .map((value) => patientStatusSchema.safeParse(value))
    .find((result) => result.success);
  return {
    q: q.success ? (q.data ?? '') : '',
    siteId: siteId.success ? (siteId.data ?? null) : null,
    status: status?.data ?? null,
  };
}

/** The query string with the filters written in; any other parameters are kept as they were. */
export function searchWithFilters(search: string, filters: PatientFilters): string {
  const params = new URLSearchParams(search);
  for (const key of FILTER_KEYS) params.delete(key);
  if (filters.q) params.set('q', filters.q);
  if (filters.siteId) params.set('siteId', filters.siteId);
  if (filters.status) params.set('status', filters.status);
  const text = params.toString();
  return text ? `?${text}` : '';
}
