import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot } from '@pumpdesk/db';
import { type Page } from 'playwright-core';

/**
 * Every screenshot of the browser tests goes into this one folder (ignored by git): one PNG per main
 * screen and per step worth looking at, named `<journey>-<step>.png`. `SCREENSHOTS_DIR` moves it.
 */
export const screenshotsDir =
  process.env.SCREENSHOTS_DIR ?? join(findRepoRoot(), 'test-results', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotsDir, { recursive: true });
  await page.screenshot({ path: join(screenshotsDir, `${name}.png`), fullPage: true });
}
