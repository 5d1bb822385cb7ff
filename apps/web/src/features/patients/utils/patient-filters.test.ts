import { describe, expect, it } from 'vitest';
import {
  emptyPatientFilters,
  filtersFromSearch,
  hasActiveFilters,
  searchWithFilters,
} from './patient-filters.ts';

const SITE_ID = '0b9c3a52-4f0e-4d5e-9a51-3f1f0d2c8e11';

describe('patient filters in the URL', () => {
  it('reads search, site and status', () => {
    expect(filtersFromSearch(`?q=%20Lovelace%20&siteId=${SITE_ID}&status=trial`)).toEqual({
      q: 'Lovelace',
      siteId: SITE_ID,
      status: 'trial',
    });
  });

  it('drops values a stale or hand-edited link may carry', () => {
    expect(filtersFromSearch(`?q=${'x'.repeat(101)}&siteId=north&status=asleep`)).toEqual(
      emptyPatientFilters,
    );
  });

  it('takes the first valid status when several are given', () => {
    expect(filtersFromSearch('?status=asleep&status=active&status=trial').status).toBe('active');
  });

  it('writes only the filters that are set and keeps other parameters', () => {
    expect(
      searchWithFilters('?tab=x&q=old&status=trial', { q: 'ada lovelace', siteId: null, status: null }),
    ).toBe('?tab=x&q=ada+lovelace');
    expect(searchWithFilters('?q=old', emptyPatientFilters)).toBe('');
  });

  it('round-trips', () => {
    const filters = { q: 'MRN00', siteId: SITE_ID, status: 'explanted' as const };
    expect(filtersFromSearch(searchWithFilters('', filters))).toEqual(filters);
    expect(hasActiveFilters(filters)).toBe(true);
    expect(hasActiveFilters(emptyPatientFilters)).toBe(false);
  });
});
