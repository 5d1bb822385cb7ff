import { createTestPatient, createTestSite } from '@pumpdesk/db/testing';
import { type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  createAccount,
  endSessionsInDatabase,
  enterCurrentCode,
  signIn,
  submitCredentials,
} from './support/accounts.ts';
import { type RunningApi } from './support/api-server.ts';
import { unexpectedConsoleErrors } from './support/browser.ts';
import { useBrowserTest } from './support/browser-test.ts';
import { screenshot } from './support/screenshots.ts';

// Sign-in in a real browser against the real API: a wrong password, a nurse's sign-in, a second factor
// computed from the secret, sign-out (and Back), and a session that ends while the page is open.

/** Family names of the rows on screen. */
function visibleNames(page: Page): Promise<string[]> {
  return page.locator('table tbody tr > th').allTextContents();
}

/** The address bar, without the origin. */
function pathOf(page: Page): string {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
}

/** A site with two patients, a nurse, and a physician with an authenticator app. */
async function createClinic(database: RunningApi['database']) {
  const site = await createTestSite(database.prisma, { name: 'North Clinic' });
  await createTestPatient(database.prisma, {
    siteId: site.id,
    familyName: 'Okafor',
    givenName: 'Adaeze',
  });
  await createTestPatient(database.prisma, {
    siteId: site.id,
    familyName: 'Moreau',
    givenName: 'Claire',
  });
  const nurse = await createAccount(database, { name: 'Rosa Lind', role: 'nurse', siteIds: [site.id] });
  const physician = await createAccount(database, {
    name: 'Dr Kwame Mensah',
    role: 'physician',
    siteIds: [site.id],
    totp: true,
  });
  return { nurse, physician };
}

const started = useBrowserTest(createClinic);

describe('sign-in in the browser', () => {
  it('refuses a wrong password with a message, and shows no patient data', async () => {
    const { api, browser, world } = started();
    const { nurse } = world;
    const { page } = browser;
    await page.goto(`${api.baseUrl}/`);
    await page.getByRole('heading', { name: 'Sign in to PumpDesk' }).waitFor();
    expect(pathOf(page)).toBe('/sign-in');

    await submitCredentials(page, nurse.email, 'not the password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('The email or password is not correct.');
    expect(await page.getByLabel('Password').inputValue()).toBe('');
    expect(await page.locator('table').count()).toBe(0);
    await screenshot(page, 'sign-in-wrong-password');
  });

  it('signs a nurse in: her name and role in the header, the patient list; sign-out and Back show no patients', async () => {
    const { api, browser, world } = started();
    const { nurse } = world;
    const { page } = browser;
    await page.goto(`${api.baseUrl}/patients?q=okafor`);
    await page.getByRole('heading', { name: 'Sign in to PumpDesk' }).waitFor();
    expect(pathOf(page)).toBe('/sign-in?next=/patients%3Fq%3Dokafor');

    await signIn(page, nurse);
    await expect.poll(() => visibleNames(page)).toEqual(['Okafor, Adaeze']);
    expect(pathOf(page)).toBe('/patients?q=okafor');
    const header = page.getByRole('banner');
    expect(await header.getByText('Rosa Lind · Nurse').isVisible()).toBe(true);
    expect(await header.getByRole('link', { name: 'Patients' }).isVisible()).toBe(true);
    await screenshot(page, 'signed-in-nurse');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to PumpDesk' }).waitFor();
    expect(pathOf(page)).toBe('/sign-in');
    expect(await page.getByText('Okafor').count()).toBe(0);

    // Back to the list's address: the sign-in page again, no patient on screen.
    await page.goBack();
    await page.getByRole('heading', { name: 'Sign in to PumpDesk' }).waitFor();
    expect(await page.getByText('Okafor').count()).toBe(0);
    expect(await page.locator('table').count()).toBe(0);
    // And a fresh load of that address does not get in either.
    await page.goto(`${api.baseUrl}/patients?q=okafor`);
    await page.getByRole('heading', { name: 'Sign in to PumpDesk' }).waitFor();
    expect(await page.getByText('Okafor').count()).toBe(0);
    await screenshot(page, 'signed-out');
  });

  it('signs in a user with an authenticator app, with a code computed from the secret', async () => {
    const { api, browser, world } = started();
    const { physician } = world;
    const { page } = browser;
    await page.goto(`${api.baseUrl}/patients`);
    await submitCredentials(page, physician.email, physician.password);
    const code = page.getByLabel('6-digit code');
    await code.waitFor();
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    await screenshot(page, 'sign-in-totp-step');

    // A wrong code first: refused with a message, the step stays.
    await code.fill('000000');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/^That code is not correct/);

    await enterCurrentCode(page, physician);
    await expect.poll(() => visibleNames(page)).toEqual(['Moreau, Claire', 'Okafor, Adaeze']);
    expect(await page.getByRole('banner').getByText('Dr Kwame Mensah · Physician').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to PumpDesk' }).waitFor();
  });

  it('sends the user to sign in when the session ends, and back to the same page afterwards', async () => {
    const { api, browser, world } = started();
    const { nurse } = world;
    const { page } = browser;
    await page.goto(`${api.baseUrl}/patients?q=o`);
    await signIn(page, nurse);
    await expect.poll(() => visibleNames(page)).toEqual(['Moreau, Claire', 'Okafor, Adaeze']);

    expect(await endSessionsInDatabase(api.database, nurse)).toBe(1);
    await page.getByLabel('Status').selectOption({ label: 'Active' });

    await page
      .getByText('Your session has ended. Sign in again to return to the page you were on.')
      .waitFor();
    expect(pathOf(page)).toBe('/sign-in?next=/patients%3Fq%3Do%26status%3Dactive');
    expect(await page.locator('table').count()).toBe(0);
    await screenshot(page, 'session-ended');

    await signIn(page, nurse);
    await expect.poll(() => visibleNames(page)).toEqual(['Moreau, Claire', 'Okafor, Adaeze']);
    expect(pathOf(page)).toBe('/patients?q=o&status=active');
    expect(await page.getByLabel('Status').inputValue()).toBe('active');
    // Every failed response is logged by Chromium: these are the ones the journeys provoked.
    const provoked = [
      /status of 401 .*\/api\/auth\/sign-in\)$/,
      /status of 400 .*\/api\/auth\/totp\)$/,
      /status of 401 .*\/api\/patients\?/,
    ];
    expect(unexpectedConsoleErrors(browser, provoked)).toEqual([]);
  });
});
