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

// The patient page and the emergency card in a real browser against the real API: a patient with
// four years of history (programs with a concentration change, refills, scored visits, appointments),
// opened by the responsible physician. The database is this file's own.

const DAY_MS = 86_400_000;

/** `days` before now (negative: after), as an instant. */
function daysAgo(days: number): Date {
  return new Date(Date.now() - days * DAY_MS);
}

/** The calendar date `days` before today (UTC is close enough for set-up data). */
function dateDaysAgo(days: number): string {
  return daysAgo(days).toISOString().slice(0, 10);
}

async function createClinic(database: RunningApi['database']) {
  const prisma = database.prisma;
  const site = await createTestSite(prisma, {
    name: 'Westfield Spasticity Clinic',
    phone: '+44 20 7946 0321',
    address: '12 Hospital Lane, London W1 2AB',
  });
  const physician: TestAccount = await createAccount(database, {
    name: 'Dr Amara Nwosu',
    role: 'physician',
    siteIds: [site.id],
  });
  const nurse = await createAccount(database, { name: 'Nurse Rosa Lind', role: 'nurse', siteIds: [site.id] });
  const model = await createTestPumpModel(prisma, 20);
  const patient = await createTestPatient(prisma, {
    siteId: site.id,
    familyName: 'Okafor',
    givenName: 'Adaeze',
    mrn: 'E2E3001',
    dateOfBirth: '1975-06-30',
    diagnosis: 'spinal_cord_injury',
    highRisk: true,
    responsiblePhysicianId: physician.id,
  });
  const pump = await createTestPump(prisma, {
    patientId: patient.id,
    modelId: model.id,
    implantDate: dateDaysAgo(4 * 365 + 60),
  });
  const programs: [number, number, number][] = [
    // [days ago, mcg/day, mcg/mL]
    [4 * 365 + 60, 200, 500],
    [3 * 365, 300, 500],
    [2 * 365, 450, 1000],
    [180, 400, 1000],
  ];
  for (const [days, dose, concentration] of programs) {
    await createTestSimpleProgram(prisma, {
      pumpId: pump.id,
      programmedById: physician.id,
      effectiveFrom: daysAgo(days),
      doseMcgPerDay: dose,
      concentrationMcgPerMl: concentration,
    });
  }
  for (const [days, concentration] of [
    [3 * 365 - 30, 500],
    [2 * 365 - 10, 1000],
    [365, 1000],
    [100, 1000],
    [20, 1000],
  ] as const) {
    await createTestRefill(prisma, {
      pumpId: pump.id,
      performedById: nurse.id,
      performedAt: daysAgo(days),
      volumeAfterMl: 20,
      concentrationMcgPerMl: concentration,
    });
  }
  for (const [days, ashworth, penn] of [
    [3 * 365 + 10, 'mas_3', 3],
    [2 * 365 + 5, 'mas_2', 2],
    [200, 'mas_1_plus', 1],
    [30, 'mas_1', 1],
  ] as const) {
    await prisma.followUpVisit.create({
      data: {
        patientId: patient.id,
        visitDate: new Date(`${dateDaysAgo(days)}T00:00:00.000Z`),
        type: 'review',
        clinicianId: physician.id,
        ashworth,
        pennFrequency: penn,
        pennSeverity: 1,
      },
    });
  }
  await prisma.appointment.create({
    data: {
      patientId: patient.id,
      siteId: site.id,
      kind: 'refill',
      startsAt: daysAgo(-10),
      clinicianId: nurse.id,
    },
  });
  await prisma.appointment.create({
    data: {
      patientId: patient.id,
      siteId: site.id,
      kind: 'follow_up',
      startsAt: daysAgo(30),
      status: 'done',
    },
  });
  await refreshPumpSchedules(prisma, [patient.id]);
  return { site, physician, patient, pump, model };
}

const started = useBrowserTest(createClinic);

describe('patient page in the browser', () => {
  it('shows the record with its charts and tables, and a printable emergency card', async () => {
    const { api, browser, world: clinic } = started();
    const { page } = browser;
    await page.goto(`${api.baseUrl}/patients/${clinic.patient.id}`);
    await signIn(page, clinic.physician);

    await page.getByRole('heading', { level: 1, name: 'Okafor, Adaeze' }).waitFor();
    expect(await page.title()).toBe('Okafor, Adaeze · PumpDesk');
    // Both charts are drawn as SVG, with their data as tables.
    await page.locator('.chart-figure__chart svg').first().waitFor();
    expect(await page.locator('.chart-figure__chart > * > svg, .chart-figure__chart > svg').count()).toBe(2);
    const doseHistory = page.getByRole('table', { name: 'Dose history' });
    await expect.poll(() => doseHistory.locator('tbody tr').count()).toBe(4);
    expect(await doseHistory.locator('tbody tr').first().locator('td').first().textContent()).toBe(
      '400 mcg/day',
    );
    expect(await page.getByRole('table', { name: 'Refills' }).locator('tbody tr').count()).toBe(5);
    expect(await page.getByRole('table', { name: 'Visits' }).locator('tbody tr').count()).toBe(4);
    expect(await page.getByRole('table', { name: 'Appointments' }).locator('tbody tr').count()).toBe(2);
    expect(await page.getByRole('table', { name: 'Dose programs' }).locator('tbody tr').count()).toBe(4);
    await page.getByRole('table', { name: 'Reservoir volume' }).waitFor({ state: 'attached' });
    // Implanted 4 years and about 2 months ago, on a 5–7 year battery.
    expect(await page.locator('.battery__age').textContent()).toMatch(
      /^Age 4 y [12] m of 5–7 y expected life/,
    );

    // "Show as table" puts the dose history's tables on screen.
    await page.getByRole('button', { name: 'Show as table' }).first().click();
    await page.getByRole('button', { name: 'Hide table' }).first().waitFor();
    expect(await doseHistory.isVisible()).toBe(true);

    await expectAccessible(page);
    await screenshot(page, 'patient-page');

    await page.getByRole('link', { name: 'Emergency card' }).click();
    const card = page.getByRole('article', { name: 'Intrathecal baclofen pump: emergency card' });
    await card.waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('Adaeze Okafor');
    expect(text).toContain('E2E3001');
    expect(text).toContain(`serial ${clinic.pump.serialNumber}`);
    expect(text).toContain('1000 mcg/mL');
    expect(text).toContain('400 mcg/day (simple continuous)');
    expect(text).toContain('+44 20 7946 0321');
    expect(text).toContain('12 Hospital Lane, London W1 2AB');
    expect(text).toContain('Dr Amara Nwosu');
    expect(text).toContain('Baclofen withdrawal can be life-threatening');
    await expectAccessible(page);
    await screenshot(page, 'emergency-card');

    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    await screenshot(page, 'emergency-card-print');
    await page.emulateMedia({ media: 'screen' });

    expect(unexpectedConsoleErrors(browser)).toEqual([]);
  });
});
