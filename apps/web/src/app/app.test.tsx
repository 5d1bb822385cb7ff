import { type SessionInfo } from '@pumpdesk/contracts';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  aPatient,
  aSession,
  aSite,
  installFakeApi,
  jsonResponse,
  notFound,
  signedOut,
} from '../../test/fake-api.ts';
import { App } from './app.tsx';

// The whole app behind sign-in: what renders and what is fetched before, during and after a session.

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

/** A fake API whose session the test controls; patients answer 401 once the session has ended. */
function fakeClinic(initial: SessionInfo | null) {
  const state = { session: initial };
  const api = installFakeApi((request) => {
    const { method, path } = request;
    if (path === '/api/auth/session') return state.session ? jsonResponse(state.session) : signedOut();
    if (method === 'POST' && path === '/api/auth/sign-in') {
      state.session = aSession({ name: 'Rosa Lind', role: 'nurse', csrfToken: 'csrf-2' });
      return jsonResponse(state.session);
    }
    if (method === 'POST' && path === '/api/auth/sign-out') {
      state.session = null;
      return new Response(null, { status: 204 });
    }
    if (!state.session) return signedOut();
    if (path === '/api/sites') return jsonResponse({ items: [aSite()] });
    if (path === '/api/patients') {
      const q = request.query.get('q');
      return jsonResponse({
        items: [aPatient({ familyName: q ? 'Filtered' : 'Lovelace' })],
        nextCursor: null,
      });
    }
    return notFound(request);
  });
  return { api, state };
}

function renderAppAt(url: string): void {
  window.history.replaceState(null, '', url);
  render(<App />);
}

describe('the app behind sign-in', () => {
  it('shows only the sign-in page to a signed-out visit, and fetches nothing about patients', async () => {
    const { api } = fakeClinic(null);
    renderAppAt('/patients?q=lov');
    expect(await screen.findByRole('heading', { name: 'Sign in to PumpDesk' })).toBeTruthy();
    expect(`${window.location.pathname}${window.location.search}`).toBe('/sign-in?next=/patients%3Fq%3Dlov');
    expect(screen.queryByRole('navigation', { name: 'Primary' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
    expect(api.requests.map((request) => request.path)).toEqual(['/api/auth/session']);
  });

  it('takes a nurse from / to her home, the refill worklist', async () => {
    fakeClinic(aSession({ role: 'nurse' }));
    renderAppAt('/');
    await vi.waitFor(
      () => {
        expect(window.location.pathname).toBe('/refills');
        expect(screen.getByRole('link', { name: 'Refills' }).getAttribute('aria-current')).toBe('page');
      },
      { timeout: 5000 },
    ); // the screen's code chunk loads first (lazy route), slow in jsdom
  });

  it('shows the nurse her name and role, the patients entry and the list', async () => {
    const { api } = fakeClinic(aSession({ name: 'Rosa Lind', role: 'nurse' }));
    renderAppAt('/patients');
    await screen.findByRole('rowheader', { name: /Lovelace/ });
    const header = screen.getByRole('banner');
    expect(within(header).getByText('Rosa Lind · Nurse')).toBeTruthy();
    expect(within(header).getByRole('link', { name: 'Patients' })).toBeTruthy();
    // The session was known before anything else was asked for.
    expect(api.requests[0]?.path).toBe('/api/auth/session');
  });

  it('takes an admin to the settings, with neither the patient list nor its navigation entry, and fetches no patients', async () => {
    const { api } = fakeClinic(aSession({ name: 'Ada Admin', role: 'admin' }));
    renderAppAt('/');
    expect(await screen.findByText('Ada Admin · Administrator')).toBeTruthy();
    await vi.waitFor(
      () => {
        expect(window.location.pathname).toBe('/settings');
        expect(screen.getByRole('link', { name: 'Settings' }).getAttribute('aria-current')).toBe('page');
      },
      { timeout: 5000 },
    );
    expect(screen.queryByRole('link', { name: 'Patients' })).toBeNull();
    expect(api.requestsTo('/api/patients')).toHaveLength(0);
  });

  it('on a 401, shows the sign-in page remembering the page, and returns there after signing in', async () => {
    const { api, state } = fakeClinic(aSession({ csrfToken: 'csrf-1' }));
    renderAppAt('/patients?q=lov');
    await screen.findByRole('rowheader', { name: /Filtered/ });

    // The session ends on the server (idle timeout); the next request finds out.
    state.session = null;
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'trial' } });

    expect(await screen.findByText(/Your session has ended/)).toHaveProperty('role', 'status');
    expect(`${window.location.pathname}${window.location.search}`).toBe(
      '/sign-in?next=/patients%3Fq%3Dlov%26status%3Dtrial',
    );
    expect(screen.queryByRole('rowheader')).toBeNull();

    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'rosa@example.org' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    await screen.findByRole('rowheader', { name: /Filtered/ });
    expect(`${window.location.pathname}${window.location.search}`).toBe('/patients?q=lov&status=trial');
    expect(screen.getByLabelText<HTMLSelectElement>('Status').value).toBe('trial');
    expect(screen.getByRole('link', { name: 'Patients' }).getAttribute('aria-current')).toBe('page');
    expect(api.requestsTo('/api/patients').at(-1)?.query.get('status')).toBe('trial');
  });

  it('signs out with the CSRF token, then shows the sign-in page, also after Back', async () => {
    const { api } = fakeClinic(aSession({ csrfToken: 'csrf-1' }));
    renderAppAt('/patients?q=lov');
    await screen.findByRole('rowheader', { name: /Filtered/ });

    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in to PumpDesk' })).toBeTruthy();
    expect(window.location.pathname).toBe('/sign-in');
    expect(api.requestsTo('/api/auth/sign-out')[0]?.headers.get('x-csrf-token')).toBe('csrf-1');
    expect(screen.queryByRole('rowheader')).toBeNull();
    expect(screen.queryByText(/Rosa Lind/)).toBeNull();

    // Back to the patient list's address: still the sign-in page, with nothing fetched.
    const patientRequests = api.requestsTo('/api/patients').length;
    act(() => {
      window.history.back();
    });
    await vi.waitFor(() => {
      expect(window.location.search).toBe('?next=/patients%3Fq%3Dlov');
    });
    expect(screen.getByRole('heading', { name: 'Sign in to PumpDesk' })).toBeTruthy();
    expect(screen.queryByRole('rowheader')).toBeNull();
    expect(api.requestsTo('/api/patients')).toHaveLength(patientRequests);
  });
});
