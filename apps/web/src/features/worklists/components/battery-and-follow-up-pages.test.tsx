import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { aBatteryEntry, aFollowUpEntry, aWorklistSite } from '../../../../test/builders/worklists.ts';
import {
  aSession,
  type FakeRequest,
  installFakeApi,
  jsonResponse,
  notFound,
  problemResponse,
} from '../../../../test/fake-api.ts';
import { renderWithProviders } from '../../../../test/render.tsx';
import BatteryWorklistRoute from '../../../app/routes/battery-worklist.tsx';
import FollowUpWorklistRoute from '../../../app/routes/follow-up-worklist.tsx';

const north = aWorklistSite({ name: 'North Clinic' });
const south = aWorklistSite({ name: 'South Hospital' });

function fakeClinic(path: string, worklist: (request: FakeRequest) => Response) {
  return installFakeApi((request) => {
    if (request.path === '/api/auth/session') return jsonResponse(aSession({ role: 'nurse' }));
    if (request.path === '/api/sites') return jsonResponse({ items: [north, south] });
    if (request.path === path) return worklist(request);
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
        <Route path="/batteries" element={<BatteryWorklistRoute />} />
        <Route path="/follow-ups" element={<FollowUpWorklistRoute />} />
      </Routes>
      <LocationProbe />
    </MemoryRouter>,
  );
}

describe('the battery worklist', () => {
  it('lists each pump with its status in words, key dates and sentence', async () => {
    const entry = aBatteryEntry(north, {
      familyName: 'Okafor',
      mrn: 'B1001',
      status: 'eri_reported',
      urgency: 'critical',
      eriReportedDate: '2026-11-20',
      endOfService: '2027-02-18',
      message: 'ERI reported on 20 Nov 2026: end of service by 18 Feb 2027, replace now.',
    });
    fakeClinic('/api/worklists/batteries', () =>
      jsonResponse({ items: [entry, aBatteryEntry(north, { familyName: 'Lindqvist' })], nextCursor: null }),
    );
    renderAt('/batteries');
    expect(await screen.findByRole('heading', { level: 1, name: 'Batteries' })).toBeTruthy();
    const row = await screen.findByRole('row', { name: /Okafor/ });
    expect(within(row).getByRole('link', { name: 'Okafor, Ada' }).getAttribute('href')).toBe(
      `/patients/${entry.patient.id}`,
    );
    expect(within(row).getByText('B1001')).toBeTruthy();
    expect(within(row).getByText('ERI reported')).toBeTruthy();
    expect(within(row).getByText(/^ERI reported on 20 Nov 2026/)).toBeTruthy();
    expect(within(row).getByText('20 Nov 2026')).toBeTruthy();
    expect(within(row).getByText('(5 days ago)')).toBeTruthy();
    expect(within(row).getByText('18 Feb 2027')).toBeTruthy();
    expect(within(row).getByText('1 Nov 2026')).toBeTruthy();
    const other = screen.getByRole('row', { name: /Lindqvist/ });
    expect(within(other).getByText('Replacement overdue')).toBeTruthy();
    expect(within(other).getByText('Not reported')).toBeTruthy();
    expect(screen.getByText('2 patients listed.')).toBeTruthy();
  });

  it('keeps the filters in the URL and sends them, without the refill-only one', async () => {
    const api = fakeClinic('/api/worklists/batteries', () =>
      jsonResponse({ items: [aBatteryEntry(south)], nextCursor: null }),
    );
    renderAt(`/batteries?siteId=${south.id}&horizonDays=90&noAppointment=true`);
    await screen.findByRole('row', { name: /Lovelace/ });
    const request = api.requestsTo('/api/worklists/batteries')[0];
    expect(request?.query.get('siteId')).toBe(south.id);
    expect(request?.query.get('horizonDays')).toBe('90');
    expect(request?.query.has('noAppointment')).toBe(false);
    expect(screen.queryByLabelText('No appointment before the due date')).toBeNull();

    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Horizon'), 'Standard (everything not OK)');
    await vi.waitFor(() => {
      expect(screen.getByTestId('location').textContent).toBe(
        `/batteries?siteId=${south.id}&noAppointment=true`,
      );
    });
    expect(screen.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toBe(
      `/api/worklists/batteries.csv?siteId=${south.id}`,
    );
  });

  it('says so when no battery needs attention', async () => {
    fakeClinic('/api/worklists/batteries', () => jsonResponse({ items: [], nextCursor: null }));
    renderAt('/batteries');
    expect(await screen.findByText('No battery needs attention: every pump is OK.')).toBeTruthy();
  });

  it('shows the API’s problem when the list fails', async () => {
    fakeClinic('/api/worklists/batteries', () =>
      problemResponse({ status: 403, code: 'FORBIDDEN', title: 'Not allowed', detail: 'Not your site.' }),
    );
    renderAt('/batteries');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the battery worklist');
    expect(alert.textContent).toContain('Not allowed: Not your site.');
  });
});

describe('the follow-up worklist', () => {
  it('lists each patient with the review status in words, last and next review', async () => {
    const never = aFollowUpEntry(north, {
      familyName: 'Okafor',
      status: 'never_reviewed',
      lastReview: null,
      nextReviewDue: '2026-11-01',
      daysUntilDue: -24,
      highRisk: true,
      message: 'Never reviewed since the implant on 1 Aug 2026: first review was due 1 Nov 2026.',
    });
    const soon = aFollowUpEntry(north, {
      familyName: 'Moreau',
      status: 'due_soon',
      urgency: 'due_soon',
      nextReviewDue: '2026-12-05',
      daysUntilDue: 10,
      message: 'Review due in 10 days on 5 Dec 2026.',
    });
    fakeClinic('/api/worklists/follow-ups', () => jsonResponse({ items: [never, soon], nextCursor: null }));
    renderAt('/follow-ups?horizonDays=30');
    expect(await screen.findByRole('heading', { level: 1, name: 'Follow-ups' })).toBeTruthy();
    const first = await screen.findByRole('row', { name: /Okafor/ });
    expect(within(first).getByText('Never reviewed')).toBeTruthy();
    expect(within(first).getByText('Never')).toBeTruthy();
    expect(within(first).getByText('High risk')).toBeTruthy();
    expect(within(first).getByText('24 days overdue')).toBeTruthy();
    expect(within(first).getByText('Dr Grace Hopper')).toBeTruthy();
    const second = screen.getByRole('row', { name: /Moreau/ });
    expect(within(second).getByText('Review due soon')).toBeTruthy();
    expect(within(second).getByText('5 Dec 2026')).toBeTruthy();
    expect(within(second).getByText('(in 10 days)')).toBeTruthy();
    expect(within(second).getByText('15 May 2026')).toBeTruthy();
    expect(screen.getByLabelText<HTMLSelectElement>('Horizon').value).toBe('30');
    expect(screen.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toBe(
      '/api/worklists/follow-ups.csv?horizonDays=30',
    );
  });

  it('offers to clear the filters when nothing matches', async () => {
    fakeClinic('/api/worklists/follow-ups', () => jsonResponse({ items: [], nextCursor: null }));
    renderAt('/follow-ups?highRisk=true');
    expect(await screen.findByText('No patients match these filters.')).toBeTruthy();
    const clear = screen.getAllByRole('button', { name: 'Clear filters' });
    await userEvent.setup().click(clear[clear.length - 1] as HTMLElement);
    expect(await screen.findByText('No reviews due: every patient is OK.')).toBeTruthy();
    expect(screen.getByTestId('location').textContent).toBe('/follow-ups');
  });
});
