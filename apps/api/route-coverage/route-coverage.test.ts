import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test/build-test-app.ts';
import { clearRouteHits, readRouteHits, ROUTE_HITS_ENV } from '../test/route-hits.ts';

// Runs after every other test of the run (vitest.config.ts, project "route-coverage", groupOrder 1):
// every operation the OpenAPI document describes must have answered 2xx to some integration test
// (refusals do not count: the fuzz test of no-server-errors.test.ts reaches every route with bad input).

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

describe('the integration tests', () => {
  let t: TestApp;
  let operations: string[];
  beforeAll(async () => {
    t = await buildTestApp();
    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Partial<Record<(typeof HTTP_METHODS)[number], unknown>>>;
    }>();
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      HTTP_METHODS.filter((method) => item[method]).map((method) => `${method.toUpperCase()} ${path}`),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it('get a successful answer from every operation of the OpenAPI document at least once', async () => {
    const dir = process.env[ROUTE_HITS_ENV];
    if (!dir) throw new Error(`${ROUTE_HITS_ENV} is not set: run the whole suite (pnpm test)`);
    const hits = await readRouteHits(dir);
    expect(operations.length).toBeGreaterThan(40);
    expect(operations.filter((operation) => !hits.has(operation))).toEqual([]);
    await clearRouteHits(dir);
  });
});
