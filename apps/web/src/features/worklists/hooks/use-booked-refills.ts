import { type AppointmentDto, type RefillWorklistEntry, SITE_DAY_LIST_MAX_DAYS } from '@pumpdesk/contracts';
import { addDays, parseCalendarDate } from '@pumpdesk/domain';
import { useQueries } from '@tanstack/react-query';
import { siteBookedQueryOptions } from '../api/get-site-appointments.ts';

export interface BookedRefills {
  /** The patient's next booked refill appointment from the site lists, if one was found there. */
  find: (entry: RefillWorklistEntry) => AppointmentDto | undefined;
  /** The site lists have answered (or failed): a row may look the patient's appointment up itself. */
  settled: boolean;
}

/**
 * The booked appointments behind the rows' "next booked refill" dates: one request per site on the
 * list (its booked appointments from the site's today, 31 days), not one per patient.
 */
export function useBookedRefills(entries: readonly RefillWorklistEntry[]): BookedRefills {
  const ranges = new Map<string, { from: string; to: string }>();
  for (const entry of entries) {
    if (!entry.nextBookedRefill || ranges.has(entry.site.id)) continue;
    const from = entry.today;
    ranges.set(entry.site.id, { from, to: addDays(parseCalendarDate(from), SITE_DAY_LIST_MAX_DAYS - 1) });
  }
  const results = useQueries({
    queries: [...ranges].map(([siteId, { from, to }]) => siteBookedQueryOptions(siteId, from, to)),
  });

  const byPatient = new Map<string, AppointmentDto[]>();
  for (const result of results) {
    for (const appointment of result.data?.items ?? []) {
      if (appointment.kind !== 'refill' || appointment.status !== 'booked') continue;
      const list = byPatient.get(appointment.patient.id) ?? [];
      list.push(appointment);
      byPatient.set(appointment.patient.id, list);
    }
  }

  return {
    find: (entry) => (entry.nextBookedRefill ? byPatient.get(entry.patient.id)?.[0] : undefined),
    settled: results.every((result) => !result.isPending),
  };
}
