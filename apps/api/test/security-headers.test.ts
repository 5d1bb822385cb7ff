import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_DOCS_PREFIX } from '../src/plugins/openapi.ts';
import { HSTS_HEADER } from '../src/plugins/security-headers.ts';
import { buildTestApp, type TestApp } from './build-test-app.ts';

/** A Content-Security-Policy header as directive → sources. */
function cspOf(response: LightMyRequestResponse): Map<string, string[]> {
  const header = response.headers['content-security-policy'];
  expect(typeof header, 'content-security-policy').toBe('string');
  const directives = String(header)
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .filter(([name]) => name);
  return new Map(directives.map(([name, ...sources]) => [name ?? '', sources]));
}

/** The headers every response carries, whatever served it. */
function expectSecurityHeaders(response: LightMyRequestResponse): void {
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['referrer-policy']).toBe('no-referrer');
  expect(response.headers['x-frame-options']).toBe('DENY');
  expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
  const csp = cspOf(response);
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('base-uri')).toEqual(["'self'"]);
  expect(csp.get('form-action')).toEqual(["'self'"]);
  expect(csp.get('script-src')).toEqual(["'self'"]);
  expect(csp.get('default-src')).toEqual(["'self'"]);
}

/** The web app's (and the API's) policy: nothing inline at all. */
function expectAppCsp(response: LightMyRequestResponse): void {
  expectSecurityHeaders(response);
  expect(cspOf(response).get('style-src')).toEqual(["'self'"]);
  expect(response.headers['content-security-policy']).not.toContain('unsafe');
}

describe('security headers', () => {
  let t: TestApp;
  let webDistDir: string;
  beforeAll(async () => {
    // A tiny build of the web app: index.html and one hashed asset.
    webDistDir = await mkdtemp(join(tmpdir(), 'pumpdesk-web-'));
    await mkdir(join(webDistDir, 'assets'));
    await writeFile(join(webDistDir, 'index.html'), '<!doctype html><title>PumpDesk</title>');
    await writeFile(join(webDistDir, 'assets', 'index-abc123.js'), 'export {};');
    t = await buildTestApp({ env: { WEB_DIST_DIR: webDistDir } });
  });
  afterAll(async () => {
    await t.close();
    await rm(webDistDir, { recursive: true, force: true });
  });

  it('puts them on API responses, which browsers and proxies must not store', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expectAppCsp(response);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('puts them on refusals and problems too (401 before any route runs, 404)', async () => {
    const signedOut = await t.injectAs(null, { method: 'GET', url: '/api/patients' });
    expect(signedOut.statusCode).toBe(401);
    expectAppCsp(signedOut);
    expect(signedOut.headers['cache-control']).toBe('no-store');
    const missing = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(missing.statusCode).toBe(404);
    expectAppCsp(missing);
    expect(missing.headers['cache-control']).toBe('no-store');
  });

  it("puts them on the web app's index.html, its assets and its route fallback, keeping their caching", async () => {
    const index = await t.app.inject({ method: 'GET', url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('<title>PumpDesk</title>');
    expectAppCsp(index);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['strict-transport-security']).toBeUndefined();

    const asset = await t.app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expectAppCsp(asset);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    const fallback = await t.app.inject({ method: 'GET', url: '/patients/some-id' });
    expect(fallback.statusCode).toBe(200);
    expectAppCsp(fallback);
    expect(fallback.headers['cache-control']).toBe('no-cache');
  });

  it('gives Swagger UI its own policy: its scripts from this server only, inline styles allowed', async () => {
    for (const url of [API_DOCS_PREFIX, `${API_DOCS_PREFIX}/`, `${API_DOCS_PREFIX}/static/swagger-ui.css`]) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expectSecurityHeaders(response);
      const csp = cspOf(response);
      expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
      expect(csp.get('img-src')).toEqual(["'self'", 'data:']);
      expect(csp.get('connect-src')).toEqual(["'self'"]);
    }
    const page = await t.app.inject({ method: 'GET', url: `${API_DOCS_PREFIX}/` });
    // Everything the page loads is on this server (the policy forbids the rest).
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(page.body).not.toMatch(/(src|href)="https?:/);
  });

  it('sends no HSTS over plain http, even when the client claims https without a trusted proxy', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('security headers behind a TLS-terminating proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { TRUST_PROXY: 'true' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('sends HSTS for a year, subdomains included, on requests the proxy received over https', async () => {
    const overTls = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(overTls.statusCode).toBe(200);
    expect(overTls.headers['strict-transport-security']).toBe(HSTS_HEADER);
    expect(HSTS_HEADER).toBe('max-age=31536000; includeSubDomains');
    expectAppCsp(overTls);

    const overHttp = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-forwarded-proto': 'http' },
    });
    expect(overHttp.headers['strict-transport-security']).toBeUndefined();
  });
});
