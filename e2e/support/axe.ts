import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Page } from 'playwright-core';
import { expect } from 'vitest';

// axe-core, injected into the page under test. Through the DevTools protocol (page.evaluate), not a
// <script> tag: the app's CSP allows no inline script, and the scan must run under the real CSP.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  /** CSS selectors of the failing elements (first few). */
  targets: string[];
}

interface AxeResults {
  violations: {
    id: string;
    impact: AxeViolation['impact'];
    help: string;
    nodes: { target: unknown[] }[];
  }[];
}

/**
 * WCAG 2.0, 2.1 and 2.2 A and AA rules on the page as it is now. Returns every violation; the tests
 * require none that is serious or critical (the bar) and print the rest.
 */
export async function scanAccessibility(page: Page): Promise<AxeViolation[]> {
  const injected = await page.evaluate(() => 'axe' in window);
  if (!injected) await page.evaluate(`${axeSource};0`);
  const results = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (context: Document, options: object) => Promise<unknown> } }
    ).axe;
    return axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
  });
  return (results as AxeResults).violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.slice(0, 5).map((node) => node.target.map(String).join(' ')),
  }));
}

/** The violations the issue forbids (serious, critical), as readable lines for a failing assertion. */
export function seriousViolations(violations: readonly AxeViolation[]): string[] {
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact}: ${violation.id} (${violation.help}) at ${violation.targets.join(', ')}`,
    );
}

/**
 * Scans the page once it has settled and fails the test on any serious or critical violation. Settled:
 * nothing marked `aria-busy="true"`. A list refetching after a filter change dims its old rows on
 * purpose (opacity), which a scan in that moment reads as low contrast.
 */
export async function expectAccessible(page: Page): Promise<void> {
  await expect.poll(() => page.locator('[aria-busy="true"]').count(), { timeout: 15_000 }).toBe(0);
  expect(seriousViolations(await scanAccessibility(page))).toEqual([]);
}
