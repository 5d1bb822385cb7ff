import { defineConfig } from 'vitest/config';

// Browser tests (`pnpm test:e2e`): the real API in-process over its own in-memory database, driven
// through the system's Chromium. Needs the web app built first: `pnpm --filter @pumpdesk/web build`.
export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    // One browser at a time: each file starts its own API, database and Chromium.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
