import { type AppointmentDto, type SiteAppointmentList, type SiteSummary } from '@pumpdesk/contracts';

// Appointment builders for the calendar's component tests.

export function anAppointment(
  site: SiteSummary,
  overrides: Partial<AppointmentDto> & { startsAt: string },
): AppointmentDto {
  const durationMinutes = overrides.durationMinutes ?? 30;
  const endsAt = new Date(Date.parse(overrides.startsAt) + durationMinutes * 60_000).toISOString();
  return {
    id: crypto.randomUUID(),
    kind: 'refill',
    status: 'booked',
    endsAt,
    durationMinutes,
    patient: { id: crypto.randomUUID(), mrn: 'MRN0001', givenName: 'Ada', familyName: 'Lovelace' },
    site: { id: site.id, name: site.name, timeZone: site.timeZone },
    clinician: { id: crypto.randomUUID(), name: 'Rosa Lind' },
    atHome: false,
    notes: null,
    version: 1,
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-01T10:00:00.000Z',
    ...overrides,
  };
}

export function aSiteAppointmentList(
  site: SiteSummary,
  from: string,
  to: string,
  items: AppointmentDto[],
): SiteAppointmentList {
  return { site: { id: site.id, name: site.name, timeZone: site.timeZone }, from, to, items };
}
