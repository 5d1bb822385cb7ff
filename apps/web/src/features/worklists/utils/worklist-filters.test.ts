import { describe, expect, it } from 'vitest';
import { filtersFromParams, paramsWithFilters, worklistApiQuery } from './worklist-filters.ts';

const siteId = '0b8f2a3c-1d2e-4f5a-8b9c-0d1e2f3a4b5c';

describe('worklist filters in the URL', () => {
  it('reads valid values and drops invalid ones from a hand-edited link', () => {
    expect(
      filtersFromParams(
        new URLSearchParams(`siteId=${siteId}&horizonDays=30&highRisk=true&noAppointment=true`),
      ),
    ).toEqual({ siteId, horizonDays: 30, highRisk: true, noAppointment: true });
    expect(filtersFromParams(new URLSearchParams('siteId=north&horizonDays=731&highRisk=yes'))).toEqual({
      siteId: null,
      horizonDays: null,
      highRisk: false,
      noAppointment: false,
    });
    expect(filtersFromParams(new URLSearchParams('horizonDays=-1')).horizonDays).toBeNull();
    expect(filtersFromParams(new URLSearchParams('horizonDays=0')).horizonDays).toBe(0);
  });

  it('writes the filters back, keeping other parameters', () => {
    const params = paramsWithFilters(new URLSearchParams('tab=x&horizonDays=7'), {
      siteId,
      horizonDays: null,
      highRisk: true,
      noAppointment: false,
    });
    expect(params.toString()).toBe(`tab=x&siteId=${siteId}&highRisk=true`);
  });

  it('sends noAppointment only to the refill worklist', () => {
    const filters = { siteId: null, horizonDays: 14, highRisk: false, noAppointment: true };
    expect(worklistApiQuery(filters, { noAppointment: true })).toEqual({
      siteId: null,
      horizonDays: 14,
      highRisk: null,
      noAppointment: 'true',
    });
    expect(worklistApiQuery(filters, { noAppointment: false }).noAppointment).toBeNull();
  });
});
