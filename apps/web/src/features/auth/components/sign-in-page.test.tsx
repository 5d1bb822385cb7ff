import { type SessionInfo } from '@pumpdesk/contracts';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  aSession,
  type FakeRequest,
  installFakeApi,
  jsonResponse,
  notFound,
  problemResponse,
  signedOut,
} from '../../../../test/fake-api.ts';
import { renderWithProviders } from '../../../../test/render.tsx';
import { AuthGate } from './auth-gate.tsx';

// The sign-in page through the gate, as the app uses it, against a fake API that starts signed out.

type Routes = Record<string, (request: FakeRequest) => Response>;

function fakeAuthApi(routes: Routes, initial: SessionInfo | null = null) {
  return installFakeApi((request) => {
    if (request.path === '/api/auth/session') return initial ? jsonResponse(initial) : signedOut();
    const route = routes[`${request.method} ${request.path}`];
    return route ? route(request) : notFound(request);
  });
}

function renderAt(url: string): void {
  window.history.replaceState(null, '', url);
  renderWithProviders(
    <AuthGate>
      <p>The signed-in app at {window.location.pathname}</p>
    </AuthGate>,
  );
}

async function signInWith(email: string, password: string): Promise<void> {
  fireEvent.change(await screen.findByLabelText('Email'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

const invalidCredentials = (): Response =>
  problemResponse({
    status: 401,
    code: 'INVALID_CREDENTIALS',
    title: 'Sign-in failed',
    detail: 'The email or password is wrong.',
  });

describe('sign-in page', () => {
  it('shows a wrong password as an alert, keeps the email and clears the password', async () => {
    const api = fakeAuthApi({ 'POST /api/auth/sign-in': invalidCredentials });
    renderAt('/');

    await signInWith('rosa@example.org', 'not her password');

    expect((await screen.findByRole('alert')).textContent).toBe('The email or password is not correct.');
    expect(screen.getByLabelText<HTMLInputElement>('Email').value).toBe('rosa@example.org');
    expect(screen.getByLabelText<HTMLInputElement>('Password').value).toBe('');
    expect(api.requestsTo('/api/auth/sign-in')[0]?.body).toEqual({
      email: 'rosa@example.org',
      password: 'not her password',
    });
    expect(screen.queryByText(/The signed-in app/)).toBeNull();
  });

  it('says how long to wait after too many attempts (429 with Retry-After)', async () => {
    fakeAuthApi({
      'POST /api/auth/sign-in': () =>
        new Response(
          JSON.stringify({
            type: 'about:blank',
            status: 429,
            code: 'TOO_MANY_ATTEMPTS',
            title: 'Too many attempts',
          }),
          { status: 429, headers: { 'content-type': 'application/problem+json', 'retry-after': '540' } },
        ),
    });
    renderAt('/');
    await signInWith('rosa@example.org', 'guess');
    expect((await screen.findByRole('alert')).textContent).toBe('Too many attempts. Try again in 9 minutes.');
  });

  it('asks for both fields before sending anything', async () => {
    const api = fakeAuthApi({});
    renderAt('/');
    fireEvent.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter your email address.');
    expect(api.requestsTo('/api/auth/sign-in')).toHaveLength(0);
  });

  it('asks for the authenticator code when the stage is totp_required, sending the new CSRF token', async () => {
    const halfway = aSession({ stage: 'totp_required', csrfToken: 'csrf-after-password' });
    const active = aSession({ csrfToken: 'csrf-active' });
    const api = fakeAuthApi({
      'POST /api/auth/sign-in': () => jsonResponse(halfway),
      'POST /api/auth/totp': (request) =>
        (request.body as { code?: string }).code === '123456'
          ? jsonResponse(active)
          : problemResponse({
              status: 400,
              code: 'VALIDATION_FAILED',
              title: 'Invalid request',
              errors: [{ path: 'body.code', code: 'wrong_code', message: 'The code is wrong.' }],
            }),
    });
    renderAt('/');
    await signInWith('rosa@example.org', 'correct horse battery staple');

    const code = await screen.findByLabelText('6-digit code');
    expect(screen.getByRole('heading', { name: 'Two-step verification' })).toBeTruthy();
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(code.getAttribute('inputmode')).toBe('numeric');

    // Not six digits: refused before sending.
    fireEvent.change(code, { target: { value: '12345' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter the 6 digits your authenticator app shows.');

    fireEvent.change(code, { target: { value: '654321' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^That code is not correct/);

    fireEvent.change(code, { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByText('The signed-in app at /');
    const sent = api.requestsTo('/api/auth/totp');
    expect(sent.map((request) => request.headers.get('x-csrf-token'))).toEqual([
      'csrf-after-password',
      'csrf-after-password',
    ]);
  });

  it('switches to a recovery code', async () => {
    const api = fakeAuthApi(
      { 'POST /api/auth/totp': () => jsonResponse(aSession()) },
      aSession({ stage: 'totp_required' }),
    );
    renderAt('/sign-in');
    fireEvent.click(await screen.findByRole('button', { name: 'Use a recovery code instead' }));
    fireEvent.change(screen.getByLabelText('Recovery code'), { target: { value: ' abcd-efgh ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByText(/The signed-in app/);
    expect(api.requestsTo('/api/auth/totp')[0]?.body).toEqual({ recoveryCode: 'abcd-efgh' });
  });

  it('goes back to the password, saying why, when the half-finished sign-in has expired', async () => {
    fakeAuthApi({ 'POST /api/auth/totp': signedOut }, aSession({ stage: 'totp_required' }));
    renderAt('/sign-in');
    fireEvent.change(await screen.findByLabelText('6-digit code'), { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect((await screen.findByRole('status')).textContent).toMatch(/took too long/);
    expect(screen.getByLabelText('Email')).toBeTruthy();
  });

  it.each([
    ['a path on this site', '/sign-in?next=/patients%3Fq%3Dx', '/patients?q=x'],
    ['another host', '/sign-in?next=//evil.example/steal', '/'],
    ['an absolute URL', `/sign-in?next=${encodeURIComponent('https://evil.example/')}`, '/'],
    ['a backslash trick', `/sign-in?next=${encodeURIComponent('/\\evil.example')}`, '/'],
  ])('after signing in, follows next only when it is %s', async (_what, url, expected) => {
    fakeAuthApi({ 'POST /api/auth/sign-in': () => jsonResponse(aSession()) });
    renderAt(url);
    await signInWith('rosa@example.org', 'correct horse battery staple');
    await screen.findByText(/The signed-in app/);
    expect(`${window.location.pathname}${window.location.search}`).toBe(expected);
  });

  it('remembers the address of a signed-out visit as next', async () => {
    fakeAuthApi({});
    renderAt('/patients?q=x');
    await screen.findByLabelText('Email');
    expect(`${window.location.pathname}${window.location.search}`).toBe('/sign-in?next=/patients%3Fq%3Dx');
  });

  it('takes an admin through enrolment: the key in groups, a first code, the recovery codes once', async () => {
    const api = fakeAuthApi(
      {
        'POST /api/auth/totp/setup': () =>
          jsonResponse({
            secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
            otpauthUri: 'otpauth://totp/PumpDesk:admin%40example.org?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
          }),
        'POST /api/auth/totp/confirm': () =>
          jsonResponse({ recoveryCodes: ['aaaa-bbbb', 'cccc-dddd'], session: aSession({ role: 'admin' }) }),
      },
      aSession({ stage: 'totp_enrolment_required', role: 'admin' }),
    );
    renderAt('/sign-in');

    expect(await screen.findByText('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP')).toBeTruthy();
    expect(
      screen.getByRole('link', { name: 'Open the key in your authenticator app' }).getAttribute('href'),
    ).toMatch(/^otpauth:\/\/totp\//);
    fireEvent.change(screen.getByLabelText('6-digit code'), { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Turn on two-step verification' }));

    const codes = await screen.findByRole('list', { name: 'Recovery codes' });
    expect(codes.textContent).toBe('aaaa-bbbbcccc-dddd');
    const carryOn = screen.getByRole('button', { name: 'Continue' });
    expect(carryOn).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByLabelText('I have saved these recovery codes'));
    fireEvent.click(carryOn);
    await screen.findByText(/The signed-in app/);
    expect(api.requestsTo('/api/auth/totp/setup')).toHaveLength(1);
    expect(api.requestsTo('/api/auth/totp/confirm')[0]?.body).toEqual({ code: '123456' });
  });

  it('asks for a new password with the rules, checks it, and shows the API’s reasons on the field', async () => {
    let attempts = 0;
    const api = fakeAuthApi(
      {
        'POST /api/auth/password': () =>
          attempts++ === 0
            ? problemResponse({
                status: 400,
                code: 'VALIDATION_FAILED',
                title: 'Invalid request',
                errors: [
                  { path: 'body.newPassword', message: 'This password is too common.', code: 'common' },
                ],
              })
            : jsonResponse(aSession()),
      },
      aSession({ stage: 'password_change_required' }),
    );
    renderAt('/sign-in');
    expect(await screen.findByText(/at least 8 characters; 15 or more is better/)).toBeTruthy();

    const fill = (current: string, next: string, again: string): void => {
      fireEvent.change(screen.getByLabelText('Current password'), { target: { value: current } });
      fireEvent.change(screen.getByLabelText('New password'), { target: { value: next } });
      fireEvent.change(screen.getByLabelText('New password again'), { target: { value: again } });
      fireEvent.click(screen.getByRole('button', { name: 'Save the new password' }));
    };
    fill('first-password', 'short', 'short');
    expect(screen.getByText(/Use at least 8 characters/)).toBeTruthy();
    expect(screen.getByLabelText('New password').getAttribute('aria-invalid')).toBe('true');
    fill('first-password', 'password1234', 'password12345');
    expect(screen.getByText('The two new passwords are not the same.')).toBeTruthy();
    expect(api.requestsTo('/api/auth/password')).toHaveLength(0);

    fill('first-password', 'password1234', 'password1234');
    expect(await screen.findByText('This password is too common.')).toBeTruthy();
    fill('first-password', 'plum kettle orbit violin', 'plum kettle orbit violin');
    await screen.findByText(/The signed-in app/);
    await waitFor(() => {
      expect(api.requestsTo('/api/auth/password').at(-1)?.body).toEqual({
        currentPassword: 'first-password',
        newPassword: 'plum kettle orbit violin',
      });
    });
  });
});
