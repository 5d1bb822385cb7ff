import { type AppointmentDto, type RefillWorklistEntry, type SessionInfo } from '@pumpdesk/contracts';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { aRefillEntry, anAppointment, aWorklistSite } from '../../../../test/builders/worklists.ts';
import {
  aSession,
  type FakeRequest,
  installFakeApi,
  jsonResponse,
  notFound,
  problemResponse,
} from '../../../../test/fake-api.ts';
import { renderWithProviders } from '../../../../test/render.tsx';
import RefillWorklistRoute from '../../../app/routes/refill-worklist.tsx';

const newYork = aWorklistSite({ name: 'Hudson Clinic', timeZone: 'America/New_York' });
const london = aWorklistSite({ name: 'Thames Clinic', timeZone: 'Europe/London' });

interface Clinic {
  session?: SessionInfo;
  /** The worklist pages, by cursor ('' for the first). */
  pages?: Record<string, { items: RefillWorklistEntry[]; nextCursor: string | null }>;
  worklist?: (request: FakeRequest) => Response;
  booked?: AppointmentDto[] | (() => AppointmentDto[]);
  today?: AppointmentDto[];
  write?: (request: FakeRequest) => Response;
}

function fakeClinic(clinic: Clinic) {
  const session = clinic.session ?? aSession({ role: 'nurse' });
  session.user.sites = [{ id: newYork.id, name: newYork.name }];
  return installFakeApi((request) => {
    const { method, path } = request;
    if (path === '/api/auth/session') return jsonResponse(session);
    if (path === '/api/sites') return jsonResponse({ items: [newYork, london] });
    if (path === '/api/worklists/refills') {
      if (clinic.worklist) return clinic.worklist(request);
      const page = clinic.pages?.[request.query.get('cursor') ?? ''];
      return page ? jsonResponse(page) : notFound(request);
    }
    const siteDay = /^\/api\/sites\/([^/]+)\/appointments$/.exec(path);
    if (siteDay) {
      const site = [newYork, london].find((candidate) => candidate.id === siteDay[1]) ?? newYork;
      const ranged = request.query.has('from');
      const booked = typeof clinic.booked === 'function' ? clinic.booked() : clinic.booked;
      const items = (ranged ? booked : clinic.today) ?? [];
      return jsonResponse({
        site: { id: site.id, name: site.name, timeZone: site.timeZone },
        from: request.query.get('from') ?? '2026-11-25',
        to: request.query.get('to') ?? '2026-11-25',
        items: items.filter((appointment) => appointment.site.id === site.id),
      });
    }
    if (method !== 'GET' && clinic.write) return clinic.write(request);
    return notFound(request);
  });
}

function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>;
}

function renderAt(url: string): void {
  renderWithProviders(
    <MemoryRouter initialEntries={[url]}>
      <Routes>
        <Route
          path="/refills"
          element={
            <>
              <RefillWorklistRoute />
              <LocationProbe />
            </>
          }
        />
      </Routes>
    </MemoryRouter>,
  );
}

function section(name: RegExp): HTMLElement {
  return screen.getByRole('region', { name });
}

describe('the refill worklist (nurse home)', () => {
  it('puts each entry in its section, with counts, and shows what a row needs', async () => {
    const overdue = aRefillEntry(newYork, { familyName: 'Okafor', mrn: 'E1001', highRisk: true });
    const booked = aRefillEntry(newYork, {
      familyName: 'Lindqvist',
      mrn: 'E1002',
      status: 'due_soon',
      urgency: 'due_soon',
      dueDate: '2026-11-28',
      dueDateBoundBy: 'drug_stability',
      daysUntilDue: 3,
      nextBookedRefill: '2026-11-27',
      noAppointmentByDueDate: false,
      message: 'Due in 3 days on 28 Nov 2026 (alarm 4 Dec 2026). Refill booked 27 Nov 2026.',
    });
    const appointment = anAppointment(booked.patient, newYork, { startsAt: '2026-11-27T15:00:00.000Z' });
    fakeClinic({
      pages: {
        '': {
          items: [
            aRefillEntry(newYork, { familyName: 'Critical', status: 'critical', urgency: 'critical' }),
            aRefillEntry(newYork, { familyName: 'Unknown', status: 'unknown', urgency: 'unknown' }),
            overdue,
          ],
          nextCursor: 'page-2',
        },
        'page-2': {
          items: [
            booked,
            aRefillEntry(newYork, { familyName: 'Later', status: 'upcoming', urgency: 'upcoming' }),
          ],
          nextCursor: null,
        },
      },
      booked: [appointment],
    });
    renderAt('/refills');

    // Every page is loaded, so the counts cover the whole list.
    expect(await screen.findByRole('heading', { name: 'Upcoming (1)' }, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Refills due' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Critical (2)' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Overdue (1)' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Due this week (1)' })).toBeTruthy();
    expect(screen.getByText('5 patients listed.')).toBeTruthy();

    const critical = section(/^Critical/);
    expect(
      within(critical)
        .getAllByRole('rowheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Critical, Ada', 'Unknown, Ada']);

    const row = within(section(/^Overdue/)).getByRole('row', { name: /Okafor/ });
    const link = within(row).getByRole('link', { name: 'Okafor, Ada' });
    expect(link.getAttribute('href')).toBe(`/patients/${overdue.patient.id}`);
    expect(within(row).getByText('High risk')).toBeTruthy();
    expect(within(row).getByText('E1001')).toBeTruthy();
    expect(within(row).getByText('SynchroMed II')).toBeTruthy();
    expect(within(row).getByText('22 Nov 2026')).toBeTruthy();
    expect(within(row).getByText('(3 days ago)')).toBeTruthy();
    expect(within(row).getByText('Set by the low-reservoir alarm and its safety margin')).toBeTruthy();
    expect(within(row).getByText(/^Overdue by 3 days: due 22 Nov 2026/)).toBeTruthy();
    expect(within(row).getByText('29 Nov 2026')).toBeTruthy();
    expect(within(row).getByText('3 days overdue')).toBeTruthy();
    expect(within(row).getByText('No appointment before due date')).toBeTruthy();
    expect(within(row).getByRole('button', { name: 'Book refill appointment for Okafor, Ada' })).toBeTruthy();
    expect(
      within(row).getByRole('link', { name: 'Record refill for Okafor, Ada' }).getAttribute('href'),
    ).toBe(`/patients/${overdue.patient.id}/refill`);

    // The booked refill on the site's own clock (15:00Z is 10:00 in New York).
    const bookedRow = within(section(/^Due this week/)).getByRole('row', { name: /Lindqvist/ });
    expect(await within(bookedRow).findByText('27 Nov 2026, 10:00')).toBeTruthy();
    expect(within(bookedRow).getByText('Set by the drug’s stability in the pump')).toBeTruthy();
    expect(within(bookedRow).getByRole('button', { name: /^Move refill appointment/ })).toBeTruthy();
  });

  it('keeps site and horizon in the URL, sends them to the API and to the CSV link', async () => {
    const api = fakeClinic({ pages: { '': { items: [aRefillEntry(newYork)], nextCursor: null } } });
    renderAt(`/refills?siteId=${london.id}&horizonDays=14`);
    await screen.findByRole('heading', { name: 'Overdue (1)' });
    const first = api.requestsTo('/api/worklists/refills')[0];
    expect(first?.query.get('siteId')).toBe(london.id);
    expect(first?.query.get('horizonDays')).toBe('14');
    expect(screen.getByLabelText<HTMLSelectElement>('Site').value).toBe(london.id);
    expect(screen.getByLabelText<HTMLSelectElement>('Horizon').value).toBe('14');
    // Today's appointments follow the site filter.
    expect(api.requestsTo(`/api/sites/${london.id}/appointments`)).not.toHaveLength(0);

    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Horizon'), 'Next 60 days');
    await user.selectOptions(screen.getByLabelText('Site'), 'Hudson Clinic');
    await user.click(screen.getByLabelText('High-risk patients only'));
    const expected = `siteId=${newYork.id}&horizonDays=60&highRisk=true`;
    await vi.waitFor(() => {
      expect(screen.getByTestId('location').textContent).toBe(`/refills?${expected}`);
      const last = api.requestsTo('/api/worklists/refills').at(-1);
      expect(last?.query.get('siteId')).toBe(newYork.id);
      expect(last?.query.get('horizonDays')).toBe('60');
      expect(last?.query.get('highRisk')).toBe('true');
    });
    expect(screen.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toBe(
      `/api/worklists/refills.csv?${expected}`,
    );

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await vi.waitFor(() => {
      expect(screen.getByTestId('location').textContent).toBe('/refills');
    });
  });

  it('books on the site’s wall clock: 09:30 in New York is 14:30 UTC, and the row then shows it', async () => {
    const entry = aRefillEntry(newYork, { familyName: 'Okafor' });
    const state = { saved: null as AppointmentDto | null };
    const api = fakeClinic({
      worklist: () =>
        jsonResponse({
          items: [
            state.saved
              ? { ...entry, nextBookedRefill: '2026-12-01', message: 'Next refill booked 1 Dec 2026.' }
              : entry,
          ],
          nextCursor: null,
        }),
      booked: () => (state.saved ? [state.saved] : []),
      write: (request) => {
        const body = request.body as { startsAt: string; durationMinutes: number };
        state.saved = anAppointment(entry.patient, newYork, {
          startsAt: body.startsAt,
          durationMinutes: body.durationMinutes,
        });
        return jsonResponse(state.saved, 201);
      },
    });
    renderAt('/refills');
    const user = userEvent.setup();
    const book = await screen.findByRole('button', { name: 'Book refill appointment for Okafor, Ada' });
    await user.click(book);

    const form = screen.getByRole('form', { name: 'Book a refill appointment for Okafor, Ada' });
    const day = within(form).getByLabelText('Day');
    expect(document.activeElement).toBe(day);
    expect(within(form).getByText('Time zone America/New_York')).toBeTruthy();
    fireEvent.change(day, { target: { value: '2026-12-01' } });
    fireEvent.change(within(form).getByLabelText('Time at Hudson Clinic'), { target: { value: '09:30' } });
    await user.clear(within(form).getByLabelText('Minutes'));
    await user.type(within(form).getByLabelText('Minutes'), '45');
    await user.click(within(form).getByRole('button', { name: 'Book appointment' }));

    await vi.waitFor(() => {
      expect(api.requestsTo(`/api/patients/${entry.patient.id}/appointments`)[0]?.body).toEqual({
        kind: 'refill',
        startsAt: '2026-12-01T14:30:00.000Z',
        durationMinutes: 45,
        siteId: newYork.id,
      });
    });
    const request = api.requestsTo(`/api/patients/${entry.patient.id}/appointments`)[0];
    expect(request?.method).toBe('POST');
    expect(request?.headers.get('X-CSRF-Token')).toMatch(/^csrf-/);
    expect(
      await screen.findByText(
        'Refill appointment for Okafor, Ada booked for 1 Dec 2026, 09:30 at Hudson Clinic.',
      ),
    ).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
    // The worklist and the site's booked list were read again: the row shows the booking.
    const row = screen.getByRole('row', { name: /Okafor/ });
    expect(await within(row).findByText('1 Dec 2026, 09:30')).toBeTruthy();
    expect(within(row).getByText('After the due date')).toBeTruthy();
    await vi.waitFor(() => {
      expect(document.activeElement).toBe(
        within(row).getByRole('button', { name: 'Move refill appointment for Okafor, Ada' }),
      );
    });
  });

  it('keeps what was typed when the booking is refused (overlap), and says why', async () => {
    const entry = aRefillEntry(newYork, { familyName: 'Okafor' });
    fakeClinic({
      pages: { '': { items: [entry], nextCursor: null } },
      write: () =>
        problemResponse({
          status: 409,
          code: 'OVERLAPPING_APPOINTMENT',
          title: 'Overlapping appointment',
          detail: 'The patient has another booked appointment at that time.',
        }),
    });
    renderAt('/refills');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^Book refill appointment/ }));
    const form = screen.getByRole('form', { name: /^Book a refill appointment/ });
    fireEvent.change(within(form).getByLabelText('Day'), { target: { value: '2026-12-02' } });
    fireEvent.change(within(form).getByLabelText(/^Time at/), { target: { value: '11:15' } });
    await user.click(within(form).getByRole('button', { name: 'Book appointment' }));

    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toContain('This overlaps another appointment of the patient.');
    expect(alert.textContent).toContain('The patient has another booked appointment at that time.');
    expect(within(form).getByLabelText<HTMLInputElement>('Day').value).toBe('2026-12-02');
    expect(within(form).getByLabelText<HTMLInputElement>(/^Time at/).value).toBe('11:15');
    expect(within(form).getByLabelText('Day').getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByRole('button', { name: 'Book appointment' })).toBeTruthy();
  });

  it('moves a booked refill with its version, and explains a version conflict keeping the input', async () => {
    const entry = aRefillEntry(newYork, {
      familyName: 'Okafor',
      nextBookedRefill: '2026-11-27',
      noAppointmentByDueDate: true,
    });
    const appointment = anAppointment(entry.patient, newYork, {
      startsAt: '2026-11-27T15:00:00.000Z',
      version: 4,
    });
    const api = fakeClinic({
      pages: { '': { items: [entry], nextCursor: null } },
      booked: [appointment],
      write: () =>
        problemResponse({
          status: 409,
          code: 'VERSION_CONFLICT',
          title: 'Changed by someone else',
          detail: 'The record changed since it was read.',
        }),
    });
    renderAt('/refills');
    const row = await screen.findByRole('row', { name: /Okafor/ });
    expect(await within(row).findByText('27 Nov 2026, 10:00')).toBeTruthy();
    expect(within(row).getByText('After the due date')).toBeTruthy();
    const user = userEvent.setup();
    await user.click(within(row).getByRole('button', { name: 'Move refill appointment for Okafor, Ada' }));
    const form = screen.getByRole('form', { name: 'Move the refill appointment for Okafor, Ada' });
    // The current time, on the site's clock.
    expect(within(form).getByLabelText<HTMLInputElement>('Day').value).toBe('2026-11-27');
    expect(within(form).getByLabelText<HTMLInputElement>(/^Time at/).value).toBe('10:00');
    fireEvent.change(within(form).getByLabelText(/^Time at/), { target: { value: '08:00' } });
    await user.click(within(form).getByRole('button', { name: 'Move appointment' }));

    await vi.waitFor(() => {
      expect(api.requestsTo(`/api/appointments/${appointment.id}`)[0]?.body).toEqual({
        version: 4,
        startsAt: '2026-11-27T13:00:00.000Z',
        durationMinutes: 30,
      });
    });
    expect(api.requestsTo(`/api/appointments/${appointment.id}`)[0]?.method).toBe('PATCH');
    expect((await within(form).findByRole('alert')).textContent).toContain(
      'Someone else changed this appointment since it was shown.',
    );
    expect(within(form).getByLabelText<HTMLInputElement>(/^Time at/).value).toBe('08:00');
  });

  it('closes the form with Escape and puts focus back on its button', async () => {
    fakeClinic({ pages: { '': { items: [aRefillEntry(newYork)], nextCursor: null } } });
    renderAt('/refills');
    const user = userEvent.setup();
    const book = await screen.findByRole('button', { name: /^Book refill appointment/ });
    await user.click(book);
    expect(book.getAttribute('aria-expanded')).toBe('true');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('form')).toBeNull();
    await vi.waitFor(() => {
      expect(document.activeElement).toBe(book);
    });
  });

  it('shows a manager the list without booking or refill actions', async () => {
    fakeClinic({
      session: aSession({ role: 'manager' }),
      pages: { '': { items: [aRefillEntry(newYork, { familyName: 'Okafor' })], nextCursor: null } },
    });
    renderAt('/refills');
    const row = await screen.findByRole('row', { name: /Okafor/ });
    expect(within(row).queryByRole('button')).toBeNull();
    expect(within(row).queryByRole('link', { name: /Record refill/ })).toBeNull();
  });

  it('shows today’s appointments at the user’s site, on the site’s clock', async () => {
    const patient = aRefillEntry(newYork, { familyName: 'Moreau' }).patient;
    fakeClinic({
      pages: { '': { items: [], nextCursor: null } },
      today: [anAppointment(patient, newYork, { startsAt: '2026-11-25T19:00:00.000Z', durationMinutes: 30 })],
    });
    renderAt('/refills');
    const table = await screen.findByRole('table', { name: 'Hudson Clinic, 25 Nov 2026 (1 appointment)' });
    const row = within(table).getByRole('row', { name: /Moreau/ });
    expect(within(row).getByText('14:00')).toBeTruthy();
    expect(within(row).getByText('14:30')).toBeTruthy();
    expect(within(row).getByText('Refill')).toBeTruthy();
  });

  it('says so when nothing needs a refill', async () => {
    fakeClinic({ pages: { '': { items: [], nextCursor: null } } });
    renderAt('/refills');
    expect(await screen.findByText('No refills need attention: every pump is OK.')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: /^Critical/ })).toBeNull();
  });

  it('shows the API’s problem and retries when the list fails to load', async () => {
    const state = { fail: true };
    fakeClinic({
      worklist: () =>
        state.fail
          ? problemResponse({
              status: 400,
              code: 'VALIDATION_FAILED',
              title: 'Invalid request',
              detail: 'Bad cursor.',
            })
          : jsonResponse({ items: [aRefillEntry(newYork)], nextCursor: null }),
    });
    renderAt('/refills');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the refill worklist');
    expect(alert.textContent).toContain('Invalid request: Bad cursor.');
    state.fail = false;
    await userEvent.setup().click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('heading', { name: 'Overdue (1)' })).toBeTruthy();
  });
});
