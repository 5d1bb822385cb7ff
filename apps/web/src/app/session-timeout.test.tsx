import { BrowserRouter } from 'react-router';
import { type SessionInfo } from '@pumpdesk/contracts';
import { QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  aPatient,
  aSession,
  aSite,
  type FakeRequest,
  installFakeApi,
  jsonResponse,
  notFound,
  signedOut,
} from '../../test/fake-api.ts';
import { AuthGate } from '../features/auth/components/auth-gate.tsx';
import { createQueryClient } from '../lib/query-client.ts';
import PatientsRoute from './routes/patients.tsx';

// Automatic logoff: an unattended screen is cleared when the session's idle (or absolute) limit
// passes, with no request to find out, and a warning a minute before. Fake timers move the clock.

const SECOND = 1000;
const MINUTE = 60 * SECOND;

beforeEach(() => {
  // shouldAdvanceTime: promises and Testing Library's polling still run between the manual jumps.
  vi.useFakeTimers({ shouldAdvanceTime: true });
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

interface ClinicOptions {
  /** The API's clock minus the browser's: sent as each response's Date header when set. */
  serverAheadMs?: number;
  absoluteAfterMs?: number;
}

/**
 * A fake API that, like the real one, answers each GET /api/auth/session with a session whose idle
 * expiry is 15 minutes after that request (on the server's clock).
 */
function fakeClinic(options: ClinicOptions = {}) {
  const serverNow = (): number => Date.now() + (options.serverAheadMs ?? 0);
  const base = aSession({ role: 'nurse', csrfToken: 'csrf-1' });
  const absoluteExpiresAt = new Date(
    serverNow() + (options.absoluteAfterMs ?? 12 * 60 * MINUTE),
  ).toISOString();
  const sessionNow = (): SessionInfo => ({
    ...base,
    idleExpiresAt: new Date(serverNow() + 15 * MINUTE).toISOString(),
    absoluteExpiresAt,
  });
  const answer = (request: FakeRequest): Response => {
    if (request.path === '/api/auth/session') return jsonResponse(sessionNow());
    if (request.path === '/api/sites') return jsonResponse({ items: [aSite()] });
    if (request.path === '/api/patients') {
      return jsonResponse({ items: [aPatient({ familyName: 'Lovelace' })], nextCursor: null });
    }
    return notFound(request);
  };
  return installFakeApi((request) => {
    const response = answer(request);
    if (options.serverAheadMs !== undefined) {
      response.headers.set('date', new Date(serverNow()).toUTCString());
    }
    return response;
  });
}

function renderClinicAt(url: string) {
  window.history.replaceState(null, '', url);
  const queryClient = createQueryClient({ queries: { retry: false } });
  render(
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <AuthGate>
          <PatientsRoute />
        </AuthGate>
      </BrowserRouter>
    </QueryClientProvider>,
  );
  return queryClient;
}

async function advance(ms: number): Promise<void> {
  await act(() => vi.advanceTimersByTimeAsync(ms));
}

const warning = (): HTMLElement | null => screen.queryByText('Your session ends in 1 minute.');

describe('automatic logoff', () => {
  it('warns a minute before the idle limit, then clears the screen and shows the sign-in page', async () => {
    const api = fakeClinic();
    const queryClient = renderClinicAt('/?q=lov');
    await screen.findByRole('rowheader', { name: /Lovelace/ });

    await advance(14 * MINUTE - 2 * SECOND);
    expect(warning()).toBeNull();
    await advance(3 * SECOND);
    expect(warning()?.closest('[role="alert"]')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Stay signed in' })).toBeTruthy();
    expect(screen.getByRole('rowheader', { name: /Lovelace/ })).toBeTruthy();

    await advance(61 * SECOND);
    expect(
      screen.getByText(
        'Your session ended after 15 minutes without activity. Sign in again to return to the page you were on.',
      ),
    ).toHaveProperty('role', 'status');
    expect(screen.getByRole('heading', { name: 'Sign in to PumpDesk' })).toBeTruthy();
    expect(`${window.location.pathname}${window.location.search}`).toBe('/sign-in?next=/%3Fq%3Dlov');
    expect(screen.queryByRole('rowheader')).toBeNull();
    expect(document.body.textContent).not.toMatch(/Lovelace|Northside/);
    expect(warning()).toBeNull();
    // What the screens loaded is gone from memory too, not only from the page.
    expect(
      queryClient
        .getQueryCache()
        .findAll()
        .map((query) => query.queryKey[0]),
    ).toEqual(['auth']);
    // Found out without asking: asking would have kept the session alive.
    expect(api.requestsTo('/api/auth/session')).toHaveLength(1);
  });

  it('keeps the session when "Stay signed in" is pressed, and warns again 14 minutes later', async () => {
    const api = fakeClinic();
    renderClinicAt('/');
    await screen.findByRole('rowheader', { name: /Lovelace/ });

    await advance(14 * MINUTE + SECOND);
    fireEvent.click(screen.getByRole('button', { name: 'Stay signed in' }));
    await vi.waitFor(() => {
      expect(warning()).toBeNull();
    });
    expect(api.requestsTo('/api/auth/session')).toHaveLength(2);

    // Past the first session info's idle expiry: still signed in.
    await advance(13 * MINUTE);
    expect(screen.getByRole('rowheader', { name: /Lovelace/ })).toBeTruthy();
    expect(warning()).toBeNull();
    await advance(MINUTE + SECOND);
    expect(warning()).toBeTruthy();
    await advance(MINUTE);
    expect(screen.getByRole('heading', { name: 'Sign in to PumpDesk' })).toBeTruthy();
  });

  it('starts the idle period again with every successful API answer', async () => {
    const api = fakeClinic();
    renderClinicAt('/');
    await screen.findByRole('rowheader', { name: /Lovelace/ });

    await advance(10 * MINUTE);
    const patientRequests = api.requestsTo('/api/patients').length;
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'trial' } });
    await vi.waitFor(() => {
      expect(api.requestsTo('/api/patients')).toHaveLength(patientRequests + 1);
    });
    await screen.findByRole('rowheader', { name: /Lovelace/ });

    // 20 minutes after sign-in, 10 after the last answer: still there, no warning.
    await advance(10 * MINUTE);
    expect(screen.getByRole('rowheader', { name: /Lovelace/ })).toBeTruthy();
    expect(warning()).toBeNull();
    await advance(4 * MINUTE + SECOND);
    expect(warning()).toBeTruthy();
    await advance(MINUTE);
    expect(screen.getByText(/^Your session ended after 15 minutes without activity/)).toBeTruthy();
    expect(screen.queryByRole('rowheader')).toBeNull();
    expect(api.requestsTo('/api/auth/session')).toHaveLength(1);
  });

  it('times the idle period by the server’s clock when the browser’s is wrong', async () => {
    // The browser is 10 minutes behind the server: comparing the idle expiry with the browser's
    // clock would leave the screen up for 25 minutes.
    fakeClinic({ serverAheadMs: 10 * MINUTE });
    renderClinicAt('/');
    await screen.findByRole('rowheader', { name: /Lovelace/ });
    await advance(14 * MINUTE + 2 * SECOND);
    expect(warning()).toBeTruthy();
    await advance(MINUTE);
    expect(screen.getByText(/^Your session ended after 15 minutes without activity/)).toBeTruthy();
  });

  it('ends at the absolute limit whatever the activity, with a warning that cannot extend it', async () => {
    fakeClinic({ absoluteAfterMs: 5 * MINUTE });
    renderClinicAt('/');
    await screen.findByRole('rowheader', { name: /Lovelace/ });
    await advance(4 * MINUTE + SECOND);
    expect(screen.getByRole('alert').textContent).toMatch(/^Your session ends in 1 minute: it has reached/);
    expect(screen.queryByRole('button', { name: 'Stay signed in' })).toBeNull();
    await advance(MINUTE);
    expect(screen.getByText(/^Your session reached the longest time a session can last/)).toBeTruthy();
    expect(screen.queryByRole('rowheader')).toBeNull();
  });

  it('still shows the plain notice when a request finds the session ended first', async () => {
    let ended = false;
    installFakeApi((request) => {
      if (ended) return signedOut();
      if (request.path === '/api/auth/session') return jsonResponse(aSession());
      if (request.path === '/api/sites') return jsonResponse({ items: [aSite()] });
      if (request.path === '/api/patients') return jsonResponse({ items: [aPatient()], nextCursor: null });
      return notFound(request);
    });
    renderClinicAt('/');
    await screen.findByRole('rowheader', { name: /Lovelace/ });
    ended = true;
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'trial' } });
    expect(await screen.findByText(/^Your session has ended/)).toBeTruthy();
  });
});
