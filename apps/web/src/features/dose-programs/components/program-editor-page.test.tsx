import { type DoseProgramPreview } from '@pumpdesk/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import {
  aDoseProgramRecord,
  aPatientDetail,
  aPreview,
  stopsPumpFinding,
  titrationFinding,
  unitSlipFinding,
} from '../../../../test/builders/dose-programs.ts';
import {
  type FakeRequest,
  installFakeApi,
  jsonResponse,
  notFound,
  problemResponse,
} from '../../../../test/fake-api.ts';
import { renderWithProviders } from '../../../../test/render.tsx';
import { PLAIN_DECIMAL_RULE } from '../../../lib/decimal-input.ts';
import { ProgramEditorPage } from './program-editor-page.tsx';

const program = aDoseProgramRecord({ continuousDoseMcgPerDay: 300, dailyDoseMcg: 300 });
const patient = aPatientDetail(program);
const pumpId = program.pumpId;
const previewPath = `/api/pumps/${pumpId}/dose-programs/preview`;
const createPath = `/api/pumps/${pumpId}/dose-programs`;

interface PreviewBody {
  continuousDoseMcgPerDay: number | null;
}

/**
 * The fake API: the patient, the history, a preview judged by `judge` (answered when `previewAnswer`
 * resolves, at once without it), and the save's answer.
 */
function fakeApi(options: {
  judge?: (body: PreviewBody) => DoseProgramPreview;
  previewAnswer?: (body: PreviewBody) => Promise<void>;
  save?: (request: FakeRequest) => Response;
}) {
  const judge = options.judge ?? ((body: PreviewBody) => aPreview(300, body.continuousDoseMcgPerDay ?? 300));
  return installFakeApi((request) => {
    if (request.path === `/api/patients/${patient.id}`) return jsonResponse(patient);
    if (request.path === createPath && request.method === 'GET') return jsonResponse({ items: [program] });
    if (request.path === previewPath) {
      const body = request.body as PreviewBody;
      if (!options.previewAnswer) return jsonResponse(judge(body));
      return options.previewAnswer(body).then(() => jsonResponse(judge(body)));
    }
    if (request.path === createPath && request.method === 'POST') {
      return options.save
        ? options.save(request)
        : jsonResponse({ program, comparison: judge(request.body as PreviewBody) }, 201);
    }
    return notFound(request);
  });
}

function renderEditor(previewDelayMs = 5) {
  renderWithProviders(
    <MemoryRouter initialEntries={[`/patients/${patient.id}/program`]}>
      <Routes>
        <Route
          path="patients/:patientId/program"
          element={<ProgramEditorPage patientId={patient.id} previewDelayMs={previewDelayMs} />}
        />
        <Route path="patients/:patientId" element={<h1>Patient page</h1>} />
      </Routes>
    </MemoryRouter>,
  );
}

async function setDose(user: ReturnType<typeof userEvent.setup>, dose: string) {
  const field = await screen.findByLabelText('Dose (mcg/day)');
  await user.clear(field);
  await user.type(field, dose);
}

// userEvent types key by key: on a loaded machine a journey takes longer than the 5 s default.
describe('dose program editor', { timeout: 20_000 }, () => {
  it('computes the daily dose and change of flex steps as they are typed, with a 24-hour picture', async () => {
    fakeApi({});
    const user = userEvent.setup();
    renderEditor();
    expect(await screen.findByLabelText('Dose (mcg/day)')).toHaveProperty('value', '300');
    await user.click(screen.getByLabelText('Flex (steps through the day)'));
    // The continuous dose becomes one step at its hourly rate.
    expect(screen.getByLabelText('Step 1 rate (mcg/h)')).toHaveProperty('value', '12.5');
    await user.click(screen.getByRole('button', { name: 'Add step' }));
    fireEvent.change(screen.getByLabelText('Step 2 start time'), { target: { value: '08:00' } });
    await user.type(screen.getByLabelText('Step 2 rate (mcg/h)'), '20');
    // 8 h × 12.5 + 16 h × 20 = 420 mcg/day, +40% from 300.
    const summary = screen.getByTestId('dose-summary');
    expect(summary.textContent).toBe('New daily dose 420 mcg/day (change +40% from 300 mcg/day)');
    const picture = screen.getByText(/24-hour picture/).closest('figure');
    expect(picture).not.toBeNull();
    const segments = within(picture as HTMLElement)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(segments).toEqual(['00:00–08:00: 12.5 mcg/h', '08:00–24:00: 20 mcg/h']);
    // Removing the step goes back to one rate all day.
    await user.click(screen.getByRole('button', { name: 'Remove step 2' }));
    expect(screen.getByTestId('dose-summary').textContent).toBe(
      'New daily dose 300 mcg/day (change 0% from 300 mcg/day)',
    );
  });

  it('stops a change beyond the titration limit until the override is confirmed with a reason', async () => {
    const api = fakeApi({
      judge: (body) =>
        body.continuousDoseMcgPerDay === 450
          ? aPreview(300, 450, [titrationFinding], '2026-12-20')
          : aPreview(300, body.continuousDoseMcgPerDay ?? 300),
    });
    const user = userEvent.setup();
    renderEditor();
    await setDose(user, '450');
    expect(screen.getByTestId('dose-summary').textContent).toContain('+50%');
    const overrideBox = await screen.findByLabelText(/I have reviewed these findings and override them/);
    expect(screen.getAllByText(titrationFinding.message).length).toBeGreaterThan(0);
    // The new due date, from the server's preview.
    expect(screen.getByText('20 Dec 2026')).toBeDefined();
    await user.type(screen.getByLabelText('Reason for the change'), 'Spasms not controlled');
    const save = screen.getByRole('button', { name: 'Save with override' });

    // Neither confirmed nor explained: nothing is sent.
    await user.click(save);
    expect(screen.getByText('Confirm the override, or change the program.')).toBeDefined();
    expect(screen.getByText('Enter the reason for the override.')).toBeDefined();
    await user.click(overrideBox);
    await user.click(save);
    expect(screen.getByText('Enter the reason for the override.')).toBeDefined();
    expect(api.requestsTo(createPath).filter((r) => r.method === 'POST')).toHaveLength(0);

    await user.type(screen.getByLabelText('Reason for the override'), 'Severe spasticity after surgery');
    await user.click(save);
    await screen.findByRole('heading', { name: 'Patient page' });
    const posts = api.requestsTo(createPath).filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body).toMatchObject({
      mode: 'simple_continuous',
      continuousDoseMcgPerDay: 450,
      concentrationMcgPerMl: 500,
      reason: 'Spasms not controlled',
      titrationOverrideReason: 'Severe spasticity after surgery',
    });
    expect(posts[0]?.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('blocks a likely unit slip with its sentence and offers no override', async () => {
    const api = fakeApi({
      judge: (body) =>
        body.continuousDoseMcgPerDay === 7200
          ? aPreview(300, 7200, [unitSlipFinding])
          : aPreview(300, body.continuousDoseMcgPerDay ?? 300),
    });
    const user = userEvent.setup();
    renderEditor();
    await setDose(user, '7200');
    const alert = await screen.findByRole('heading', { name: 'This program cannot be saved' });
    expect(
      within(alert.closest('[role="alert"]') as HTMLElement).getByText(unitSlipFinding.message),
    ).toBeDefined();
    expect(screen.queryByLabelText(/override them/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save with override' })).toBeNull();
    await user.type(screen.getByLabelText('Reason for the change'), 'Typo test');
    const save = screen.getByRole('button', { name: 'Save program' });
    expect(save).toHaveProperty('disabled', true);
    fireEvent.submit(save.closest('form') as HTMLFormElement);
    expect(api.requestsTo(createPath).filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('asks for the override when the save itself is refused for one, keeping what was typed', async () => {
    const api = fakeApi({
      judge: (body) => aPreview(300, body.continuousDoseMcgPerDay ?? 300),
      save: (request) =>
        (request.body as { titrationOverrideReason: string | null }).titrationOverrideReason
          ? jsonResponse({ program, comparison: aPreview(300, 450) }, 201)
          : problemResponse({
              status: 422,
              code: 'TITRATION_LIMIT_EXCEEDED',
              title: 'Needs a physician override',
              detail: titrationFinding.message,
              findings: [titrationFinding],
            }),
    });
    const user = userEvent.setup();
    renderEditor();
    await setDose(user, '450');
    await user.type(screen.getByLabelText('Reason for the change'), 'Spasms');
    await user.click(screen.getByRole('button', { name: 'Save program' }));
    await screen.findByRole('heading', { name: 'The program was not saved' });
    expect(screen.getByLabelText('Dose (mcg/day)')).toHaveProperty('value', '450');
    expect(screen.getByLabelText('Reason for the change')).toHaveProperty('value', 'Spasms');
    await user.click(screen.getByLabelText(/I have reviewed these findings and override them/));
    await user.type(screen.getByLabelText('Reason for the override'), 'Agreed with the patient');
    await user.click(screen.getByRole('button', { name: 'Save with override' }));
    await screen.findByRole('heading', { name: 'Patient page' });
    const posts = api.requestsTo(createPath).filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(2);
    // A different body, so a different Idempotency-Key (judged afresh, not replayed).
    expect(posts[0]?.headers.get('Idempotency-Key')).not.toBe(posts[1]?.headers.get('Idempotency-Key'));
  });

  it('keeps everything typed when the save fails, and names invalid fields', async () => {
    const api = fakeApi({
      save: () =>
        problemResponse({
          status: 503,
          code: 'TRY_AGAIN',
          title: 'Try again',
          detail: 'Nothing was written; try again in a moment.',
        }),
    });
    const user = userEvent.setup();
    renderEditor();
    await setDose(user, 'abc');
    await user.click(screen.getByRole('button', { name: 'Save program' }));
    expect(screen.getByText(PLAIN_DECIMAL_RULE)).toBeDefined();
    expect(screen.getByText('Enter the reason for the change.')).toBeDefined();
    expect(api.requestsTo(createPath).filter((r) => r.method === 'POST')).toHaveLength(0);

    await setDose(user, '330');
    await user.type(screen.getByLabelText('Reason for the change'), 'Mild spasms');
    await user.click(screen.getByRole('button', { name: 'Save program' }));
    await screen.findByRole('heading', { name: 'The program was not saved' });
    expect(screen.getByText(/Nothing was written/)).toBeDefined();
    expect(screen.getByLabelText('Dose (mcg/day)')).toHaveProperty('value', '330');
    expect(screen.getByLabelText('Reason for the change')).toHaveProperty('value', 'Mild spasms');
    // A retry of the same program sends the same Idempotency-Key.
    await user.click(screen.getByRole('button', { name: 'Save program' }));
    await waitFor(() => {
      expect(api.requestsTo(createPath).filter((r) => r.method === 'POST')).toHaveLength(2);
    });
    const [first, second] = api.requestsTo(createPath).filter((r) => r.method === 'POST');
    expect(first?.headers.get('Idempotency-Key')).toBe(second?.headers.get('Idempotency-Key'));
  });

  /** 300 → 450 mcg/day needs the titration override; 0 stops the pump (another override). */
  const judgeTitrationAndStop = (body: PreviewBody) =>
    body.continuousDoseMcgPerDay === 450
      ? aPreview(300, 450, [titrationFinding])
      : body.continuousDoseMcgPerDay === 0
        ? aPreview(300, 0, [stopsPumpFinding])
        : aPreview(300, body.continuousDoseMcgPerDay ?? 300);

  /** Types 450, confirms the titration override with a reason, and gives the reason for the change. */
  async function confirmTitrationOverride(user: ReturnType<typeof userEvent.setup>) {
    await setDose(user, '450');
    await user.click(
      await screen.findByLabelText(/I have reviewed these findings and override them/, {}, { timeout: 3000 }),
    );
    await user.type(screen.getByLabelText('Reason for the override'), 'Severe spasticity after surgery');
    await user.type(screen.getByLabelText('Reason for the change'), 'Spasms not controlled');
    expect(screen.getByRole('button', { name: 'Save with override' })).toBeDefined();
  }

  const posts = (api: ReturnType<typeof fakeApi>) =>
    api.requestsTo(createPath).filter((request) => request.method === 'POST');

  it('does not save a program retyped within the preview delay on the previous preview and its override', async () => {
    const api = fakeApi({ judge: judgeTitrationAndStop });
    const user = userEvent.setup();
    renderEditor(400);
    await confirmTitrationOverride(user);
    // The dose becomes 0 (stops the pump) and Enter is pressed before the 400 ms preview delay ends:
    // the preview on screen is still the titration one the override was confirmed for.
    const doseField = screen.getByLabelText('Dose (mcg/day)');
    // Typed over the selected 450 (no empty field in between), then Enter at once.
    await user.type(doseField, '0{Enter}', { initialSelectionStart: 0, initialSelectionEnd: 3 });
    expect(posts(api)).toHaveLength(0);
    // The stop's own findings arrive; the titration confirmation does not carry over to them.
    expect(await screen.findAllByText(stopsPumpFinding.message, {}, { timeout: 3000 })).not.toHaveLength(0);
    expect(posts(api)).toHaveLength(0);
    expect(screen.getByRole('heading', { name: 'New dose program' })).toBeDefined();
  });

  it('says the checks are running and sends nothing while the preview of the typed program loads', async () => {
    let answerStop: () => void = () => undefined;
    const stopAnswered = new Promise<void>((resolve) => {
      answerStop = resolve;
    });
    const api = fakeApi({
      judge: judgeTitrationAndStop,
      previewAnswer: (body) => (body.continuousDoseMcgPerDay === 0 ? stopAnswered : Promise.resolve()),
    });
    const user = userEvent.setup();
    renderEditor();
    await confirmTitrationOverride(user);
    await setDose(user, '0');
    // The preview of 0 mcg/day is asked for but has not answered: the titration one stays on screen.
    await waitFor(() => {
      expect(
        api
          .requestsTo(previewPath)
          .some((request) => (request.body as PreviewBody).continuousDoseMcgPerDay === 0),
      ).toBe(true);
    });
    const save = screen.getByRole('button', { name: 'Running the safety checks…' });
    await user.click(save);
    await user.keyboard('{Enter}');
    expect(posts(api)).toHaveLength(0);

    answerStop();
    expect(await screen.findAllByText(stopsPumpFinding.message)).not.toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Save with override' }));
    expect(posts(api)).toHaveLength(0);
  });

  it('clears the override confirmation when the findings needing it change, keeping the reason typed', async () => {
    const api = fakeApi({ judge: judgeTitrationAndStop });
    const user = userEvent.setup();
    renderEditor();
    await confirmTitrationOverride(user);
    await setDose(user, '0');
    expect(await screen.findAllByText(stopsPumpFinding.message)).not.toHaveLength(0);
    const overrideBox = screen.getByLabelText(/I have reviewed these findings and override them/);
    expect(overrideBox).toHaveProperty('checked', false);
    expect(screen.getByLabelText('Reason for the override')).toHaveProperty(
      'value',
      'Severe spasticity after surgery',
    );
    const save = screen.getByRole('button', { name: 'Save with override' });
    await user.click(save);
    expect(screen.getByText('Confirm the override, or change the program.')).toBeDefined();
    expect(posts(api)).toHaveLength(0);

    // Confirmed for the stop, then back to the titration: that confirmation does not carry back either.
    await user.click(overrideBox);
    await setDose(user, '450');
    expect(await screen.findAllByText(titrationFinding.message)).not.toHaveLength(0);
    expect(screen.getByLabelText(/I have reviewed these findings and override them/)).toHaveProperty(
      'checked',
      false,
    );

    // Confirmed again for the findings on screen: saved with the override reason.
    await setDose(user, '0');
    expect(await screen.findAllByText(stopsPumpFinding.message)).not.toHaveLength(0);
    await user.click(screen.getByLabelText(/I have reviewed these findings and override them/));
    await user.click(screen.getByRole('button', { name: 'Save with override' }));
    await screen.findByRole('heading', { name: 'Patient page' });
    expect(posts(api)).toHaveLength(1);
    expect(posts(api)[0]?.body).toMatchObject({
      continuousDoseMcgPerDay: 0,
      titrationOverrideReason: 'Severe spasticity after surgery',
    });
  });

  it('refuses a number typed with a comma instead of reading it as a decimal', async () => {
    const api = fakeApi({});
    const user = userEvent.setup();
    renderEditor();
    await setDose(user, '1,200');
    await user.type(screen.getByLabelText('Reason for the change'), 'Spasms');
    // No "1.2 mcg/day" anywhere: the comma makes the field invalid, with the rule it breaks.
    expect(screen.getByTestId('dose-summary').textContent).not.toContain('1.2 mcg/day');
    await user.click(screen.getByRole('button', { name: 'Save program' }));
    const field = screen.getByLabelText('Dose (mcg/day)');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(PLAIN_DECIMAL_RULE).id).toBe('continuous-dose-error');
    expect(posts(api)).toHaveLength(0);
    expect(
      api.requestsTo(previewPath).some((r) => (r.body as PreviewBody).continuousDoseMcgPerDay === 1.2),
    ).toBe(false);

    // Typed plainly, the same number is read as it reads.
    await setDose(user, '1200');
    expect(screen.getByLabelText('Dose (mcg/day)').getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByText(PLAIN_DECIMAL_RULE)).toBeNull();
  });
});
