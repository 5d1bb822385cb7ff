import { afterAll, beforeAll } from 'vitest';
import { type RunningApi, startApi } from './api-server.ts';
import { type BrowserSession, launchBrowser } from './browser.ts';

export interface BrowserTest<World> {
  api: RunningApi;
  browser: BrowserSession;
  /** What `createWorld` returned: the rows and accounts the file's tests use. */
  world: World;
}

/**
 * The set-up every browser test file shares: before its tests, the real API over its own database,
 * the file's data (`createWorld`, given that database), then Chromium; after them, both closed.
 * Returns `started()`, which gives them to a test, or throws if the set-up did not finish (instead of
 * a confusing undefined later).
 */
export function useBrowserTest<World>(
  createWorld: (database: RunningApi['database']) => Promise<World>,
): () => BrowserTest<World> {
  let api: RunningApi | undefined;
  let browser: BrowserSession | undefined;
  let world: World | undefined;

  beforeAll(async () => {
    api = await startApi();
    world = await createWorld(api.database);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  return () => {
    if (!api || !browser || world === undefined) throw new Error('The test set-up did not finish');
    return { api, browser, world };
  };
}
