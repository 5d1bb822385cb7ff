import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { aRefillEntry, anAppointment, aWorklistSite } from '../../../../test/builders/worklists.ts';
import { renderWithProviders } from '../../../../test/render.tsx';
import { AppointmentStatus } from './appointment-status.tsx';

describe('a booked refill at a site in another zone', () => {
  beforeEach(() => {
    // 03:30 UTC on 26 Nov 2026: already the 26th in London, still 22:30 on the 25th in New York.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-26T03:30:00.000Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts the days on the appointment site’s calendar, not the patient’s site’s', () => {
    const london = aWorklistSite({ timeZone: 'Europe/London' });
    const newYork = aWorklistSite({ name: 'Harbor Clinic', timeZone: 'America/New_York' });
    // The patient's site (London) says today is the 26th.
    const entry = aRefillEntry(london, {
      today: '2026-11-26',
      nextBookedRefill: '2026-11-26',
      noAppointmentByDueDate: false,
    });
    // 09:00 on 26 Nov in New York: tomorrow there (it is the evening of the 25th).
    const appointment = anAppointment(entry.patient, newYork, { startsAt: '2026-11-26T14:00:00.000Z' });
    renderWithProviders(<AppointmentStatus entry={entry} appointment={appointment} />);
    expect(screen.getByText(/^Booked/).textContent).toBe('Booked 26 Nov 2026, 09:00 (tomorrow)');
  });
});
