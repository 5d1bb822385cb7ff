import { refreshPumpSchedules } from '@pumpdesk/db';
import {
  createTestPatient,
  createTestPump,
  createTestPumpModel,
  createTestRefill,
  createTestSimpleProgram,
  createTestSite,
} from '@pumpdesk/db/testing';
import { type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createAccount, signIn, type TestAccount } from './support/accounts.ts';
import { type RunningApi } from './support/api-server.ts';
import { unexpectedConsoleErrors } from './support/browser.ts';
import { useBrowserTest } from './support/browser-test.ts';

// The patient list in a real browser against the real API and database: search by name and by MRN,
// filter by site, filters kept in the URL across a reload, signed in as a physician working at both
// sites. The database is this file's own.

async function createClinic(database: RunningApi['database']) {
  const prisma = database.prisma;
  const north = await createTestSite(prisma, { name: 'North Clinic' });
  const south = await createTestSite(prisma, { name: 'South Hospital' });
  const physician: TestAccount = await createAccount(database, {
    name: 'Dr Amara Nwosu',
    role: 'physician',
    siteIds: [north.id, south.id],
  });
  const model = await createTestPumpModel(prisma, 40);
  const adaeze = await createTestPatient(prisma, {
    siteId: north.id,
    familyName: 'Okafor',
    givenName: 'Adaeze',
    mrn: 'E2E1001',
    dateOfBirth: '1975-06-30',
    highRisk: true,
    responsiblePhysicianId: physician.id,
  });
  const pump = await createTestPump(prisma, {
    patientId: adaeze.id,
    modelId: model.id,
    implantDate: '2024-02-01',
  });
  // The domain doc's worked example (20 mL at 500 mcg/mL, 300 mcg/day, refilled 10 Jan 2027 10:00):
  // alarm 9 Feb; high-risk, so the 7-day margin puts the due date on 2 Feb 2027.
  await createTestSimpleProgram(prisma, {
    pumpId: pump.id,
    programmedById: physician.id,
    effectiveFrom: new Date('2026-06-01T09:00:00Z'),
    doseMcgPerDay: 300,
    concentrationMcgPerMl: 500,
  });
  await createTestRefill(prisma, {
    pumpId: pump.id,
    performedById: physician.id,
    performedAt: new Date('2027-01-10T10:00:00Z'),
    volumeAfterMl: 20,
    concentrationMcgPerMl: 500,
  });
  await refreshPumpSchedules(prisma, [adaeze.id]);
  await createTestPatient(prisma, {
    siteId: south.id,
    familyName: 'Okafor',
    givenName: 'Ben',
    mrn: 'E2E1002',
  });
  await createTestPatient(prisma, {
    siteId: north.id,
    familyName: 'Lindqvist',
    givenName: 'Sven',
    mrn: 'E2E2001',
  });
  await createTestPatient(prisma, {
    siteId: south.id,
    familyName: 'Moreau',
    givenName: 'Claire',
    mrn: 'E2E7731',
  });
  return { north, south, model, pump, physician };
}

/** MRNs of the rows on screen, in order (the MRN is each row's second cell). */
function visibleMrns(page: Page): Promise<string[]> {
  return page.locator('table tbody tr > :nth-child(2)').allTextContents();
}

const started = useBrowserTest(createClinic);

describe('patient list in the browser', () => {
  it('searches by name and MRN, filters by site, keeps the filters across a reload, logs no errors', async () => {
    const { api, browser, world: clinic } = started();
    const { page } = browser;
    await page.goto(`${api.baseUrl}/patients`);
    await signIn(page, clinic.physician);
    await expect.poll(() => visibleMrns(page)).toEqual(['E2E2001', 'E2E7731', 'E2E1001', 'E2E1002']);
    expect(await page.title()).toBe('Patients · PumpDesk');

    // By name, case-insensitively: both Okafors, at either site.
    await page.getByLabel('Search by name or MRN').fill('okafor');
    await expect.poll(() => visibleMrns(page)).toEqual(['E2E1001', 'E2E1002']);
    expect(new URL(page.url()).searchParams.get('q')).toBe('okafor');

    // Narrowed to one site.
    await page.getByLabel('Site').selectOption({ label: 'North Clinic' });
    await expect.poll(() => visibleMrns(page)).toEqual(['E2E1001']);
    expect(new URL(page.url()).searchParams.get('siteId')).toBe(clinic.north.id);
    const row = page.locator('table tbody tr').first();
    expect(await row.locator('th').textContent()).toContain('Okafor, Adaeze');
    const cells = await row.locator('td').allTextContents();
    expect(cells).toEqual([
      'E2E1001',
      '30 Jun 1975',
      'Multiple sclerosis',
      'Active',
      'North Clinic',
      'Dr Amara Nwosu',
      `${clinic.model.model} 40\u00a0mL · ${clinic.pump.serialNumber}`,
      '2 Feb 2027',
    ]);
    expect(await row.getByText('High risk').isVisible()).toBe(true);

    // A reload (or a shared link) shows the same list.
    await page.reload();
    await expect.poll(() => visibleMrns(page)).toEqual(['E2E1001']);
    expect(await page.getByLabel('Search by name or MRN').inputValue()).toBe('okafor');
    expect(await page.getByLabel('Site').inputValue()).toBe(clinic.north.id);

    // By MRN prefix, after clearing the filters.
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await expect.poll(() => visibleMrns(page)).toHaveLength(4);
    await page.getByLabel('Search by name or MRN').fill('e2e77');
    await expect.poll(() => visibleMrns(page)).toEqual(['E2E7731']);

    // Nothing matches: the empty state says so.
    await page.getByLabel('Site').selectOption({ label: 'North Clinic' });
    await page.getByText('No patients match “e2e77”, site North Clinic.').waitFor();

    expect(unexpectedConsoleErrors(browser)).toEqual([]);
  });
});
