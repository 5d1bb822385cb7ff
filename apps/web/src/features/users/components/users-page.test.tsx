import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import UsersRoute from '../../../app/routes/users.tsx';
import {
  aSession,
  aSite,
  type FakeRequest,
  installFakeApi,
  jsonResponse,
  notFound,
  problemResponse,
} from '../../../../test/fake-api.ts';
import { aUserSummary } from '../../../../test/builders/users.ts';
import { renderWithProviders } from '../../../../test/render.tsx';

const north = aSite({ name: 'North Clinic' });
const south = aSite({ name: 'South Hospital' });

function renderUsers(routes: Record<string, (request: FakeRequest) => Response>, users = [aUserSummary()]) {
  const api = installFakeApi((request) => {
    if (request.path === '/api/auth/session')
      return jsonResponse(aSession({ role: 'admin', name: 'Ana Admin' }));
    if (request.path === '/api/sites') return jsonResponse({ items: [north, south] });
    if (request.path === '/api/users' && request.method === 'GET') return jsonResponse({ items: users });
    const route = routes[`${request.method} ${request.path}`];
    return route ? route(request) : notFound(request);
  });
  renderWithProviders(
    <MemoryRouter initialEntries={['/settings/users']}>
      <Routes>
        <Route path="/settings/users" element={<UsersRoute />} />
      </Routes>
    </MemoryRouter>,
  );
  return api;
}

function errorOf(element: HTMLElement): string | undefined {
  const ids = element.getAttribute('aria-describedby')?.split(' ') ?? [];
  return (
    ids.map((id) => document.getElementById(id)).find((node) => node?.className === 'field__error')
      ?.textContent ?? undefined
  );
}

async function openCreateForm(): Promise<void> {
  fireEvent.click(await screen.findByRole('button', { name: 'Add a user' }));
}

function fill(label: string, value: string): void {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

// Several requests per test: more time than the default on a busy machine.
const SLOW = 20_000;

describe('users page', () => {
  it(
    'lists users with role, sites, status and second factor',
    async () => {
      renderUsers({}, [
        aUserSummary({ name: 'Rosa Lind', siteIds: [north.id, south.id], totpEnabled: true }),
        aUserSummary({ name: 'Sam Stone', role: 'physician', active: false, allSites: true }),
      ]);
      const rosa = (await screen.findByRole('rowheader', { name: 'Rosa Lind' })).closest('tr');
      if (!rosa) throw new Error('no row');
      expect(
        within(rosa)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      ).toEqual([
        'rosa.lind@example.org',
        'Nurse',
        'North Clinic, South Hospital',
        'Active',
        'Authenticator app',
        'DisableReset passwordReset second factor',
      ]);
      const sam = screen.getByRole('rowheader', { name: 'Sam Stone' }).closest('tr');
      if (!sam) throw new Error('no row');
      expect(within(sam).getByText('Disabled')).toBeTruthy();
      expect(within(sam).getByText('All sites')).toBeTruthy();
      expect(within(sam).getByRole('button', { name: 'Enable for Sam Stone' })).toBeTruthy();
    },
    SLOW,
  );

  it(
    'checks the new user before sending: every missing field explained under it',
    async () => {
      const api = renderUsers({});
      await openCreateForm();
      fill('Email (their sign-in name)', 'not-an-email');
      fill('Role', 'nurse');
      fill('First password', 'short');
      fireEvent.click(screen.getByRole('button', { name: 'Create user' }));

      expect(errorOf(screen.getByLabelText('Name'))).toBe('Enter the user’s name.');
      expect(errorOf(screen.getByLabelText('Email (their sign-in name)'))).toBe(
        'Enter a valid email address, like name@example.org.',
      );
      expect(errorOf(screen.getByRole('group', { name: /Sites/ }))).toBe(
        'Choose at least one site, or every site.',
      );
      expect(errorOf(screen.getByLabelText('First password'))).toBe('Use at least 8 characters.');
      expect(document.activeElement).toBe(screen.getByLabelText('Name'));
      expect(screen.getByText(/At least 8 characters \(15 or more is better\)/)).toBeTruthy();
      expect(api.requests.filter((request) => request.method === 'POST')).toHaveLength(0);
    },
    SLOW,
  );

  it(
    'shows EMAIL_TAKEN under the email, keeps what was typed, then creates the user',
    async () => {
      let attempts = 0;
      const api = renderUsers({
        'POST /api/users': (request) => {
          attempts += 1;
          if (attempts === 1) {
            return problemResponse({
              status: 409,
              code: 'EMAIL_TAKEN',
              title: 'Email taken',
              detail: 'Another user has this email.',
            });
          }
          const body = request.body as { name: string; email: string };
          return jsonResponse(aUserSummary({ name: body.name, email: body.email }), 201);
        },
      });
      await openCreateForm();
      fill('Name', 'Noor Haddad');
      fill('Email (their sign-in name)', 'Noor@Example.org');
      fill('Role', 'physician');
      fireEvent.click(await screen.findByLabelText('South Hospital'));
      fill('First password', 'violet harbour lantern');
      fireEvent.click(screen.getByRole('button', { name: 'Create user' }));

      const email = screen.getByLabelText<HTMLInputElement>('Email (their sign-in name)');
      await waitFor(() => {
        expect(errorOf(email)).toBe('Another user already has this email address.');
      });
      expect(email.value).toBe('Noor@Example.org');
      expect(screen.getByLabelText<HTMLInputElement>('Name').value).toBe('Noor Haddad');
      expect(api.requestsTo('/api/users').find((request) => request.method === 'POST')?.body).toEqual({
        name: 'Noor Haddad',
        email: 'noor@example.org',
        role: 'physician',
        allSites: false,
        siteIds: [south.id],
        password: 'violet harbour lantern',
      });

      fill('Email (their sign-in name)', 'noor.haddad@example.org');
      fireEvent.click(screen.getByRole('button', { name: 'Create user' }));
      expect(await screen.findByText(/Noor Haddad was added/)).toBeTruthy();
      expect(screen.queryByRole('form', { name: 'Add a user' })).toBeNull();
    },
    SLOW,
  );

  it(
    "puts the API's password-policy refusal under the password",
    async () => {
      renderUsers({
        'POST /api/users': () =>
          problemResponse({
            status: 400,
            code: 'VALIDATION_FAILED',
            title: 'Invalid request',
            detail: 'body.password: This password is too common.',
            errors: [{ path: 'body.password', message: 'This password is too common.', code: 'common' }],
          }),
      });
      await openCreateForm();
      fill('Name', 'Noor Haddad');
      fill('Email (their sign-in name)', 'noor@example.org');
      fill('Role', 'admin');
      fill('First password', 'password123');
      fireEvent.click(screen.getByRole('button', { name: 'Create user' }));
      await waitFor(() => {
        expect(errorOf(screen.getByLabelText('First password'))).toBe('This password is too common.');
      });
    },
    SLOW,
  );

  it(
    'explains LAST_ADMIN when disabling the last admin',
    async () => {
      const admin = aUserSummary({ name: 'Olu Admin', role: 'admin', allSites: true, version: 7 });
      const api = renderUsers(
        {
          [`PATCH /api/users/${admin.id}`]: () =>
            problemResponse({
              status: 409,
              code: 'LAST_ADMIN',
              title: 'Last admin',
              detail: 'This is the last active admin: they cannot be disabled or demoted.',
            }),
        },
        [admin],
      );
      fireEvent.click(await screen.findByRole('button', { name: 'Disable for Olu Admin' }));
      expect(screen.getByRole('heading', { name: 'Disable Olu Admin' })).toBe(document.activeElement);
      fireEvent.click(screen.getByRole('button', { name: 'Disable user' }));
      expect((await screen.findByRole('alert')).textContent).toContain(
        'This is the last active administrator',
      );
      expect(api.requestsTo(`/api/users/${admin.id}`)[0]?.body).toEqual({ active: false, version: 7 });
    },
    SLOW,
  );
});
