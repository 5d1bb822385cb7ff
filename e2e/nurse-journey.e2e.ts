import { refreshPumpSchedules } from '@pumpdesk/db';
import {
  createTestPatient,
  createTestPump,
  createTestPumpModel,
  createTestRefill,
  createTestSimpleProgram,
  createTestSite,
} from '@pumpdesk/db/testing';
import { type Locator, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createAccount, signIn, type TestAccount } from './support/accounts.ts';
import { type RunningApi } from './support/api-server.ts';
import { expectAccessible } from './support/axe.ts';
import { unexpectedConsoleErrors } from './support/browser.ts';
import { useBrowserTest } from './support/browser-test.ts';
import { screenshot } from './support/screenshots.ts';

// The nurse's journey in a real browser against the real API and database: sign in, find an overdue
// patient on the refill worklist, book a refill appointment from the row, record the refill with the
// guided form, and see the patient leave the Overdue section. The database is this file's own.

const DAY_MS = 86_400_000;
const TIME_ZONE = 'Europe/London';

/**
 * A 20 mL pump at 500 mcg/mL and 300 mcg/day (0.6 mL/day), refilled with 20 mL 27.5 days ago: the
 * alarm (2 mL) comes in 2.5 days, so the due date (4-day margin) has passed: overdue, not yet critical.
 * It should hold 20 − 27.5 × 0.6 = 3.5 mL now.
 */
async function createClinic(database: RunningApi['database']) {
  const prisma = database.prisma;
  const now = Date.now();
  const site = await createTestSite(prisma, { name: 'North Clinic', timeZone: TIME_ZONE });
  const nurse: TestAccount = await createAccount(database, {
    name: 'Rosa Lind',
    role: 'nurse',
    siteIds: [site.id],
  });
  const physician = await createAccount(database, {
    name: 'Dr Amara Nwosu',
    role: 'physician',
    siteIds: [site.id],
  });
  const model = await createTestPumpModel(prisma, 20);
  const patient = await createTestPatient(prisma, {
    siteId: site.id,
    familyName: 'Okafor',
    givenName: 'Adaeze',
    mrn: 'E2E3001',
    responsiblePhysicianId: physician.id,
  });
  const pump = await createTestPump(prisma, {
    patientId: patient.id,
    modelId: model.id,
    implantDate: '2024-02-01',
  });
  await createTestSimpleProgram(prisma, {
    pumpId: pump.id,
    programmedById: physician.id,
    effectiveFrom: new Date(now - 200 * DAY_MS),
    doseMcgPerDay: 300,
    concentrationMcgPerMl: 500,
  });
  await createTestRefill(prisma, {
    pumpId: pump.id,
    performedById: physician.id,
    performedAt: new Date(now - 27.5 * DAY_MS),
    volumeAfterMl: 20,
    concentrationMcgPerMl: 500,
  });
  await refreshPumpSchedules(prisma, [patient.id]);
  return { site, nurse, patient };
}

/** `YYYY-MM-DD` of an instant in the site's calendar. */
function siteDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(instant);
}

function section(page: Page, title: string): Locator {
  return page.getByRole('region', { name: new RegExp(`^${title} \\(`) });
}

const started = useBrowserTest(createClinic);

describe('the nurse journey in the browser', () => {
  it('finds an overdue patient, books an appointment, records the refill, and the patient leaves Overdue', async () => {
    const { api, browser, world: clinic } = started();
    const { page } = browser;
    const name = 'Okafor, Adaeze';

    // Sign in: a nurse's home is the refill worklist.
    await page.goto(`${api.baseUrl}/`);
    await signIn(page, clinic.nurse);
    await page.waitForURL(/\/refills$/);
    const overdue = section(page, 'Overdue');
    await overdue.getByRole('rowheader', { name }).waitFor();

    // Book a refill appointment from the row, tomorrow at 09:00.
    await overdue.getByRole('button', { name: `Book refill appointment for ${name}` }).click();
    await page.getByLabel('Day', { exact: true }).fill(siteDate(new Date(Date.now() + DAY_MS)));
    await page.getByRole('button', { name: 'Book appointment' }).click();
    await page.getByText(`Refill appointment for ${name} booked for`).waitFor();

    // Record the refill from the same row.
    await overdue.getByRole('link', { name: `Record refill for ${name}` }).click();
    await page.waitForURL(new RegExp(`/patients/${clinic.patient.id}/refill$`));
    await page.getByRole('heading', { name: 'Step 1 of 4: Expected residual' }).waitFor();
    expect(await page.title()).toBe(`Record a refill: ${name} · PumpDesk`);
    expect(await page.getByTestId('estimated-residual').textContent()).toMatch(
      /^3\.\d+ mL at the refill time$/,
    );
    await expectAccessible(page);
    await screenshot(page, 'refill-step-1');

    // Keyboard only: type, then Enter submits the step (Next).
    await page.getByLabel('Expected residual shown by the pump (mL)').fill('3.5');
    await page.getByLabel('Expected residual shown by the pump (mL)').press('Enter');
    await page.getByRole('heading', { name: 'Step 2 of 4: Volume withdrawn' }).waitFor();
    // 5 mL withdrawn where 3.5 were expected: a 1.5 mL gap, above the 1 mL of a 20 mL pump: a warning.
    await page.getByLabel('Volume withdrawn (mL)').fill('5');
    await page.getByText('5 mL was withdrawn but the pump expected 3.5 mL', { exact: false }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'refill-step-2');
    await page.getByRole('button', { name: 'Next' }).click();

    await page.getByRole('heading', { name: 'Step 3 of 4: Drug and fill' }).waitFor();
    // The wrong strength first: blocked, with the reason.
    await page.getByLabel('Concentration on the drug label (mcg/mL)').fill('1000');
    await page.getByText('A physician must change the program first.').waitFor();
    expect(await page.getByRole('button', { name: 'Next' }).getAttribute('aria-disabled')).toBe('true');
    await expectAccessible(page);
    await screenshot(page, 'refill-step-3-blocked');
    await page.getByLabel('Concentration on the drug label (mcg/mL)').fill('500');
    await page.getByLabel('Lot number (optional)').fill('LOT-4711');
    await page.getByLabel('Volume filled (mL)').fill('20');
    await page.getByLabel('Reservoir volume after the fill (mL)').fill('20');
    const live = page.getByTestId('live-dates');
    await expect.poll(() => live.textContent()).toContain('New refill due date');
    await expectAccessible(page);
    await screenshot(page, 'refill-step-3');
    await page.getByRole('button', { name: 'Next' }).click();

    await page.getByRole('heading', { name: 'Step 4 of 4: Confirm' }).waitFor();
    await page.getByTestId('server-preview').waitFor();
    // The server's own check finds the same residual gap; a warning does not stop the refill.
    expect(await page.getByTestId('server-preview').textContent()).toContain(
      '5 mL was withdrawn but the pump expected 3.5 mL',
    );
    await expectAccessible(page);
    await screenshot(page, 'refill-confirm');
    await page.getByRole('button', { name: 'Record the refill' }).click();

    await page.getByRole('heading', { name: /Refill recorded/ }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'refill-saved');

    // Back on the worklist, the patient is no longer overdue.
    await page.getByRole('link', { name: 'Refill worklist' }).click();
    await page.waitForURL(/\/refills$/);
    // The invalidated worklist refetches on arrival: the row moves from Overdue to Upcoming.
    await expect.poll(() => section(page, 'Upcoming').getByRole('rowheader', { name }).count()).toBe(1);
    expect(await section(page, 'Overdue').getByRole('rowheader', { name }).count()).toBe(0);
    await screenshot(page, 'refill-worklist-after');

    expect(unexpectedConsoleErrors(browser)).toEqual([]);
  });
});
