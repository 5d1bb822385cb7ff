import { type DoseProgramRecord, type PatientDetail } from '@pumpdesk/contracts';
import { type UserRole } from '@pumpdesk/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import RecordRefillRoute from '../../../app/routes/record-refill.tsx';
import { formatCalendarDate } from '../../../lib/format.ts';
import {
  aRefillPatient,
  aRefillPreview,
  aRefillProgram,
  aRefillWriteResult,
  dayFromToday,
  defaultSettingsResponse,
} from '../../../../test/builders/refills.ts';
import {
  aSession,
  type FakeRequest,
  installFakeApi,
  jsonResponse,
  notFound,
  problemResponse,
} from '../../../../test/fake-api.ts';
import { renderWithProviders } from '../../../../test/render.tsx';

type Handler = (request: FakeRequest) => Response | Promise<Response>;

interface Setup {
  role?: UserRole;
  /** POST /api/pumps/:pumpId/refills */
  record?: Handler;
  /** POST /api/pumps/:pumpId/refills/preview */
  preview?: Handler;
}

const pumpId = crypto.randomUUID();

function setUp({ role = 'nurse', record, preview }: Setup = {}) {
  const program: DoseProgramRecord = aRefillProgram(pumpId);
  const patient: PatientDetail = aRefillPatient(program);
  const api = installFakeApi((request) => {
    if (request.path === '/api/auth/session') return jsonResponse(aSession({ role }));
    if (request.path === `/api/patients/${patient.id}`) return jsonResponse(patient);
    if (request.path === `/api/pumps/${pumpId}/dose-programs`) return jsonResponse({ items: [program] });
    if (request.path === '/api/settings') return jsonResponse(defaultSettingsResponse());
    if (request.path === `/api/pumps/${pumpId}/refills/preview`) {
      return preview ? preview(request) : jsonResponse(aRefillPreview());
    }
    if (request.path === `/api/pumps/${pumpId}/refills` && request.method === 'POST') {
      return record ? record(request) : jsonResponse(aRefillWriteResult(pumpId), 201);
    }
    return notFound(request);
  });
  renderWithProviders(
    <MemoryRouter initialEntries={[`/patients/${patient.id}/refill`]}>
      <Routes>
        <Route path="/patients/:patientId/refill" element={<RecordRefillRoute />} />
        <Route path="/patients/:patientId" element={<p>Patient page</p>} />
      </Routes>
    </MemoryRouter>,
  );
  return { api, patient, user: userEvent.setup() };
}

const refillTime = `${dayFromToday(-1)}T10:00`;

async function fillResidual(user: ReturnType<typeof userEvent.setup>, expected = '8') {
  const when = await screen.findByLabelText('Refill date and time');
  fireEvent.change(when, { target: { value: refillTime } });
  await user.type(screen.getByLabelText('Expected residual shown by the pump (mL)'), expected);
  await user.click(screen.getByRole('button', { name: 'Next' }));
  await screen.findByRole('heading', { name: 'Step 2 of 4: Volume withdrawn' });
}

async function fillWithdrawn(user: ReturnType<typeof userEvent.setup>, withdrawn = '8.2') {
  await user.type(screen.getByLabelText('Volume withdrawn (mL)'), withdrawn);
  await user.click(screen.getByRole('button', { name: 'Next' }));
  await screen.findByRole('heading', { name: 'Step 3 of 4: Drug and fill' });
}

async function fillDrug(
  user: ReturnType<typeof userEvent.setup>,
  values: { concentration?: string; filled?: string; after?: string } = {},
) {
  await user.type(
    screen.getByLabelText('Concentration on the drug label (mcg/mL)'),
    values.concentration ?? '500',
  );
  await user.type(screen.getByLabelText('Volume filled (mL)'), values.filled ?? '20');
  await user.type(screen.getByLabelText('Reservoir volume after the fill (mL)'), values.after ?? '20');
}

/** The refusal box of the drug step (a polite live region, not an alert: it follows typing). */
function blockingAlert(): HTMLElement {
  const box = screen
    .getByRole('heading', { name: /This refill cannot be recorded as entered/ })
    .closest('div');
  if (!box) throw new Error('no blocking box');
  return box;
}

function liveDates(): string {
  return screen.getByTestId('live-dates').textContent;
}

async function goToConfirm(user: ReturnType<typeof userEvent.setup>) {
  await fillResidual(user);
  await fillWithdrawn(user);
  await fillDrug(user);
  await user.click(screen.getByRole('button', { name: 'Next' }));
  await screen.findByRole('heading', { name: 'Step 4 of 4: Confirm' });
  await screen.findByTestId('server-preview');
}

describe('recording a refill', () => {
  it('shows the steps in words, the projected residual, and the new dates changing as the volume is typed', async () => {
    const { user } = setUp();
    await screen.findByRole('heading', { name: 'Step 1 of 4: Expected residual' });
    const steps = screen.getByRole('navigation', { name: 'Refill steps' });
    expect(within(steps).getByRole('listitem', { current: 'step' }).textContent).toContain(
      'Expected residual',
    );

    fireEvent.change(screen.getByLabelText('Refill date and time'), { target: { value: refillTime } });
    // Refilled 21 days ago at 10:00 with 20 mL, 0.6 mL/day: 20 days later the pump should hold 8 mL.
    expect(screen.getByTestId('estimated-residual').textContent).toBe('8 mL at the refill time');

    await user.type(screen.getByLabelText('Expected residual shown by the pump (mL)'), '8');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(within(steps).getByRole('listitem', { current: 'step' }).textContent).toContain(
      'Volume withdrawn',
    );
    expect(within(steps).getAllByRole('listitem')[0]?.textContent).toContain('(done)');
    await fillWithdrawn(user);
    expect(liveDates()).toContain('appear once');

    // The worked example: 20 mL → (20 − 2) / 0.6 = 30 days to the alarm, due 4 days before.
    await user.type(screen.getByLabelText('Volume filled (mL)'), '20');
    expect(liveDates()).toContain(`New alarm date${formatCalendarDate(dayFromToday(29))}`);
    expect(liveDates()).toContain(`New refill due date${formatCalendarDate(dayFromToday(25))}`);
    expect(liveDates()).toContain('Counted from the volume filled');

    // The reservoir reading replaces it: 10 mL → 8 / 0.6 = 13.3 days to the alarm.
    await user.type(screen.getByLabelText('Reservoir volume after the fill (mL)'), '10');
    expect(liveDates()).toContain(`New alarm date${formatCalendarDate(dayFromToday(12))}`);
    expect(liveDates()).toContain(`New refill due date${formatCalendarDate(dayFromToday(8))}`);
    expect(liveDates()).not.toContain('Counted from the volume filled');
  });

  it('refuses to leave a step with a missing value and says which', async () => {
    const { user } = setUp();
    await screen.findByRole('heading', { name: 'Step 1 of 4: Expected residual' });
    await user.click(screen.getByRole('button', { name: 'Next' }));
    const field = screen.getByLabelText('Expected residual shown by the pump (mL)');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(field);
    expect(screen.getByText('Enter the expected residual the pump shows in mL.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Step 1 of 4: Expected residual' })).toBeTruthy();

    // Before the last refill on record (21 days ago at 10:00): refused before the API is asked.
    fireEvent.change(screen.getByLabelText('Refill date and time'), {
      target: { value: `${dayFromToday(-21)}T09:00` },
    });
    await user.type(field, '8');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByText('The refill must come after the last refill on record.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Refill date and time'));
  });

  it('warns about a residual gap but lets the nurse continue', async () => {
    const { user } = setUp();
    await fillResidual(user, '8');
    // 11 mL withdrawn where 8 were expected: a 3 mL gap above the 1 mL threshold of a 20 mL pump.
    await user.type(screen.getByLabelText('Volume withdrawn (mL)'), '11');
    const warning = screen.getByText(/11 mL was withdrawn but the pump expected 8 mL/);
    expect(warning.closest('li')?.textContent).toContain('Warning');
    expect(screen.getByText('You can continue: the warning is recorded with the refill.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByRole('heading', { name: 'Step 3 of 4: Drug and fill' });
  });

  it('blocks a concentration other than the program’s: a physician must change the program first', async () => {
    const { user } = setUp();
    await fillResidual(user);
    await fillWithdrawn(user);
    await fillDrug(user, { concentration: '1000' });

    const alert = blockingAlert();
    expect(alert.textContent).toContain('This refill cannot be recorded as entered');
    expect(alert.textContent).toContain(
      'The drug filled is 1000 mcg/mL but the pump is programmed for 500 mcg/mL',
    );
    expect(alert.textContent).toContain('A physician must change the program first.');
    const next = screen.getByRole('button', { name: 'Next' });
    expect(next.getAttribute('aria-disabled')).toBe('true');
    await user.click(next);
    expect(screen.getByRole('heading', { name: 'Step 3 of 4: Drug and fill' })).toBeTruthy();
    expect(document.activeElement).toBe(alert);
    // No program change is offered to a nurse.
    expect(screen.queryByRole('checkbox')).toBeNull();

    // The right drug: the block goes, the form moves on.
    const concentration = screen.getByLabelText('Concentration on the drug label (mcg/mL)');
    await user.clear(concentration);
    await user.type(concentration, '500');
    expect(screen.queryByText('This refill cannot be recorded as entered')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByRole('heading', { name: 'Step 4 of 4: Confirm' });
  });

  it('lets a physician record the same doses at the new concentration in the same step', async () => {
    const { api, user } = setUp({ role: 'physician' });
    await fillResidual(user);
    await fillWithdrawn(user);
    await fillDrug(user, { concentration: '1000' });
    expect(screen.getByRole('button', { name: 'Next' }).getAttribute('aria-disabled')).toBe('true');
    expect(blockingAlert().textContent).not.toContain('A physician must change the program first.');

    await user.click(
      screen.getByRole('checkbox', { name: /Record a new program at 1000 mcg\/mL with the same doses/ }),
    );
    await user.type(screen.getByLabelText('Reason for the new program'), 'Longer refill interval');
    expect(screen.queryByText('This refill cannot be recorded as entered')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByTestId('server-preview');
    await user.click(screen.getByRole('button', { name: 'Record the refill' }));
    await screen.findByRole('heading', { name: /Refill recorded/ });

    const [sent] = api.requestsTo(`/api/pumps/${pumpId}/refills`);
    expect(sent?.body).toMatchObject({
      concentrationMcgPerMl: 1000,
      newProgram: {
        concentrationMcgPerMl: 1000,
        mode: 'simple_continuous',
        continuousDoseMcgPerDay: 300,
        reason: 'Longer refill interval',
      },
    });
  });

  it('shows the server’s preview findings on the confirm step, then the saved result with links', async () => {
    const { api, patient, user } = setUp({
      preview: () =>
        jsonResponse(
          aRefillPreview({
            findings: [
              { code: 'RESIDUAL_GAP', severity: 'warning', message: 'Server says: a residual gap.' },
            ],
          }),
        ),
    });
    await goToConfirm(user);
    expect(screen.getByText('Server says: a residual gap.')).toBeTruthy();
    const summary = screen.getByText('Volume filled').closest('div');
    expect(summary?.textContent).toBe('Volume filled20 mL');
    expect(api.requestsTo(`/api/pumps/${pumpId}/refills/preview`)[0]?.body).toMatchObject({
      performedAt: `${dayFromToday(-1)}T10:00:00.000Z`,
      location: 'clinic',
      expectedResidualMl: 8,
      withdrawnVolumeMl: 8.2,
      concentrationMcgPerMl: 500,
      volumeFilledMl: 20,
      reservoirVolumeAfterMl: 20,
      drugLot: null,
      drugExpiry: null,
      newProgram: null,
    });

    await user.click(screen.getByRole('button', { name: 'Record the refill' }));
    const saved = await screen.findByRole('heading', { name: /Refill recorded/ });
    expect(document.activeElement).toBe(saved);
    expect(screen.getByText(formatCalendarDate(dayFromToday(25)))).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to Ada Lovelace' }).getAttribute('href')).toBe(
      `/patients/${patient.id}`,
    );
    expect(screen.getByRole('link', { name: 'Refill worklist' }).getAttribute('href')).toBe('/refills');
  });

  it('keeps every value and shows the findings when the server refuses the refill', async () => {
    const { user } = setUp({
      record: () =>
        problemResponse({
          status: 422,
          code: 'VOLUME_ABOVE_CAPACITY',
          title: 'Refused by the safety check',
          detail: 'The refill was refused.',
          findings: [
            {
              code: 'VOLUME_ABOVE_CAPACITY',
              severity: 'refusal',
              message: 'Server refusal: more than the reservoir can hold.',
            },
          ],
        }),
    });
    await goToConfirm(user);
    await user.click(screen.getByRole('button', { name: 'Record the refill' }));

    const error = await screen.findByTestId('submit-error');
    expect(error.textContent).toContain('The refill was not recorded');
    expect(within(error).getByText('Server refusal: more than the reservoir can hold.')).toBeTruthy();
    expect(within(error).getByText('Blocked')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Back' }));
    await screen.findByRole('heading', { name: 'Step 3 of 4: Drug and fill' });
    expect(screen.getByLabelText<HTMLInputElement>('Concentration on the drug label (mcg/mL)').value).toBe(
      '500',
    );
    expect(screen.getByLabelText<HTMLInputElement>('Volume filled (mL)').value).toBe('20');
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.getByLabelText<HTMLInputElement>('Volume withdrawn (mL)').value).toBe('8.2');
  });

  it('retries after a network failure with the same Idempotency-Key', async () => {
    let attempts = 0;
    const { api, user } = setUp({
      record: () => {
        attempts += 1;
        if (attempts === 1) throw new TypeError('Failed to fetch');
        return jsonResponse(aRefillWriteResult(pumpId), 201);
      },
    });
    await goToConfirm(user);
    await user.click(screen.getByRole('button', { name: 'Record the refill' }));
    const error = await screen.findByTestId('submit-error');
    expect(error.textContent).toContain(
      'It is sent with the same key, so the refill cannot be recorded twice.',
    );

    await user.click(screen.getByRole('button', { name: 'Record the refill' }));
    await screen.findByRole('heading', { name: /Refill recorded/ });
    const sent = api.requestsTo(`/api/pumps/${pumpId}/refills`);
    expect(sent).toHaveLength(2);
    const keys = sent.map((request) => request.headers.get('Idempotency-Key'));
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(sent[1]?.body).toEqual(sent[0]?.body);
  });

  it('sends one request for a double click', async () => {
    let answer: (response: Response) => void = () => undefined;
    const { api, user } = setUp({
      record: () =>
        new Promise<Response>((resolve) => {
          answer = resolve;
        }),
    });
    await goToConfirm(user);
    await user.dblClick(screen.getByRole('button', { name: 'Record the refill' }));
    await screen.findByRole('button', { name: 'Recording the refill…' });
    expect(api.requestsTo(`/api/pumps/${pumpId}/refills`)).toHaveLength(1);
    answer(jsonResponse(aRefillWriteResult(pumpId), 201));
    await screen.findByRole('heading', { name: /Refill recorded/ });
    await waitFor(() => {
      expect(api.requestsTo(`/api/pumps/${pumpId}/refills`)).toHaveLength(1);
    });
  });
});
