import { refreshPumpSchedules } from '@pumpdesk/db';
import {
  createTestPatient,
  createTestPump,
  createTestPumpModel,
  createTestRefill,
  createTestSimpleProgram,
  createTestSite,
} from '@pumpdesk/db/testing';
import { addDays, calendarDateInZone } from '@pumpdesk/domain';
import { type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createAccount, signIn, type TestAccount } from './support/accounts.ts';
import { type RunningApi } from './support/api-server.ts';
import { expectAccessible } from './support/axe.ts';
import { unexpectedConsoleErrors } from './support/browser.ts';
import { useBrowserTest } from './support/browser-test.ts';
import { screenshot } from './support/screenshots.ts';

// The nurse's worklists in a real browser against the real API: the refill worklist in its sections,
// booking a refill appointment from an overdue row, then the battery and follow-up worklists. Each
// screen is scanned with axe and photographed. The database is this file's own; the API's clock is
// the real one, so the records are dated relative to now.

const DAY_MS = 86_400_000;
const ZONE = 'Europe/London';

/** A patient with an implanted pump on 300 mcg/day at 500 mcg/mL, refilled to 20 mL `daysAgo` days ago. */
async function patientWithPump(
  database: RunningApi['database'],
  input: {
    siteId: string;
    physicianId: string;
    modelId: string;
    familyName: string;
    mrn: string;
    highRisk: boolean;
    implantDate: string;
    refilledDaysAgo: number;
  },
) {
  const prisma = database.prisma;
  const patient = await createTestPatient(prisma, {
    siteId: input.siteId,
    familyName: input.familyName,
    givenName: 'Test',
    mrn: input.mrn,
    highRisk: input.highRisk,
    responsiblePhysicianId: input.physicianId,
  });
  const pump = await createTestPump(prisma, {
    patientId: patient.id,
    modelId: input.modelId,
    implantDate: input.implantDate,
  });
  const refilledAt = new Date(Date.now() - input.refilledDaysAgo * DAY_MS);
  await createTestSimpleProgram(prisma, {
    pumpId: pump.id,
    programmedById: input.physicianId,
    effectiveFrom: new Date(refilledAt.getTime() - 30 * DAY_MS),
    doseMcgPerDay: 300,
    concentrationMcgPerMl: 500,
  });
  await createTestRefill(prisma, {
    pumpId: pump.id,
    performedById: input.physicianId,
    performedAt: refilledAt,
    volumeAfterMl: 20,
    concentrationMcgPerMl: 500,
  });
  return patient;
}

async function createClinic(database: RunningApi['database']) {
  const prisma = database.prisma;
  const site = await createTestSite(prisma, { name: 'North Clinic', timeZone: ZONE });
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
  const model = await createTestPumpModel(prisma, 40);
  // 0.6 mL a day from 20 mL: the 2 mL alarm 30 days after the refill. High risk (7-day margin): due
  // on day 23, so refilled 26 days ago is 3 days overdue with the alarm 4 days ahead.
  const overdue = await patientWithPump(database, {
    siteId: site.id,
    physicianId: physician.id,
    modelId: model.id,
    familyName: 'Okafor',
    mrn: 'WL1001',
    highRisk: true,
    // Old enough for its battery to be in the replacement window.
    implantDate: '2020-06-01',
    refilledDaysAgo: 26,
  });
  // Standard 4-day margin: due on day 26, refilled 5 days ago: due in 21 days (upcoming).
  const upcoming = await patientWithPump(database, {
    siteId: site.id,
    physicianId: physician.id,
    modelId: model.id,
    familyName: 'Lindqvist',
    mrn: 'WL1002',
    highRisk: false,
    implantDate: '2025-03-01',
    refilledDaysAgo: 5,
  });
  await refreshPumpSchedules(prisma, [overdue.id, upcoming.id]);
  return { site, nurse };
}

/** `2026-11-27` as the screens write it: `27 Nov 2026`. */
function shownDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  })
    .format(new Date(Date.UTC(year, month - 1, date)))
    .replace('Sept', 'Sep');
}

function section(page: Page, title: string) {
  return page.getByRole('region', { name: new RegExp(`^${title} \\(\\d+\\)$`) });
}

const started = useBrowserTest(createClinic);

describe('worklists in the browser', () => {
  it('shows a nurse the overdue patient, books a refill from the row, then the other worklists', async () => {
    const { api, browser, world: clinic } = started();
    const { page } = browser;
    await page.goto(`${api.baseUrl}/`);
    await signIn(page, clinic.nurse);

    // The nurse's home is the refill worklist.
    await page.waitForURL(/\/refills$/);
    await page.getByRole('heading', { level: 1, name: 'Refills due' }).waitFor();
    const overdue = section(page, 'Overdue');
    const row = overdue.getByRole('row', { name: /Okafor, Test/ });
    await row.waitFor();
    expect(await overdue.getByRole('heading').textContent()).toBe('Overdue (1)');
    expect(await row.getByText('WL1001').isVisible()).toBe(true);
    expect(await row.getByText('High risk').isVisible()).toBe(true);
    expect(await row.getByText('3 days overdue').isVisible()).toBe(true);
    expect(await row.getByText('No appointment before due date').isVisible()).toBe(true);
    expect(await row.getByText(/^Overdue by 3 days: due /).isVisible()).toBe(true);
    await section(page, 'Upcoming')
      .getByRole('row', { name: /Lindqvist, Test/ })
      .waitFor();
    await page.getByRole('heading', { name: 'Today’s appointments' }).waitFor();

    await expectAccessible(page);
    await screenshot(page, 'nurse-home-refills');

    // Book a refill two days from now, 10:30 on the clinic's clock, from the row (keyboard-reachable form).
    const day = addDays(calendarDateInZone(new Date(), ZONE), 2);
    await row.getByRole('button', { name: 'Book refill appointment for Okafor, Test' }).click();
    const form = page.getByRole('form', { name: 'Book a refill appointment for Okafor, Test' });
    await form.getByLabel('Day').fill(day);
    await form.getByLabel('Time at North Clinic').fill('10:30');
    await form.getByText(`${shownDay(day)} (in 2 days)`).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'worklists-booking-form');
    await form.getByRole('button', { name: 'Book appointment' }).click();

    // The row now shows the booking on the clinic's clock (after the due date, so still flagged).
    const shown = shownDay(day);
    await row.getByText(`${shown}, 10:30`).waitFor();
    expect(await row.locator('.severity', { hasText: 'After the due date' }).isVisible()).toBe(true);
    expect(
      await row.getByRole('button', { name: 'Move refill appointment for Okafor, Test' }).isVisible(),
    ).toBe(true);
    await page
      .getByText(`Refill appointment for Okafor, Test booked for ${shown}, 10:30 at North Clinic.`)
      .waitFor();
    await screenshot(page, 'worklists-booked-row');
    expect(await page.getByRole('form').count()).toBe(0);

    // Batteries: the 2020 pump is in its replacement window.
    await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Batteries' }).click();
    await page.getByRole('heading', { level: 1, name: 'Batteries' }).waitFor();
    await page.getByRole('row', { name: /Okafor, Test/ }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'batteries');

    // Follow-ups: neither patient has been reviewed.
    await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Follow-ups' }).click();
    await page.getByRole('heading', { level: 1, name: 'Follow-ups' }).waitFor();
    const followUp = page.getByRole('row', { name: /Okafor, Test/ });
    await followUp.waitFor();
    expect(await followUp.locator('.severity', { hasText: 'Never reviewed' }).isVisible()).toBe(true);
    // Filters go into the URL.
    await page.getByLabel('Horizon').selectOption({ label: 'Next 90 days' });
    await expect.poll(() => new URL(page.url()).searchParams.get('horizonDays')).toBe('90');
    await followUp.waitFor();
    await expectAccessible(page);
    await screenshot(page, 'follow-ups');

    expect(unexpectedConsoleErrors(browser)).toEqual([]);
  });
});
