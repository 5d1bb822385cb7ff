import { readFile } from 'node:fs/promises';
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
import { expectAccessible } from './support/axe.ts';
import { unexpectedConsoleErrors } from './support/browser.ts';
import { useBrowserTest } from './support/browser-test.ts';
import { screenshot } from './support/screenshots.ts';

// The manager's home in a real browser against the real API: a small clinic (two sites, patients
// with pumps, refills over the past months), the manager lands on /reports after signing in, and the
// CSV downloaded from a report holds exactly the rows of that report's table on screen, for all sites
// and for one site. The database is this file's own; dates are relative to the real today.

const DAY_MS = 86_400_000;
const daysAgo = (days: number): Date => new Date(Date.now() - days * DAY_MS);
const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

async function createClinic(database: RunningApi['database']) {
  const prisma = database.prisma;
  const north = await createTestSite(prisma, { name: 'North Clinic' });
  const south = await createTestSite(prisma, { name: 'South Hospital' });
  const manager: TestAccount = await createAccount(database, {
    name: 'Maria Keller',
    role: 'manager',
    siteIds: [north.id, south.id],
  });
  const nurse = await createAccount(database, {
    name: 'Rosa Lind',
    role: 'nurse',
    siteIds: [north.id, south.id],
  });
  const model = await createTestPumpModel(prisma, 40);

  // Three patients with pumps (one implanted long ago, so its battery is due within 24 months), and
  // refills 20, 50 and 110 days ago; one candidate without a pump.
  const patients = [
    { siteId: north.id, implantDate: isoDay(daysAgo(6 * 365)), refills: [20, 110] },
    { siteId: north.id, implantDate: isoDay(daysAgo(400)), refills: [50] },
    { siteId: south.id, implantDate: isoDay(daysAgo(200)), refills: [20] },
  ];
  for (const input of patients) {
    const patient = await createTestPatient(prisma, { siteId: input.siteId });
    const pump = await createTestPump(prisma, {
      patientId: patient.id,
      modelId: model.id,
      implantDate: input.implantDate,
    });
    await createTestSimpleProgram(prisma, {
      pumpId: pump.id,
      programmedById: manager.id,
      effectiveFrom: daysAgo(300),
      doseMcgPerDay: 300,
      concentrationMcgPerMl: 500,
    });
    for (const days of input.refills) {
      await createTestRefill(prisma, {
        pumpId: pump.id,
        performedById: nurse.id,
        performedAt: daysAgo(days),
        volumeAfterMl: 20,
        concentrationMcgPerMl: 500,
      });
    }
    await refreshPumpSchedules(prisma, [patient.id]);
  }
  await createTestPatient(prisma, { siteId: south.id, status: 'candidate' });
  return { north, south, manager, recordedRefills: 4 };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A CSV cell as the table shows it: months `2027-03` as `Mar 2027`, an empty cell as a dash. */
function asShown(cell: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(cell);
  if (month) return `${MONTHS[Number(month[2]) - 1]} ${month[1]}`;
  return cell === '' ? '—' : cell;
}

/** The data rows of a downloaded CSV (after its header), each as its cells. None of ours are quoted. */
function csvRows(text: string): { header: string[]; rows: string[][] } {
  expect(text).not.toContain('"');
  const [header = '', ...lines] = text.trimEnd().split('\r\n');
  return { header: header.split(','), rows: lines.map((line) => line.split(',')) };
}

/** Clicks a CSV link and reads the file the browser saved. */
async function downloadCsv(page: Page, linkName: string): Promise<{ filename: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: linkName }).click(),
  ]);
  const path = await download.path();
  return { filename: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/** The table with this caption as on screen: its column headers, and its rows' cells (row header first). */
async function screenTable(page: Page, caption: string): Promise<{ header: string[]; rows: string[][] }> {
  const table = page.getByRole('table', { name: caption, exact: true });
  const header = await table.locator('thead th').allTextContents();
  const rows = await table
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('th, td')).map((cell) => cell.textContent)),
    );
  return { header, rows };
}

const started = useBrowserTest(createClinic);

describe('manager reports in the browser', () => {
  it('lands on the reports, whose CSV downloads hold the rows of the tables on screen', async () => {
    const { api, browser, world: clinic } = started();
    const { page } = browser;
    await page.goto(`${api.baseUrl}/`);
    await signIn(page, clinic.manager);
    await page.waitForURL(`${api.baseUrl}/reports`);
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    expect(await page.title()).toBe('Reports · PumpDesk');

    // Refills per month, all sites: the file's rows are the table's rows, and hold the 4 refills.
    const refillsTable = page.getByRole('table', { name: 'Refills per month', exact: true });
    await refillsTable.waitFor();
    const refills = await downloadCsv(page, 'Download refills per month (CSV)');
    expect(refills.filename).toBe('refills-per-month.csv');
    const refillsCsv = csvRows(refills.text);
    const refillsScreen = await screenTable(page, 'Refills per month');
    expect(refillsCsv.header).toEqual(refillsScreen.header);
    expect(refillsCsv.rows.map((row) => row.map(asShown))).toEqual(refillsScreen.rows);
    expect(refillsCsv.rows).toHaveLength(36);
    const recorded = refillsCsv.rows.reduce((sum, row) => sum + Number(row[1] || 0), 0);
    expect(recorded).toBe(clinic.recordedRefills);
    expect(refillsCsv.rows.some((row) => Number(row[2]) > 0)).toBe(true);

    // Caseload figures at the top: 4 patients, 3 implanted pumps.
    const caseload = page.getByRole('region', { name: 'Caseload', exact: true });
    expect(await caseload.locator('.report-figure').allTextContents()).toEqual([
      'Patients4',
      'Implanted pumps3',
      'Active patients3',
    ]);

    await expectAccessible(page);
    await screenshot(page, 'manager-reports');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'manager-reports-print');
    await page.emulateMedia({ media: 'screen' });

    // One site: the filter goes into the URL and the links; the battery CSV matches its table.
    await page.getByLabel('Site', { exact: true }).selectOption({ label: 'North Clinic' });
    expect(new URL(page.url()).searchParams.get('siteId')).toBe(clinic.north.id);
    const battery = await downloadCsv(page, 'Download battery replacements (CSV)');
    expect(battery.filename).toBe('battery-replacements.csv');
    const batteryCsv = csvRows(battery.text);
    expect(batteryCsv.rows).toHaveLength(24);
    await expect
      .poll(async () => (await screenTable(page, 'Battery replacements per month')).rows)
      .toEqual(batteryCsv.rows.map((row) => row.map(asShown)));
    expect((await screenTable(page, 'Battery replacements per month')).header).toEqual(batteryCsv.header);
    // North Clinic has 3 refills recorded; its refills-per-month CSV and table agree on that too.
    const northRefills = csvRows((await downloadCsv(page, 'Download refills per month (CSV)')).text);
    expect(northRefills.rows.reduce((sum, row) => sum + Number(row[1] || 0), 0)).toBe(3);
    await expect
      .poll(async () => (await screenTable(page, 'Refills per month')).rows)
      .toEqual(northRefills.rows.map((row) => row.map(asShown)));

    // A reload keeps the site.
    await page.reload();
    await page.getByRole('table', { name: 'Refills per month', exact: true }).waitFor();
    expect(await page.getByLabel('Site', { exact: true }).inputValue()).toBe(clinic.north.id);

    expect(unexpectedConsoleErrors(browser)).toEqual([]);
  });
});
