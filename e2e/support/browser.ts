import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

// Browser tests drive the system's Chromium (Debian's `chromium` package) through playwright-core.
// Playwright's own browser downloads are never used: do not run `npx playwright install`.

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Console errors (with the URL they are about) and uncaught exceptions seen on any page of the session. */
  consoleErrors: string[];
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<BrowserSession> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  // A fresh profile per session: no cache, cookies or storage carried over from another run.
  const userDataDir = await mkdtemp(join(tmpdir(), 'pumpdesk-e2e-chromium-'));
  const context = await chromium
    .launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      locale: 'en-GB',
      timezoneId: 'Europe/London',
      viewport: { width: 1024, height: 768 },
    })
    .catch(async (error: unknown) => {
      await rm(userDataDir, { recursive: true, force: true });
      throw error;
    });

  const consoleErrors: string[] = [];
  const watch = (page: Page): void => {
    page.on('console', (message) => {
      // With the URL it is about: a failed response ("Failed to load resource: … 401") names no URL.
      const url = message.location().url;
      if (message.type() === 'error')
        consoleErrors.push(`console: ${message.text()}${url ? ` (${url})` : ''}`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());

  return {
    context,
    page,
    consoleErrors,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The console errors left once the expected ones are set aside: Chromium logs every failed response,
 * so the signed-out visit's 401 from GET /api/auth/session (and whatever the test provoked on purpose,
 * `expected`) is not a fault of the page.
 */
export function unexpectedConsoleErrors(session: BrowserSession, expected: readonly RegExp[] = []): string[] {
  const signedOutCheck = /status of 401 .*\/api\/auth\/session\)$/;
  return session.consoleErrors.filter(
    (error) => !signedOutCheck.test(error) && !expected.some((pattern) => pattern.test(error)),
  );
}
