import react from '@vitejs/plugin-react';
import { configDefaults, defineConfig } from 'vitest/config';

// Dates are computed in explicit time zones everywhere; running the suite in UTC makes an accidental
// use of the machine's zone visible (tests that need another zone say so explicitly).
process.env.TZ = 'UTC';

export default defineConfig({
  test: {
    // Creates a fresh Postgres database for this run when TEST_DATABASE_URL is set, drops it after.
    globalSetup: ['./packages/db/src/testing/global-setup.ts', './apps/api/test/route-hits-setup.ts'],
    // `pnpm coverage:domain`: line coverage of the pure engine (the issue asks for at least 95%).
    coverage: {
      provider: 'v8',
      include: ['packages/domain/src/**/*.ts'],
      exclude: ['**/*.test.ts', 'packages/domain/src/testing/**'],
      reporter: ['text-summary', 'text'],
      thresholds: { lines: 95 },
    },
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['packages/**/*.test.ts', 'apps/api/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'apps/api/route-coverage/**'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'web',
          environment: 'jsdom',
          include: ['apps/web/**/*.test.{ts,tsx}'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        // After the others: every route of the OpenAPI document was requested by some test.
        extends: true,
        test: {
          name: 'route-coverage',
          environment: 'node',
          include: ['apps/api/route-coverage/*.test.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
