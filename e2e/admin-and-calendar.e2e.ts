import { addDays, calendarDateInZone, type CalendarDate, startOfDayInZone } from '@pumpdesk/domain';
import { createTestPatient, createTestSite } from '@pumpdesk/db/testing';
import { type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createAccount, signIn, type TestAccount } from './support/accounts.ts';
import { type RunningApi } from './support/api-server.ts';
import { expectAccessible } from './support/axe.ts';
import { unexpectedConsoleErrors } from './support/browser.ts';
import { useBrowserTest } from './support/browser-test.ts';
import { screenshot } from './support/screenshots.ts';

// The appointments calendar (a nurse, day and week, in the site's New York time while the browser runs
// in London), then an admin: signs in with the second factor, lands on the settings, changes a
// threshold and saves it, and manages users. The database is this file's own.

const ZONE = 'America/New_York';

/** An instant at a wall-clock time on a day of the site's calendar. */
function at(day: CalendarDate, hours: number, minutes: number): Date {
  return new Date(startOfDayInZone(day, ZONE).getTime() + (hours * 60 + minutes) * 60_000);
}

async function createClinic(database: RunningApi['database']) {
  const prisma = database.prisma;
  const site = await createTestSite(prisma, { name: 'Hudson Clinic', timeZone: ZONE });
  const nurse: TestAccount = await createAccount(database, {
    name: 'Rosa Lind',
    role: 'nurse',
    siteIds: [site.id],
  });
  const admin: TestAccount = await createAccount(database, {
    name: 'Ana Admin',
    role: 'admin',
    allSites: true,
    totp: true,
  });
  const adaeze = await createTestPatient(prisma, {
    siteId: site.id,
    familyName: 'Okafor',
    givenName: 'Adaeze',
    mrn: 'E2E3001',
  });
  const ben = await createTestPatient(prisma, {
    siteId: site.id,
    familyName: 'Moreau',
    givenName: 'Ben',
    mrn: 'E2E3002',
  });
  const today = calendarDateInZone(new Date(), ZONE);
  // Another day of the same Monday–Sunday week (tomorrow, or yesterday on a Sunday).
  const isSunday = new Date(`${today}T12:00:00Z`).getUTCDay() === 0;
  const otherDay = addDays(today, isSunday ? -1 : 1);
  await prisma.appointment.createMany({
    data: [
      {
        patientId: adaeze.id,
        siteId: site.id,
        kind: 'refill',
        startsAt: at(today, 9, 30),
        durationMinutes: 45,
        clinicianId: nurse.id,
      },
      {
        patientId: ben.id,
        siteId: site.id,
        kind: 'follow_up',
        startsAt: at(today, 14, 0),
        status: 'done',
      },
      {
        patientId: ben.id,
        siteId: site.id,
        kind: 'replacement_consult',
        startsAt: at(otherDay, 11, 15),
        clinicianId: nurse.id,
      },
    ],
  });
  return { site, nurse, admin, adaeze, today, otherDay };
}

function search(page: Page): URLSearchParams {
  return new URL(page.url()).searchParams;
}

const started = useBrowserTest(createClinic);

describe('appointments calendar and admin screens in the browser', () => {
  it("a nurse sees the day and the week in the site's zone and closes an appointment", async () => {
    const { api, browser, world: clinic } = started();
    const { page } = browser;
    await page.goto(`${api.baseUrl}/appointments`);
    await signIn(page, clinic.nurse);

    // The day: times in New York, though the browser runs in London.
    const table = page.getByRole('table');
    await table.waitFor();
    const rows = table.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).locator('th').textContent()).toBe('09:30–10:15');
    expect(await rows.nth(0).textContent()).toContain('Okafor, Adaeze');
    expect(await rows.nth(0).textContent()).toContain('MRN E2E3001');
    expect(await rows.nth(0).textContent()).toContain('Rosa Lind');
    expect(await rows.nth(1).locator('th').textContent()).toBe('14:00–14:30');
    expect(await rows.nth(1).textContent()).toContain('Done');
    await expectAccessible(page);
    await screenshot(page, 'appointments-day');

    // Close the booked one: the real API takes the version and answers the new status.
    await page.getByRole('button', { name: 'Mark done: Okafor, Adaeze at 09:30' }).click();
    await expect.poll(() => rows.nth(0).textContent()).toContain('Done');

    // The week: seven days, the other appointment on its own day, navigation in the URL.
    await page.getByRole('button', { name: 'Week', exact: true }).click();
    await page.getByRole('heading', { name: /^Week of / }).waitFor();
    expect(search(page).get('view')).toBe('week');
    expect(search(page).get('siteId')).toBe(clinic.site.id);
    const days = page.locator('.week-day');
    await expect.poll(() => days.count()).toBe(7);
    const other = page.locator('.week-day', { has: page.locator(`time[datetime="${clinic.otherDay}"]`) });
    await expect.poll(() => other.textContent()).toContain('11:15–11:45');
    expect(await other.textContent()).toContain('Replacement consult');
    await expectAccessible(page);
    await screenshot(page, 'appointments-week');

    await page.getByRole('button', { name: /Next week/ }).click();
    await expect.poll(() => search(page).get('date')).toBe(addDays(clinic.today, 7));
    await page.getByText('No appointments this week.').waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Email').waitFor();
    expect(unexpectedConsoleErrors(browser)).toEqual([]);
  });

  it('an admin signs in with the second factor, changes a threshold and manages users', async () => {
    const { api, browser, world: clinic } = started();
    const { page } = browser;
    // Signed out whatever the first test left behind.
    await browser.context.clearCookies();
    await page.goto(`${api.baseUrl}/`);
    await signIn(page, clinic.admin);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/settings');

    const margin = page.getByLabel(/^Safety margin/);
    await expect.poll(() => margin.inputValue()).toBe('4');
    await expectAccessible(page);
    await screenshot(page, 'settings');

    // Out of range: refused before sending, the rule under the field.
    await margin.fill('45');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Safety margin must be at most 30 days.').waitFor();

    await margin.fill('5');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved').waitFor();
    const stored = await api.database.prisma.organisation.findFirst();
    expect(
      (stored?.settings as { refill?: { safetyMarginDays?: number } } | undefined)?.refill?.safetyMarginDays,
    ).toBe(5);
    await page.reload();
    await expect.poll(() => page.getByLabel(/^Safety margin/).inputValue()).toBe('5');

    await page.getByRole('link', { name: 'Manage users' }).click();
    await page.getByRole('rowheader', { name: /Rosa Lind/ }).waitFor();
    expect(await page.getByRole('rowheader', { name: /Ana Admin/ }).textContent()).toContain('(you)');
    await expectAccessible(page);
    await screenshot(page, 'users');

    // A new user with a first password.
    await page.getByRole('button', { name: 'Add a user' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Noor Haddad');
    await page.getByLabel('Email (their sign-in name)').fill('noor.haddad@example.org');
    await page.getByLabel('Role').selectOption('physician');
    await page.getByLabel('Hudson Clinic').check();
    await page.getByLabel('First password').fill('violet harbour lantern 42');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByText('Noor Haddad was added.', { exact: false }).waitFor();
    const noor = page.getByRole('row', { name: /Noor Haddad/ });
    await expect.poll(() => noor.textContent()).toContain('Hudson Clinic');
    expect(await noor.textContent()).toContain('Must choose a new password');

    // Disabled, then enabled again.
    await page.getByRole('button', { name: 'Disable for Noor Haddad' }).click();
    await page.getByRole('button', { name: 'Disable user' }).click();
    await page.getByText('Noor Haddad was disabled and signed out.').waitFor();
    await expect.poll(() => noor.textContent()).toContain('Disabled');

    expect(unexpectedConsoleErrors(browser)).toEqual([]);
  });
});
