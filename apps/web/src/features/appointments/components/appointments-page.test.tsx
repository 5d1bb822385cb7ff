import { type AppointmentDto, type SiteSummary } from '@pumpdesk/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import AppointmentsRoute from '../../../app/routes/appointments.tsx';
import {
  aSession,
  aSite,
  type FakeRequest,
  installFakeApi,
  jsonResponse,
  notFound,
  problemResponse,
} from '../../../../test/fake-api.ts';
import { anAppointment, aSiteAppointmentList } from '../../../../test/builders/appointments.ts';
import { renderWithProviders } from '../../../../test/render.tsx';

// The calendar through its route module, against a fake API. The tests run in UTC (vitest config);
// the site is in New York, so every time on screen must be the site's wall-clock time.

const newYork: SiteSummary = aSite({ name: 'Hudson Clinic', timeZone: 'America/New_York' });
const london: SiteSummary = aSite({ name: 'Thames Clinic', timeZone: 'Europe/London' });

function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{location.pathname + location.search}</output>;
}

function renderCalendar(
  url: string,
  appointmentsFor: (request: FakeRequest) => AppointmentDto[],
  role: 'nurse' | 'manager' = 'nurse',
) {
  const api = installFakeApi((request) => {
    if (request.path === '/api/auth/session') return jsonResponse(aSession({ role }));
    if (request.path === '/api/sites') return jsonResponse({ items: [newYork, london] });
    const match = /^\/api\/sites\/([^/]+)\/appointments$/.exec(request.path);
    if (match && request.method === 'GET') {
      const site = [newYork, london].find((candidate) => candidate.id === match[1]) ?? newYork;
      const from = request.query.get('date') ?? request.query.get('from') ?? '';
      const to = request.query.get('date') ?? request.query.get('to') ?? '';
      return jsonResponse(aSiteAppointmentList(site, from, to, appointmentsFor(request)));
    }
    return notFound(request);
  });
  renderWithProviders(
    <MemoryRouter initialEntries={[url]}>
      <Routes>
        <Route
          path="/appointments"
          element={
            <>
              <AppointmentsRoute />
              <LocationProbe />
            </>
          }
        />
      </Routes>
    </MemoryRouter>,
  );
  return api;
}

function location(): URLSearchParams {
  const text = screen.getByTestId('location').textContent;
  return new URL(text, 'http://localhost').searchParams;
}

const ada = { id: crypto.randomUUID(), mrn: 'HC1001', givenName: 'Adaeze', familyName: 'Okafor' };

// Several screens and requests per test: more time than the default on a busy machine.
const SLOW = 20_000;

describe('appointments calendar', () => {
  it(
    "shows a day in the site's zone: 14:30 UTC is 09:30 in New York",
    async () => {
      const api = renderCalendar(`/appointments?siteId=${newYork.id}&view=day&date=2027-01-13`, () => [
        anAppointment(newYork, {
          startsAt: '2027-01-13T14:30:00.000Z',
          durationMinutes: 45,
          kind: 'follow_up',
          patient: ada,
          clinician: { id: crypto.randomUUID(), name: 'Dr Amara Nwosu' },
        }),
      ]);

      const table = await screen.findByRole('table', { name: 'Appointments on Wednesday 13 January 2027' });
      const row = within(table).getAllByRole('row')[1];
      if (!row) throw new Error('no appointment row');
      expect(within(row).getByRole('rowheader').textContent).toBe('09:30–10:15');
      expect(row.textContent).toContain('45 min');
      expect(row.textContent).toContain('Follow-up');
      expect(row.textContent).toContain('MRN HC1001');
      expect(row.textContent).toContain('Dr Amara Nwosu');
      expect(row.textContent).toContain('Booked');
      expect(within(row).getByRole('link', { name: 'Okafor, Adaeze' }).getAttribute('href')).toBe(
        `/patients/${ada.id}`,
      );
      expect(api.requestsTo(`/api/sites/${newYork.id}/appointments`)[0]?.query.get('date')).toBe(
        '2027-01-13',
      );
      expect(screen.getByText('Hudson Clinic · times in America/New_York')).toBeTruthy();
    },
    SLOW,
  );

  it(
    'says so when the day has no appointments',
    async () => {
      renderCalendar(`/appointments?siteId=${london.id}&view=day&date=2026-11-28`, () => []);
      expect(await screen.findByText('No appointments on Saturday 28 November 2026.')).toBeTruthy();
    },
    SLOW,
  );

  it(
    "places appointments on the site's calendar day in the week, and moves week by week in the URL",
    async () => {
      const api = renderCalendar(`/appointments?siteId=${newYork.id}&view=week&date=2027-03-10`, (request) =>
        request.query.get('from') === '2027-03-08'
          ? [
              anAppointment(newYork, { startsAt: '2027-03-08T14:30:00.000Z', status: 'done' }),
              // 01:00 UTC on Friday is 20:00 on Thursday in New York.
              anAppointment(newYork, { startsAt: '2027-03-12T01:00:00.000Z', patient: ada }),
              // Daylight saving time starts on Sunday 14 March: 13:30 UTC is 09:30 EDT.
              anAppointment(newYork, { startsAt: '2027-03-14T13:30:00.000Z' }),
            ]
          : [],
      );

      const thursday = await screen.findByRole('region', { name: 'Thursday 11 Mar' });
      expect(within(thursday).getByRole('listitem').textContent).toContain('20:00–20:30 · 30 min');
      expect(within(thursday).getByRole('link', { name: 'Okafor, Adaeze' })).toBeTruthy();
      const friday = screen.getByRole('region', { name: 'Friday 12 Mar' });
      expect(within(friday).getByText('No appointments')).toBeTruthy();
      const monday = screen.getByRole('region', { name: 'Monday 8 Mar' });
      expect(within(monday).getByRole('listitem').textContent).toContain('09:30–10:00');
      expect(within(monday).getByText('Done')).toBeTruthy();
      const sunday = screen.getByRole('region', { name: 'Sunday 14 Mar' });
      expect(within(sunday).getByRole('listitem').textContent).toContain('09:30–10:00');
      expect(screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent)).toEqual([
        'Week of 8 – 14 March 2027',
        'Monday 8 Mar',
        'Tuesday 9 Mar',
        'Wednesday 10 Mar',
        'Thursday 11 Mar',
        'Friday 12 Mar',
        'Saturday 13 Mar',
        'Sunday 14 Mar',
      ]);
      expect(api.requestsTo(`/api/sites/${newYork.id}/appointments`)[0]?.query.toString()).toBe(
        'from=2027-03-08&to=2027-03-14',
      );

      fireEvent.click(screen.getByRole('button', { name: /Next week/ }));
      await screen.findByRole('heading', { name: 'Week of 15 – 21 March 2027' });
      expect(location().get('date')).toBe('2027-03-17');
      expect(location().get('view')).toBe('week');
      expect(location().get('siteId')).toBe(newYork.id);
      await waitFor(() => {
        expect(api.requestsTo(`/api/sites/${newYork.id}/appointments`).at(-1)?.query.toString()).toBe(
          'from=2027-03-15&to=2027-03-21',
        );
      });

      fireEvent.click(screen.getByRole('button', { name: /Previous week/ }));
      fireEvent.click(screen.getByRole('button', { name: /Previous week/ }));
      expect(location().get('date')).toBe('2027-03-03');
      expect(await screen.findByRole('heading', { name: 'Week of 1 – 7 March 2027' })).toBeTruthy();

      fireEvent.click(screen.getByRole('button', { name: 'Day' }));
      expect(location().get('view')).toBe('day');
      expect(await screen.findByRole('heading', { name: 'Wednesday 3 March 2027' })).toBeTruthy();
    },
    SLOW,
  );

  it(
    'cancels with the version read, and shows a 409 conflict with the calendar reloaded',
    async () => {
      let version = 3;
      const appointment = (): AppointmentDto =>
        anAppointment(london, {
          id: 'a5e0c5d2-0d0c-4c55-9a55-5d1f4e1b6a01',
          startsAt: '2026-11-25T10:00:00.000Z',
          patient: ada,
          version,
        });
      const api = installFakeApi((request) => {
        if (request.path === '/api/auth/session') return jsonResponse(aSession({ role: 'nurse' }));
        if (request.path === '/api/sites') return jsonResponse({ items: [london] });
        if (request.path === `/api/sites/${london.id}/appointments`)
          return jsonResponse(aSiteAppointmentList(london, '2026-11-25', '2026-11-25', [appointment()]));
        if (request.path.endsWith('/cancel')) {
          version = 4;
          return problemResponse({
            status: 409,
            code: 'VERSION_CONFLICT',
            title: 'Changed by someone else',
            detail: 'The appointment changed since it was read.',
          });
        }
        return notFound(request);
      });
      renderWithProviders(
        <MemoryRouter initialEntries={[`/appointments?siteId=${london.id}&date=2026-11-25`]}>
          <Routes>
            <Route path="/appointments" element={<AppointmentsRoute />} />
          </Routes>
        </MemoryRouter>,
      );

      fireEvent.click(await screen.findByRole('button', { name: 'Cancel: Okafor, Adaeze at 10:00' }));
      fireEvent.change(screen.getByLabelText('Reason (optional)'), { target: { value: 'Patient unwell' } });
      fireEvent.click(screen.getByRole('button', { name: 'Cancel appointment' }));

      expect((await screen.findByRole('alert')).textContent).toContain(
        'Someone changed this appointment since the calendar was loaded',
      );
      expect(
        api.requestsTo('/api/appointments/a5e0c5d2-0d0c-4c55-9a55-5d1f4e1b6a01/cancel')[0]?.body,
      ).toEqual({
        version: 3,
        reason: 'Patient unwell',
      });
      // The list was reloaded (a second GET), so the next try sends the new version.
      await waitFor(() => {
        expect(api.requestsTo(`/api/sites/${london.id}/appointments`).length).toBeGreaterThan(1);
      });
    },
    SLOW,
  );

  it(
    'offers no close buttons to a manager (read only)',
    async () => {
      renderCalendar(
        `/appointments?siteId=${london.id}&date=2026-11-25`,
        () => [anAppointment(london, { startsAt: '2026-11-25T10:00:00.000Z' })],
        'manager',
      );
      await screen.findByRole('table');
      expect(screen.queryByRole('button', { name: /Mark done/ })).toBeNull();
      expect(screen.queryByRole('columnheader', { name: 'Actions' })).toBeNull();
    },
    SLOW,
  );
});
