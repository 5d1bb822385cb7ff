import { refreshPumpSchedules } from '@pumpdesk/db';
import {
  createTestPatient,
  createTestPump,
  createTestPumpModel,
  createTestRefill,
  createTestSimpleProgram,
  createTestSite,
} from '@pumpdesk/db/testing';
import { describe, expect, it } from 'vitest';
import { createAccount, signIn, type TestAccount } from './support/accounts.ts';
import { type RunningApi } from './support/api-server.ts';
import { expectAccessible } from './support/axe.ts';
import { unexpectedConsoleErrors } from './support/browser.ts';
import { useBrowserTest } from './support/browser-test.ts';
import { screenshot } from './support/screenshots.ts';

// A physician's journey in a real browser against the real API and database: from the patient page
// to the dose program editor, a rise beyond the titration limit stopped until overridden with a
// reason, the new step in the dose history, and the physician's home listing the change.

const DAY_MS = 86_400_000;

async function createClinic(database: RunningApi['database']) {
  const prisma = database.prisma;
  const site = await createTestSite(prisma, { name: 'North Clinic', timeZone: 'Europe/London' });
  const physician: TestAccount = await createAccount(database, {
    name: 'Dr Amara Nwosu',
    role: 'physician',
    siteIds: [site.id],
  });
  const model = await createTestPumpModel(prisma, 40);
  // An adult with spinal-origin spasticity: rises above 30% in 24 h need an override.
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
  const now = Date.now();
  await createTestSimpleProgram(prisma, {
    pumpId: pump.id,
    programmedById: physician.id,
    effectiveFrom: new Date(now - 120 * DAY_MS),
    doseMcgPerDay: 300,
    concentrationMcgPerMl: 500,
  });
  const refill = await createTestRefill(prisma, {
    pumpId: pump.id,
    performedById: physician.id,
    performedAt: new Date(now - 10 * DAY_MS),
    volumeAfterMl: 20,
    concentrationMcgPerMl: 500,
  });
  // A finding stored with that refill, for the physician's home.
  await prisma.refill.update({
    where: { id: refill.id },
    data: {
      findings: [
        {
          code: 'RESIDUAL_GAP',
          severity: 'warning',
          message: '2.4 mL withdrawn against 4.8 mL expected: check for an occlusion or a stalled pump.',
        },
      ],
    },
  });
  await refreshPumpSchedules(prisma, [patient.id]);
  return { site, physician, patient, pump };
}

const started = useBrowserTest(createClinic);

describe('physician journey in the browser', () => {
  it('raises a dose beyond the titration limit, is stopped, overrides with a reason and sees the new step', async () => {
    const { api, browser, world: clinic } = started();
    const { page } = browser;
    await page.goto(`${api.baseUrl}/patients/${clinic.patient.id}`);
    await signIn(page, clinic.physician);

    // From the patient page to the editor.
    await page.getByRole('link', { name: 'New dose program' }).click();
    await page.getByRole('heading', { name: 'New dose program', level: 1 }).waitFor();
    const dose = page.getByLabel('Dose (mcg/day)');
    await expect.poll(() => dose.inputValue()).toBe('300');
    await page.getByText('No safety findings.').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'program-editor');

    // +50%: the daily dose and change as typed, then stopped by the titration limit.
    await dose.fill('450');
    await expect
      .poll(() => page.getByTestId('dose-summary').textContent())
      .toBe('New daily dose 450 mcg/day (change +50% from 300 mcg/day)');
    await page.getByLabel('Reason for the change').fill('Spasms not controlled at night');
    await page.getByText('This change needs a physician override').waitFor();
    await page
      .getByText(/exceeds the 30% limit for adults with spinal-origin spasticity/)
      .first()
      .waitFor();
    const save = page.getByRole('button', { name: 'Save with override' });
    await save.click();
    await page.getByText('Confirm the override, or change the program.').waitFor();
    expect(page.url()).toContain('/program');

    await page.getByLabel('I have reviewed these findings and override them for this patient').check();
    await page
      .getByLabel('Reason for the override')
      .fill('Severe spasticity after surgery; reviewed in clinic');
    await expectAccessible(page);
    await screenshot(page, 'program-override');
    await save.click();

    // Back on the patient page: the dose history lists the new step.
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/patients/${clinic.patient.id}`);
    const history = page.locator('table', { has: page.locator('caption', { hasText: /^Dose history$/ }) });
    await history.waitFor();
    await expect
      .poll(() => history.locator('tbody tr').first().locator('td').first().textContent())
      .toBe('450 mcg/day');
    expect(await history.locator('tbody tr').count()).toBe(2);

    // The physician's home lists the change with its override, the refill's finding and the review due.
    await page.getByRole('link', { name: 'Review', exact: true }).click();
    await page.getByRole('heading', { name: 'Review', level: 1 }).waitFor();
    const changes = page.getByRole('table', { name: /Dose changes in the last 30 days/ });
    await changes.waitFor();
    const row = changes.locator('tbody tr').first();
    expect(await row.locator('td').nth(1).textContent()).toBe('300 mcg/day → 450 mcg/day');
    expect(await row.locator('td').nth(2).textContent()).toBe('+50%');
    expect(await row.textContent()).toContain('Severe spasticity after surgery; reviewed in clinic');
    await page.getByText(/check for an occlusion or a stalled pump/).waitFor();
    await page.getByRole('table', { name: /Reviews due/ }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'physician-home');

    expect(unexpectedConsoleErrors(browser)).toEqual([]);
  });
});
