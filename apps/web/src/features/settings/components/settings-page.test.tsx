import { fireEvent, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import SettingsRoute from '../../../app/routes/settings.tsx';
import {
  aSession,
  type FakeRequest,
  installFakeApi,
  jsonResponse,
  notFound,
  problemResponse,
} from '../../../../test/fake-api.ts';
import { aSettingsResponse } from '../../../../test/builders/settings.ts';
import { renderWithProviders } from '../../../../test/render.tsx';

function renderSettings(put: (request: FakeRequest) => Response) {
  const api = installFakeApi((request) => {
    if (request.path === '/api/auth/session') return jsonResponse(aSession({ role: 'admin' }));
    if (request.path === '/api/settings' && request.method === 'GET')
      return jsonResponse(aSettingsResponse());
    if (request.path === '/api/settings' && request.method === 'PUT') return put(request);
    return notFound(request);
  });
  renderWithProviders(
    <MemoryRouter initialEntries={['/settings']}>
      <Routes>
        <Route path="/settings" element={<SettingsRoute />} />
      </Routes>
    </MemoryRouter>,
  );
  return api;
}

function errorOf(input: HTMLElement): string | null | undefined {
  const ids = input.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)).find((node) => node?.className === 'field__error')
    ?.textContent;
}

async function field(label: RegExp): Promise<HTMLInputElement> {
  return screen.findByLabelText<HTMLInputElement>(label);
}

// Several requests per test: more time than the default on a busy machine.
const SLOW = 20_000;

describe('settings page', () => {
  it(
    'shows each threshold with its unit, explanation and default',
    async () => {
      renderSettings(() => jsonResponse(aSettingsResponse()));
      const margin = await field(/^Safety margin/);
      expect(margin.value).toBe('4');
      const hint = document.getElementById(margin.getAttribute('aria-describedby') ?? '')?.textContent ?? '';
      expect(hint).toContain('before the reservoir reaches its low-volume alarm');
      expect(hint).toContain('Default: 4 days. Allowed: 0–30 days, whole numbers.');
      expect(screen.getByRole('group', { name: 'Titration limits' })).toBeTruthy();
      expect((await field(/^Standard concentrations/)).value).toBe('500, 1000, 2000');
    },
    SLOW,
  );

  it(
    'blocks an out-of-range value with a message naming the field and the rule, sending nothing',
    async () => {
      const api = renderSettings(() => jsonResponse(aSettingsResponse()));
      const margin = await field(/^Safety margin/);
      fireEvent.change(margin, { target: { value: '45' } });
      fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));

      expect(errorOf(margin)).toBe('Safety margin must be at most 30 days.');
      expect(margin.getAttribute('aria-invalid')).toBe('true');
      expect(document.activeElement).toBe(margin);
      expect(screen.getByRole('alert').textContent).toContain('1 value needs correcting');
      expect(api.requests.filter((request) => request.method === 'PUT')).toHaveLength(0);
    },
    SLOW,
  );

  it(
    'saves with the version read and says the dates were recomputed',
    async () => {
      const api = renderSettings((request) => {
        const body = request.body as { settings: ReturnType<typeof aSettingsResponse>['settings'] };
        return jsonResponse(
          aSettingsResponse({ version: 4, settings: body.settings, updatedAt: '2026-11-25T10:00:00.000Z' }),
        );
      });
      fireEvent.change(await field(/^Safety margin/), { target: { value: '5' } });
      fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));

      await screen.findByText('Settings saved');
      expect(screen.getByText(/every worklist was recomputed/)).toBeTruthy();
      const put = api.requests.find((request) => request.method === 'PUT');
      expect(put?.body).toMatchObject({ version: 3, settings: { refill: { safetyMarginDays: 5 } } });
    },
    SLOW,
  );

  it(
    "shows the API's field error under its field",
    async () => {
      renderSettings(() =>
        problemResponse({
          status: 400,
          code: 'VALIDATION_FAILED',
          title: 'Invalid request',
          detail: 'body.settings.battery.eriToEndOfServiceDays: Too big',
          errors: [
            {
              path: 'body.settings.battery.eriToEndOfServiceDays',
              message: 'Too big: expected number to be <=365',
              code: 'too_big',
            },
          ],
        }),
      );
      fireEvent.click(await screen.findByRole('button', { name: 'Save settings' }));
      const eri = await field(/^ERI to end of service/);
      await waitFor(() => {
        expect(errorOf(eri)).toBe('ERI to end of service: Too big: expected number to be <=365');
      });
      expect(screen.getByRole('alert').textContent).toContain('The settings were not saved');
    },
    SLOW,
  );

  it(
    'on a 409 says to reload and keeps what was typed',
    async () => {
      renderSettings(() =>
        problemResponse({
          status: 409,
          code: 'VERSION_CONFLICT',
          title: 'Changed by someone else',
          detail: 'The settings changed since they were read.',
        }),
      );
      const window = await field(/^Titration window/);
      fireEvent.change(window, { target: { value: '48' } });
      fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));

      const alert = await screen.findByRole('alert');
      expect(alert.textContent).toContain('Someone else changed the settings');
      expect(alert.textContent).toContain('Your values are still in the form');
      expect(screen.getByRole('button', { name: 'Reload the current settings' })).toBeTruthy();
      expect(window.value).toBe('48');
    },
    SLOW,
  );
});
