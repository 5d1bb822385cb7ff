import { type SiteSummary } from '@pumpdesk/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import {
  aRefillsPerClinicianReport,
  aRefillsPerMonthReport,
  allReports,
  anOverdueOverTimeReport,
} from '../../../../test/builders/reports.ts';
import {
  aSite,
  type FakeRequest,
  installFakeApi,
  jsonResponse,
  notFound,
  problemResponse,
} from '../../../../test/fake-api.ts';
import { renderWithProviders } from '../../../../test/render.tsx';
import { ReportsPage } from './reports-page.tsx';

const northside: SiteSummary = { ...aSite({ name: 'Northside Clinic' }), phone: null, address: null };
const riverside: SiteSummary = { ...aSite({ name: 'Riverside Hospital' }), phone: null, address: null };

const REPORT_PATH = /^\/api\/reports\/([a-z-]+)$/;

/** A fake API answering every report from `reports` (by name), or with `answer` when it returns one. */
function fakeReports(
  reports: Record<string, unknown> = allReports(),
  answer: (name: string, request: FakeRequest) => Response | undefined | Promise<Response | undefined> = () =>
    undefined,
) {
  return installFakeApi(async (request) => {
    const name = REPORT_PATH.exec(request.path)?.[1];
    if (!name || !(name in reports)) return notFound(request);
    return (await answer(name, request)) ?? jsonResponse(reports[name]);
  });
}

function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>;
}

function renderPage(url = '/reports', sitesUnavailable = false) {
  renderWithProviders(
    <MemoryRouter initialEntries={[url]}>
      <Routes>
        <Route
          path="/reports"
          element={
            <>
              <ReportsPage sites={[northside, riverside]} sitesUnavailable={sitesUnavailable} />
              <LocationProbe />
            </>
          }
        />
      </Routes>
    </MemoryRouter>,
  );
}

// Tables and sections are found by their caption and heading text: role queries over six charts
// and tables are slow in jsdom. (The e2e test and its axe scan check the roles in a real browser.)

/** The table whose caption is `caption`, once it is on screen. */
function findTable(caption: string, within: HTMLElement = document.body): Promise<HTMLTableElement> {
  return waitFor(
    () => {
      const found = [...within.querySelectorAll('caption')].find(
        (element) => element.textContent === caption,
      );
      const table = found?.closest('table');
      if (!table) throw new Error(`No table captioned ${caption}`);
      return table;
    },
    { timeout: 5000 },
  );
}

/** The rows of the table with this caption, each as its cells' text (header cell first). */
async function tableRows(caption: string): Promise<string[][]> {
  const table = await findTable(caption);
  return [...table.querySelectorAll('tbody tr')].map((row) =>
    [...row.querySelectorAll('th, td')].map((cell) => cell.textContent),
  );
}

function headers(caption: string): Promise<string[]> {
  return findTable(caption).then((table) =>
    [...table.querySelectorAll('thead th')].map((cell) => cell.textContent),
  );
}

/** The section (a region named by its h2) with this heading. */
function section(title: string): HTMLElement {
  const heading = screen.getByRole('heading', { level: 2, name: title });
  const region = heading.closest('section');
  if (!region || region.getAttribute('aria-labelledby') !== heading.id)
    throw new Error(`No section ${title}`);
  return region;
}

function csvLink(name: RegExp): string | null {
  return screen.getByRole('link', { name }).getAttribute('href');
}

describe('reports page', { timeout: 20_000 }, () => {
  it('shows the caseload figures and tables from the caseload report', async () => {
    fakeReports();
    renderPage();

    expect(await screen.findByRole('heading', { level: 1, name: 'Reports' })).toBeTruthy();
    const caseload = section('Caseload');
    await findTable('Caseload by status', caseload);
    const figures = within(caseload)
      .getAllByRole('term')
      .map((term) => `${term.textContent}: ${term.nextElementSibling?.textContent}`);
    expect(figures).toEqual(['Patients: 17', 'Implanted pumps: 12', 'Active patients: 11']);
    expect(await tableRows('Caseload by status')).toEqual([
      ['Candidate', '3', '0'],
      ['Trial', '1', '0'],
      ['Active', '11', '11'],
      ['Inactive', '0', '0'],
      ['Explanted', '1', '0'],
      ['Deceased', '0', '0'],
      ['Transferred', '1', '1'],
      ['All patients', '17', '12'],
    ]);
    expect((await tableRows('Caseload by site')).map((row) => row.join(' | '))).toEqual([
      'Northside Clinic | 10 | 8',
      'Riverside Hospital | 7 | 4',
      'All patients | 17 | 12',
    ]);
    expect(await tableRows('Caseload by diagnosis')).toContainEqual(['Spinal cord injury', '4', '3']);
    expect(screen.getByText(/figures as of 25 Nov 2026/)).toBeTruthy();
  });

  it('shows refills per month, recorded and forecast, in the CSV’s columns', async () => {
    fakeReports();
    renderPage();
    expect(await tableRows('Refills per month')).toEqual([
      ['Oct 2026', '14', '—'],
      ['Nov 2026', '6', '9'],
      ['Dec 2026', '—', '13'],
      ['Jan 2027', '—', '11'],
    ]);
    expect(await headers('Refills per month')).toEqual(['Month', 'Recorded refills', 'Forecast refills']);
    // The chart's legend names each series and its pattern in words, not by colour alone.
    const refills = section('Refills per month');
    expect(within(refills).getByText('Recorded refills (solid bars)')).toBeTruthy();
    expect(within(refills).getByText('Forecast refills (hatched bars)')).toBeTruthy();
    expect(within(refills).getByText('Refills per month: recorded and forecast')).toBeTruthy();
  });

  it('shows battery replacements with those overdue now', async () => {
    fakeReports();
    renderPage();
    expect(await tableRows('Battery replacements per month')).toEqual([
      ['Nov 2026', '5', '2'],
      ['Dec 2026', '0', '0'],
      ['Jan 2027', '1', '0'],
    ]);
    expect(await headers('Battery replacements per month')).toEqual([
      'Month',
      'Replacements',
      'Of which overdue now',
    ]);
    const battery = section('Battery replacements, next 24 months');
    expect(within(battery).getByText('Overdue now', { selector: 'dt' }).nextElementSibling?.textContent).toBe(
      '2',
    );
  });

  it('shows follow-up compliance overall and per site', async () => {
    fakeReports();
    renderPage();
    expect(await tableRows('Follow-up compliance (review interval 182 days)')).toEqual([
      ['All sites', '12', '8', '4', '1', '66.7%'],
      ['Northside Clinic', '8', '6', '2', '1', '75.0%'],
      ['Riverside Hospital', '4', '2', '2', '0', '50.0%'],
    ]);
    const compliance = section('Follow-up compliance');
    expect(
      within(compliance).getByText('Compliant', { selector: 'dt' }).nextElementSibling?.textContent,
    ).toBe('8 of 12 (66.7%)');
  });

  it('shows overdue pumps at each month-end and today, with those not judged', async () => {
    fakeReports();
    renderPage();
    expect(await tableRows('Overdue refills over time')).toEqual([
      ['30 Sep 2026', 'Month end', '10', '3', '1'],
      ['31 Oct 2026', 'Month end', '11', '2', '1'],
      ['25 Nov 2026', 'Today', '12', '4', '2'],
    ]);
  });

  it('shows refills per clinician and month', async () => {
    fakeReports();
    renderPage();
    expect(await tableRows('Refills per clinician and month')).toEqual([
      ['Dr Amara Nwosu', 'Physician', 'Nov 2026', '2'],
      ['Rosa Lind', 'Nurse', 'Oct 2026', '14'],
      ['Rosa Lind', 'Nurse', 'Nov 2026', '4'],
    ]);
    expect(screen.getByText('Refills per clinician, Oct 2026 to Nov 2026')).toBeTruthy();
  });

  it('asks every report for the site chosen, keeps it in the URL and in the CSV links', async () => {
    const api = fakeReports();
    renderPage();
    await findTable('Refills per month');
    expect(csvLink(/Download refills per month/)).toBe('/api/reports/refills-per-month.csv');
    expect(api.requests.every((request) => !request.query.has('siteId'))).toBe(true);

    await userEvent.selectOptions(screen.getByLabelText('Site'), 'Riverside Hospital');

    expect(screen.getByTestId('location').textContent).toBe(`/reports?siteId=${riverside.id}`);
    await waitFor(() => {
      expect(api.requestsTo('/api/reports/overdue-over-time').at(-1)?.query.get('siteId')).toBe(riverside.id);
    });
    const names = [
      'caseload',
      'refills-per-month',
      'battery-replacements',
      'follow-up-compliance',
      'overdue-over-time',
      'refills-per-clinician',
    ];
    for (const name of names) {
      expect(api.requestsTo(`/api/reports/${name}`).map((request) => request.query.get('siteId'))).toEqual([
        null,
        riverside.id,
      ]);
    }
    const links = screen.getAllByRole('link', { name: /^Download .* \(CSV\)$/ });
    expect(links.map((link) => link.getAttribute('href'))).toEqual(
      names.map((name) => `/api/reports/${name}.csv?siteId=${riverside.id}`),
    );
    expect(screen.getByText(/^Riverside Hospital · figures as of/)).toBeTruthy();

    await userEvent.selectOptions(screen.getByLabelText('Site'), 'All sites');
    expect(screen.getByTestId('location').textContent).toBe('/reports');
    expect(csvLink(/Download caseload/)).toBe('/api/reports/caseload.csv');
  });

  it('starts from the site in the URL', async () => {
    const api = fakeReports();
    renderPage(`/reports?siteId=${northside.id}`);
    await findTable('Refills per month');
    expect(screen.getByLabelText<HTMLSelectElement>('Site').value).toBe(northside.id);
    expect(api.requests.map((request) => request.query.get('siteId'))).toEqual(
      api.requests.map(() => northside.id),
    );
    expect(csvLink(/Download battery replacements/)).toBe(
      `/api/reports/battery-replacements.csv?siteId=${northside.id}`,
    );
  });

  it('says each report is loading until it arrives', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    fakeReports(allReports(), async (name) => {
      if (name === 'refills-per-month') await gate;
      return undefined;
    });
    renderPage();
    await findTable('Battery replacements per month');
    const refills = section('Refills per month');
    expect(within(refills).getByRole('status').textContent).toBe('Loading refills per month…');
    release();
    await findTable('Refills per month', refills);
  });

  it('shows a failed report with its problem and a retry, the others still showing', async () => {
    let failures = 1;
    const api = fakeReports(allReports(), (name) => {
      if (name !== 'follow-up-compliance' || failures === 0) return undefined;
      failures -= 1;
      return problemResponse({
        status: 503,
        code: 'UNAVAILABLE',
        title: 'Service unavailable',
        detail: 'The database did not answer.',
      });
    });
    renderPage();
    const compliance = section('Follow-up compliance');
    const alert = await within(compliance).findByRole('alert');
    expect(alert.textContent).toContain('Could not load follow-up compliance');
    expect(alert.textContent).toContain('The database did not answer.');
    expect(await findTable('Refills per month')).toBeTruthy();

    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await findTable('Follow-up compliance (review interval 182 days)', compliance);
    expect(api.requestsTo('/api/reports/follow-up-compliance')).toHaveLength(2);
  });

  it('says so when there is nothing to count', async () => {
    fakeReports({
      ...allReports(),
      'refills-per-month': aRefillsPerMonthReport({
        months: [
          { month: '2026-11', recorded: 0, forecast: 0 },
          { month: '2026-12', recorded: null, forecast: 0 },
        ],
      }),
      'overdue-over-time': anOverdueOverTimeReport({
        points: [{ date: '2026-11-25', kind: 'today', implantedPumps: 0, overdue: 0, noRefillRecorded: 0 }],
      }),
      'refills-per-clinician': aRefillsPerClinicianReport({ months: ['2025-11', '2026-11'], rows: [] }),
    });
    renderPage();
    expect(await screen.findByText('No refills recorded in this period, and none forecast.')).toBeTruthy();
    // The zeros are still listed: the table is the CSV on screen.
    expect(await tableRows('Refills per month')).toEqual([
      ['Nov 2026', '0', '0'],
      ['Dec 2026', '—', '0'],
    ]);
    expect(screen.getByText('No implanted pumps in this period.')).toBeTruthy();
    expect(screen.getByText('No refills recorded from Nov 2025 to Nov 2026.')).toBeTruthy();
    expect(
      [...document.querySelectorAll('caption')].find(
        (c) => c.textContent === 'Refills per clinician and month',
      ) ?? null,
    ).toBeNull();
  });

  it('has a print button and says when the site list could not be loaded', async () => {
    fakeReports();
    renderPage('/reports', true);
    expect(screen.getByRole('button', { name: 'Print' })).toBeTruthy();
    expect(screen.getByText('Sites could not be loaded.')).toBeTruthy();
    expect(screen.getByLabelText<HTMLSelectElement>('Site').disabled).toBe(true);
    await findTable('Refills per month');
  });
});
