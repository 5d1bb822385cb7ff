import { BrowserRouter } from 'react-router';
import { type PatientListItem } from '@pumpdesk/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  aPatient,
  aSite,
  type FakeRequest,
  installFakeApi,
  jsonResponse,
  notFound,
  problemResponse,
} from '../../../test/fake-api.ts';
import { renderWithProviders } from '../../../test/render.tsx';
import PatientsRoute from './patients.tsx';

const northside = aSite({ name: 'Northside Clinic' });
const riverside = aSite({ name: 'Riverside Hospital' });

/** A fake API with two sites whose patient list answers with `patients(request)`. */
function fakeApi(patients: (request: FakeRequest) => Response | Promise<Response>) {
  return installFakeApi((request) => {
    if (request.path === '/api/sites') return jsonResponse({ items: [northside, riverside] });
    if (request.path === '/api/patients') return patients(request);
    return notFound(request);
  });
}

function page(items: PatientListItem[], nextCursor: string | null = null): Response {
  return jsonResponse({ items, nextCursor });
}

function renderPage(url = '/'): void {
  window.history.replaceState(null, '', url);
  renderWithProviders(
    <BrowserRouter>
      <PatientsRoute />
    </BrowserRouter>,
  );
}

describe('patient list page', () => {
  it('shows one row per patient with readable clinical details', async () => {
    const lovelace = aPatient({
      familyName: 'Lovelace',
      givenName: 'Ada',
      mrn: 'MRN0042',
      dateOfBirth: '1980-03-14',
      highRisk: true,
      site: { id: riverside.id, name: riverside.name },
    });
    const hopper = aPatient({
      familyName: 'Hopper',
      givenName: 'Grace',
      responsiblePhysician: null,
      currentPump: null,
    });
    fakeApi(() => page([lovelace, hopper]));
    renderPage();

    expect(screen.getByRole('status')).toHaveProperty('textContent', 'Loading patients…');
    const row = (await screen.findByRole('rowheader', { name: /Lovelace, Ada/ })).closest('tr');
    if (!row) throw new Error('no row');
    const cells = within(row)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect(cells).toEqual([
      'MRN0042',
      '14 Mar 1980',
      'Multiple sclerosis',
      'Active',
      'Riverside Hospital',
      'Dr Grace Hopper',
      'SynchroMed II 40\u00a0mL · NGP100001',
      '14 Mar 2027',
    ]);
    expect(within(row).getByText('High risk')).toBeTruthy();
    const hopperRow = screen.getByRole('rowheader', { name: 'Hopper, Grace' }).closest('tr');
    expect(hopperRow?.textContent).toContain('Not assigned');
    expect(hopperRow?.textContent).toContain('No pump');
    expect(screen.getByRole('status').textContent).toBe('2 patients shown.');
    expect(screen.getAllByRole('columnheader').map((header) => header.textContent)).toContain(
      'Next refill due',
    );
    const siteSelect = screen.getByLabelText('Site');
    await waitFor(() => {
      expect(
        within(siteSelect)
          .getAllByRole('option')
          .map((option) => option.textContent),
      ).toEqual(['All sites', 'Northside Clinic', 'Riverside Hospital']);
    });
  });

  it('sends the search after a pause in typing and keeps it in the URL', async () => {
    const api = fakeApi((request) =>
      page(
        request.query.get('q') === 'lov'
          ? [aPatient({ familyName: 'Lovelace' })]
          : [aPatient({ familyName: 'Babbage' })],
      ),
    );
    renderPage();
    await screen.findByRole('rowheader', { name: /Babbage/ });

    const search = screen.getByLabelText('Search by name or MRN');
    for (const text of ['l', 'lo', 'lov']) fireEvent.change(search, { target: { value: text } });

    await screen.findByRole('rowheader', { name: /Lovelace/ });
    expect(api.requestsTo('/api/patients').map((request) => request.query.get('q'))).toEqual([null, 'lov']);
    expect(window.location.search).toBe('?q=lov');
  });

  it('filters by site and status, and reads the filters back from a shared link', async () => {
    const api = fakeApi(() => page([aPatient()]));
    renderPage(`/?q=ada&status=trial&siteId=${riverside.id}`);

    await screen.findByRole('rowheader', { name: /Lovelace/ });
    expect(screen.getByLabelText<HTMLInputElement>('Search by name or MRN').value).toBe('ada');
    expect(screen.getByLabelText<HTMLSelectElement>('Status').value).toBe('trial');
    const first = api.requestsTo('/api/patients')[0];
    expect(first?.query.get('q')).toBe('ada');
    expect(first?.query.getAll('status')).toEqual(['trial']);
    expect(first?.query.get('siteId')).toBe(riverside.id);

    fireEvent.change(screen.getByLabelText('Status'), { target: { value: '' } });
    await waitFor(() => {
      expect(api.requestsTo('/api/patients').at(-1)?.query.has('status')).toBe(false);
    });
    expect(window.location.search).toBe(`?q=ada&siteId=${riverside.id}`);
  });

  it('says when nothing matches and offers to clear the filters', async () => {
    const api = fakeApi((request) =>
      page(request.query.get('q') ? [] : [aPatient({ familyName: 'Babbage' })]),
    );
    renderPage('/?q=zzz');

    expect(await screen.findByText('No patients match “zzz”.')).toBeTruthy();
    const clearButtons = screen.getAllByRole('button', { name: 'Clear filters' });
    fireEvent.click(clearButtons.at(-1) as HTMLElement);

    await screen.findByRole('rowheader', { name: /Babbage/ });
    expect(api.requestsTo('/api/patients').at(-1)?.query.has('q')).toBe(false);
    expect(window.location.search).toBe('');
    expect(screen.getByLabelText<HTMLInputElement>('Search by name or MRN').value).toBe('');
  });

  it('shows the API’s explanation when the list fails, and retries', async () => {
    let failures = 1;
    fakeApi(() =>
      failures-- > 0
        ? problemResponse({
            status: 503,
            code: 'DATABASE_UNAVAILABLE',
            title: 'Database unavailable',
            detail: 'The database did not answer in time.',
            requestId: 'req-123',
          })
        : page([aPatient()]),
    );
    renderPage();

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Database unavailable: The database did not answer in time.');
    expect(alert.textContent).toContain('req-123');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));

    await screen.findByRole('rowheader', { name: /Lovelace/ });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('loads the next page with the cursor and keeps the rows already shown', async () => {
    const api = fakeApi((request) =>
      request.query.get('cursor') === 'page-2'
        ? page([aPatient({ familyName: 'Turing', givenName: 'Alan' })])
        : page([aPatient({ familyName: 'Lovelace' })], 'page-2'),
    );
    renderPage();

    await screen.findByRole('rowheader', { name: /Lovelace/ });
    expect(screen.getByRole('status').textContent).toBe('1 patient shown; more available.');
    fireEvent.click(screen.getByRole('button', { name: 'Load more patients' }));

    await screen.findByRole('rowheader', { name: /Turing, Alan/ });
    expect(screen.getByRole('rowheader', { name: /Lovelace/ })).toBeTruthy();
    expect(api.requestsTo('/api/patients').map((request) => request.query.get('cursor'))).toEqual([
      null,
      'page-2',
    ]);
    expect(screen.queryByRole('button', { name: 'Load more patients' })).toBeNull();
  });
});
