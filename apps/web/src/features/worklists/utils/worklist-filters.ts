import { type QueryParams } from '../../../lib/api-client.ts';

/**
 * What a worklist is filtered by, kept in the URL (`?siteId=…&horizonDays=30`) so a reload, a
 * bookmark or a shared link shows the same list. Invalid values in a hand-edited link are dropped
 * rather than sent to the API.
 */
export interface WorklistFilters {
  siteId: string | null;
  /** Null: the API's standard list (every status but OK). */
  horizonDays: number | null;
  highRisk: boolean;
  /** Refills only: entries with no refill booked by the due date. */
  noAppointment: boolean;
}

export const emptyWorklistFilters: WorklistFilters = {
  siteId: null,
  horizonDays: null,
  highRisk: false,
  noAppointment: false,
};

/** The horizons offered in the filter (the API takes 0–730 days). */
export const HORIZON_CHOICES = [7, 14, 30, 60, 90, 180, 365] as const;
export const HORIZON_MAX_DAYS = 730;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FILTER_KEYS = ['siteId', 'horizonDays', 'highRisk', 'noAppointment'] as const;

export function filtersFromParams(params: URLSearchParams): WorklistFilters {
  const siteId = params.get('siteId');
  const horizonText = params.get('horizonDays');
  const horizon = horizonText !== null && /^\d{1,3}$/.test(horizonText) ? Number(horizonText) : null;
  return {
    siteId: siteId !== null && UUID.test(siteId) ? siteId : null,
    horizonDays: horizon !== null && horizon <= HORIZON_MAX_DAYS ? horizon : null,
    highRisk: params.get('highRisk') === 'true',
    noAppointment: params.get('noAppointment') === 'true',
  };
}

/** The query string with the filters written in; any other parameters are kept as they were. */
export function paramsWithFilters(params: URLSearchParams, filters: WorklistFilters): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of FILTER_KEYS) next.delete(key);
  if (filters.siteId) next.set('siteId', filters.siteId);
  if (filters.horizonDays !== null) next.set('horizonDays', String(filters.horizonDays));
  if (filters.highRisk) next.set('highRisk', 'true');
  if (filters.noAppointment) next.set('noAppointment', 'true');
  return next;
}

export function hasActiveFilters(filters: WorklistFilters): boolean {
  return filters.siteId !== null || filters.horizonDays !== null || filters.highRisk || filters.noAppointment;
}

/**
 * The API's query for these filters (the JSON list and its CSV twin take the same ones). Only the
 * refill worklist knows `noAppointment`: the others refuse unknown keys.
 */
export function worklistApiQuery(filters: WorklistFilters, options: { noAppointment: boolean }): QueryParams {
  return {
    siteId: filters.siteId,
    horizonDays: filters.horizonDays,
    highRisk: filters.highRisk ? 'true' : null,
    noAppointment: options.noAppointment && filters.noAppointment ? 'true' : null,
  };
}
