import { type PatientDetail } from '@pumpdesk/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import {
  aCurrentPump,
  aDoseProgram,
  anAppointment,
  aPatientDetail,
  aPumpRecord,
  aRefill,
  aVisit,
} from '../../../test/builders/patient-record.ts';
import {
  aSession,
  type FakeRequest,
  installFakeApi,
  jsonResponse,
  notFound,
  problemResponse,
} from '../../../test/fake-api.ts';
import { renderWithProviders } from '../../../test/render.tsx';
import PatientRoute from './patient.tsx';

type Role = 'nurse' | 'physician' | 'manager';

/** A patient with two pumps' worth of history: three programs, a concentration change, refills, visits. */
function clinicRecord() {
  const patient = aPatientDetail();
  const current = patient.currentPump ?? aCurrentPump();
  const oldPumpId = crypto.randomUUID();
  const pumps = [
    aPumpRecord(current, patient.id),
    aPumpRecord({ id: oldPumpId, serialNumber: 'OLD0001', implantDate: '2015-03-02' }, patient.id, {
      status: 'explanted',
      explantDate: '2022-09-14',
    }),
  ];
  const programs = {
    [current.id]: [
      aDoseProgram(current.id, {
        effectiveFrom: '2026-10-01T09:00:00.000Z',
        dailyDoseMcg: 300,
        reason: 'Maintenance dose',
      }),
      aDoseProgram(current.id, {
        effectiveFrom: '2024-05-20T09:00:00.000Z',
        dailyDoseMcg: 450,
        concentrationMcgPerMl: 1000,
        reason: 'Stronger drug, fewer refills',
      }),
    ],
    [oldPumpId]: [
      aDoseProgram(oldPumpId, {
        effectiveFrom: '2015-03-02T12:00:00.000Z',
        dailyDoseMcg: 200,
        reason: 'Starting dose',
      }),
    ],
  };
  const refills = {
    [current.id]: [
      aRefill(current.id, { performedAt: '2026-11-10T10:00:00.000Z', dueDateSnapshot: '2026-12-03' }),
    ],
    [oldPumpId]: [aRefill(oldPumpId, { performedAt: '2021-06-01T10:00:00.000Z', volumeFilledMl: 18 })],
  };
  const visits = [
    aVisit(patient.id, { visitDate: '2026-10-10', ashworth: '1+', pennFrequency: 2, pennSeverity: 1 }),
    aVisit(patient.id, { visitDate: '2024-05-20', ashworth: '3', pennFrequency: 3, pennSeverity: 2 }),
  ];
  const appointments = [
    anAppointment(patient, { startsAt: '2026-06-01T09:00:00.000Z', status: 'done', kind: 'follow_up' }),
    anAppointment(patient, { startsAt: '2026-12-01T09:30:00.000Z' }),
  ];
  return { patient, current, oldPumpId, pumps, programs, refills, visits, appointments };
}

type Record = ReturnType<typeof clinicRecord>;

function fakeApi(
  record: Record,
  role: Role = 'physician',
  patient: (r: FakeRequest) => Response | null = () => null,
) {
  return installFakeApi((request) => {
    const { path } = request;
    const p = record.patient.id;
    if (path === '/api/auth/session') return jsonResponse(aSession({ role }));
    if (path === `/api/patients/${p}`) return patient(request) ?? jsonResponse(record.patient);
    if (path === `/api/patients/${p}/pumps`) return jsonResponse({ items: record.pumps });
    if (path === `/api/patients/${p}/visits`) return jsonResponse({ items: record.visits, nextCursor: null });
    if (path === `/api/patients/${p}/appointments`) {
      return jsonResponse({ items: record.appointments, nextCursor: null });
    }
    for (const pump of record.pumps) {
      if (path === `/api/pumps/${pump.id}`) return jsonResponse({ ...pump, lastInterrogation: null });
      if (path === `/api/pumps/${pump.id}/dose-programs`) {
        return jsonResponse({ items: record.programs[pump.id] ?? [] });
      }
      if (path === `/api/pumps/${pump.id}/refills`) {
        return jsonResponse({ items: record.refills[pump.id] ?? [], nextCursor: null });
      }
    }
    return notFound(request);
  });
}

function renderPatientPage(patient: PatientDetail): void {
  renderWithProviders(
    <MemoryRouter initialEntries={[`/patients/${patient.id}`]}>
      <Routes>
        <Route path="/patients/:patientId" element={<PatientRoute />} />
      </Routes>
    </MemoryRouter>,
  );
}

/** A section by its heading (faster than getByRole over the charts' SVG). */
async function findRegion(name: string): Promise<HTMLElement> {
  const heading = await screen.findByText(name, { selector: 'h2' });
  const section = heading.closest('section');
  if (!section) throw new Error(`No section headed ${name}`);
  return section;
}

/** A table by its caption, or by the heading of the section it is the table of. */
async function findTable(name: string): Promise<HTMLElement> {
  return waitFor(() => {
    const caption = screen.queryAllByText(name, { selector: 'caption' })[0];
    const label = caption ?? screen.getByText(name, { selector: 'h2' });
    const found = caption ? caption.closest('table') : label.closest('section')?.querySelector('table');
    if (!found) throw new Error(`No table named ${name}`);
    return found;
  });
}

function rowsOf(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));
}

describe('patient page', { timeout: 20_000 }, () => {
  it('shows the header: who, the pump, the program in force, the next dates and the findings', async () => {
    const record = clinicRecord();
    fakeApi(record);
    renderPatientPage(record.patient);

    expect(await screen.findByRole('heading', { level: 1, name: 'Lovelace, Ada' })).toBeDefined();
    const patientCard = await findRegion('Patient');
    expect(patientCard.textContent).toContain('MRN0042');
    expect(patientCard.textContent).toContain('14 Mar 1980 (age 46)');
    expect(patientCard.textContent).toContain('Spinal cord injury, injury at T4');
    expect(patientCard.textContent).toContain('High risk');
    expect(patientCard.textContent).toContain('Injury at or above T6');
    expect(patientCard.textContent).toContain('Dr Grace Hopper');

    const pumpCard = await findRegion('Current pump');
    expect(pumpCard.textContent).toContain('Medtronic SynchroMed II, 20 mL');
    expect(pumpCard.textContent).toContain('NGP100001');
    expect(pumpCard.textContent).toContain('14 Sep 2022');

    const program = await findRegion('Program in force');
    expect(program.textContent).toContain('300 mcg/day');
    expect(program.textContent).toContain('500 mcg/mL');
    expect(program.textContent).toContain('Simple continuous');

    const dates = await findRegion('Next dates');
    expect(dates.textContent).toContain('Refill due3 Dec 2026 (in 8 days)');
    expect(dates.textContent).toContain('Low-reservoir alarm10 Dec 2026 (in 15 days)');
    expect(dates.textContent).toContain('Next review10 Apr 2027 (in 136 days)');
    expect(dates.textContent).toContain('Battery replacement14 Mar 2029');

    expect(screen.getByText('No refill booked on or before the due date 3 Dec 2026.')).toBeDefined();
    // A physician may record a refill and a new program; every role gets the emergency card.
    expect(screen.getByRole('link', { name: 'Record refill' }).getAttribute('href')).toBe(
      `/patients/${record.patient.id}/refill`,
    );
    expect(screen.getByRole('link', { name: 'New dose program' }).getAttribute('href')).toBe(
      `/patients/${record.patient.id}/program`,
    );
    expect(screen.getByRole('link', { name: 'Emergency card' }).getAttribute('href')).toBe(
      `/patients/${record.patient.id}/emergency-card`,
    );
  });

  it('shows the battery age against the model window', async () => {
    const record = clinicRecord();
    fakeApi(record);
    renderPatientPage(record.patient);
    const battery = await findRegion('Battery');
    expect(battery.textContent).toContain('Age 4 y 2 m of 5–7 y expected life');
    expect(battery.textContent).toContain('Window opens14 Sep 2027');
  });

  it('lists the dose history steps in the chart’s table, across pumps, newest first', async () => {
    const record = clinicRecord();
    fakeApi(record);
    renderPatientPage(record.patient);
    const table = await findTable('Dose history');
    expect(rowsOf(table)).toEqual([
      [
        '1 Oct 2026, 10:00',
        '300 mcg/day',
        '500 mcg/mL (changed from 1000 mcg/mL)',
        'Simple continuous',
        'NGP100001',
        'Maintenance dose',
      ],
      [
        '20 May 2024, 10:00',
        '450 mcg/day',
        '1000 mcg/mL (changed from 500 mcg/mL)',
        'Simple continuous',
        'NGP100001',
        'Stronger drug, fewer refills',
      ],
      ['2 Mar 2015, 12:00', '200 mcg/day', '500 mcg/mL', 'Simple continuous', 'OLD0001', 'Starting dose'],
    ]);
    // The charts themselves are drawn (SVG), hidden from assistive technology behind their captions.
    const drawings = [...document.querySelectorAll('.chart-figure__chart[aria-hidden="true"]')];
    expect(drawings.map((drawing) => drawing.querySelector('svg') !== null)).toEqual([true, true]);
    expect(rowsOf(await findTable('Spasticity scores'))).toEqual([
      ['10 Oct 2026', '1+', '2'],
      ['20 May 2024', '3', '3'],
    ]);
    expect(
      screen.getByText(
        /3 programs since 2 Mar 2015; daily dose from 200 mcg\/day at first to 300 mcg\/day in the latest; 2 concentration changes; 2 refills; 2 visits with spasticity scores\./,
      ),
    ).toBeDefined();
  });

  it('shows the reservoir from the last refill to empty, with today and the due date', async () => {
    // "Today" on the chart is the browser's clock: fixed here (only Date, so React Query's timers run).
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-25T12:00:00Z') });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const record = clinicRecord();
    fakeApi(record);
    renderPatientPage(record.patient);
    const table = await findTable('Reservoir volume');
    const events = rowsOf(table).filter((row) => row[1] !== '');
    // 20 mL at 300 mcg/day of 500 mcg/mL: 0.6 mL a day from 10 Nov 10:00.
    expect(events.map((row) => row[1])).toEqual([
      'Last refill',
      'Today',
      'Refill due',
      'Low-reservoir alarm',
      'Empty',
    ]);
    expect(events[0]).toEqual(['10 Nov 2026', 'Last refill', '20 mL']);
    // 15 days and 2 hours at 0.6 mL a day.
    expect(events[1]).toEqual(['25 Nov 2026', 'Today', '10.95 mL']);
    expect(events[2]?.[0]).toBe('3 Dec 2026');
    expect(events[3]).toEqual(['10 Dec 2026', 'Low-reservoir alarm', '2 mL']);
    expect(events[4]).toEqual(['17 Dec 2026', 'Empty', '0 mL']);
  });

  it('shows "Show as table" as a toggle that reveals the tables', async () => {
    const record = clinicRecord();
    fakeApi(record);
    renderPatientPage(record.patient);
    const table = await findTable('Dose history');
    const section = table.closest('section');
    if (!section) throw new Error('no chart section');
    const toggle = within(section).getByRole('button', { name: 'Show as table' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    await waitFor(() => {
      expect(within(section).getByRole('button', { name: 'Hide table' }).getAttribute('aria-expanded')).toBe(
        'true',
      );
    });
  });

  it('lists refills, programs, visits and appointments newest first', async () => {
    const record = clinicRecord();
    fakeApi(record);
    renderPatientPage(record.patient);
    const refills = await findTable('Refills');
    expect(rowsOf(refills).map((row) => [row[0], row[8]])).toEqual([
      ['10 Nov 2026, 10:00', 'NGP100001'],
      ['1 Jun 2021, 11:00', 'OLD0001'],
    ]);
    expect(rowsOf(refills)[0]?.[6]).toBe('3 Dec 2026');
    const programs = await findTable('Dose programs');
    expect(rowsOf(programs).map((row) => row[2])).toEqual(['300 mcg/day', '450 mcg/day', '200 mcg/day']);
    const visits = await findTable('Visits');
    expect(rowsOf(visits).map((row) => row.slice(0, 6))).toEqual([
      ['10 Oct 2026', 'Review', 'Dr Grace Hopper', '1+', '2', '1'],
      ['20 May 2024', 'Review', 'Dr Grace Hopper', '3', '3', '2'],
    ]);
    const appointments = await findTable('Appointments');
    expect(rowsOf(appointments).map((row) => row.slice(0, 3))).toEqual([
      ['1 Dec 2026, 09:30', 'Refill', 'Booked'],
      ['1 Jun 2026, 10:00', 'Follow-up', 'Done'],
    ]);
  });

  it('offers a nurse the refill but not a new program', async () => {
    const record = clinicRecord();
    fakeApi(record, 'nurse');
    renderPatientPage(record.patient);
    await screen.findByRole('heading', { level: 1, name: 'Lovelace, Ada' });
    await screen.findByRole('link', { name: 'Record refill' });
    expect(screen.queryByRole('link', { name: 'New dose program' })).toBeNull();
  });

  it('says so while loading, and shows the API’s problem with a retry when the patient fails', async () => {
    const record = clinicRecord();
    fakeApi(record, 'physician', () =>
      problemResponse({
        status: 404,
        code: 'NOT_FOUND',
        title: 'Not found',
        detail: 'No patient with this id.',
      }),
    );
    renderPatientPage(record.patient);
    expect(screen.getByText('Loading the patient…')).toBeDefined();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the patient');
    expect(alert.textContent).toContain('No patient with this id.');
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeDefined();
  });

  it('shows a patient without a pump: empty states, no refill or program actions', async () => {
    const record = clinicRecord();
    const patient = aPatientDetail({
      currentPump: null,
      status: 'candidate',
      assessment: { ...record.patient.assessment, refill: null, battery: null, findings: [] },
    });
    const empty = { ...record, patient, pumps: [], programs: {}, refills: {}, visits: [], appointments: [] };
    fakeApi(empty);
    renderPatientPage(patient);
    expect((await findRegion('Current pump')).textContent).toContain('No implanted pump.');
    expect(await screen.findByText('No dose program on record.')).toBeDefined();
    expect(screen.getByText('No refills on record.')).toBeDefined();
    expect(await screen.findByText('No visits on record.')).toBeDefined();
    expect(await screen.findByText('No appointments on record.')).toBeDefined();
    expect(screen.queryByText('Battery', { selector: 'h2' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Record refill' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'New dose program' })).toBeNull();
    expect((await findRegion('Next dates')).textContent).toContain('Refill dueUnknown');
  });
});
