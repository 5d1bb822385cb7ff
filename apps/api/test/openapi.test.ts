import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import type * as FastifyModule from 'fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type FastifyPluginAsyncZod,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { API_DOCS_PREFIX, OPENAPI_JSON_PATH, registerOpenApi } from '../src/plugins/openapi.ts';
import { buildTestApp, type TestApp } from './build-test-app.ts';

interface RegisteredRoute {
  method: string;
  url: string;
}

// Every route each Fastify instance registers, collected by an onRoute hook added when the instance
// is created (app.ts creates its instance itself, so the factory is wrapped).
const registeredRoutes = vi.hoisted(() => new WeakMap<object, RegisteredRoute[]>());
vi.mock('fastify', async (importOriginal) => {
  const actual = await importOriginal<typeof FastifyModule>();
  const create = ((options?: FastifyModule.FastifyServerOptions) => {
    const app = actual.default(options);
    const routes: RegisteredRoute[] = [];
    registeredRoutes.set(app, routes);
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) routes.push({ method, url: route.url });
    });
    return app;
  }) as typeof actual.default;
  return { ...actual, default: create };
});

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

interface Operation {
  summary?: string;
  tags?: string[];
  parameters?: { in: string; name: string; required?: boolean }[];
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  servers?: { url: string }[];
  tags?: { name: string; description?: string }[];
  paths: Record<string, Partial<Record<(typeof HTTP_METHODS)[number], Operation>>>;
}

/** The routes the document must describe: everything under /api except the docs themselves. */
function apiRoutes(app: FastifyInstance): string[] {
  const routes = registeredRoutes.get(app);
  if (!routes) throw new Error('no routes collected for this instance');
  const keys = routes
    .filter(({ method, url }) => method !== 'HEAD' && (url === '/api' || url.startsWith('/api/')))
    .filter(({ url }) => url !== OPENAPI_JSON_PATH && !isDocsUrl(url))
    .map(({ method, url }) => `${method} ${url.replace(/:(\w+)(\([^)]*\))?/g, '{$1}')}`);
  return [...new Set(keys)].sort();
}

function isDocsUrl(url: string): boolean {
  return url === API_DOCS_PREFIX || url.startsWith(`${API_DOCS_PREFIX}/`);
}

function documentedOperations(document: OpenApiDocument): [string, Operation][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.flatMap((method) => {
      const operation = item[method];
      return operation ? [[`${method.toUpperCase()} ${path}`, operation] as [string, Operation]] : [];
    }),
  );
}

/**
 * What is wrong between the routes and the document: a route missing (no schema, or hidden), an
 * operation that is no route, an operation without summary, declared tags or a typed success response
 * (a route registered without a schema still appears, but with an untyped "Default Response").
 */
function documentProblems(routes: string[], document: OpenApiDocument): string[] {
  const problems: string[] = [];
  const operations = documentedOperations(document);
  const documented = new Set(operations.map(([key]) => key));
  const declaredTags = new Set((document.tags ?? []).map((tag) => tag.name));
  for (const route of routes) if (!documented.has(route)) problems.push(`${route}: not in the document`);
  for (const [key, operation] of operations) {
    if (!routes.includes(key)) problems.push(`${key}: in the document but not a route`);
    if (!operation.summary) problems.push(`${key}: no summary`);
    if (!operation.tags?.length) problems.push(`${key}: no tags`);
    for (const tag of operation.tags ?? []) {
      if (!declaredTags.has(tag)) problems.push(`${key}: tag "${tag}" is not declared in API_TAGS`);
    }
    const typedSuccess = Object.entries(operation.responses ?? {}).some(
      // JSON mostly; a feed or export documents its own media type (text/calendar, text/csv) with a schema.
      ([status, response]) =>
        /^2\d\d$/.test(status) && Object.values(response.content ?? {}).some((media) => media.schema),
    );
    if (!typedSuccess) problems.push(`${key}: no 2xx response with a JSON schema`);
    for (const [, name] of key.matchAll(/\{(\w+)\}/g)) {
      const param = operation.parameters?.find((p) => p.in === 'path' && p.name === name);
      if (!param?.required) problems.push(`${key}: path parameter "${String(name)}" is not documented`);
    }
  }
  return problems;
}

describe('GET /api/openapi.json', () => {
  let t: TestApp;
  let document: OpenApiDocument;
  let rawDocument: Record<string, unknown>;
  beforeAll(async () => {
    t = await buildTestApp();
    const response = await t.app.inject({ method: 'GET', url: OPENAPI_JSON_PATH });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    document = response.json<OpenApiDocument>();
    rawDocument = response.json<Record<string, unknown>>();
  });
  afterAll(async () => {
    await t.close();
  });

  it('is an OpenAPI 3.1.0 document about the PumpDesk API, with relative servers', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.title).toBe('PumpDesk API');
    expect(document.info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(document.servers?.length).toBeGreaterThan(0);
    for (const server of document.servers ?? []) expect(server.url).toMatch(/^\//);
  });

  it('is valid against the OpenAPI 3.1 schema, and its $refs resolve', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(rawDocument));
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(() => validator.resolveRefs()).not.toThrow();
  });

  it('documents every /api route (docs aside) and nothing else, each with a summary, tags and a typed response', () => {
    const routes = apiRoutes(t.app);
    expect(routes).toEqual(
      expect.arrayContaining(['GET /api/health', 'GET /api/sites', 'GET /api/patients']),
    );
    expect(documentProblems(routes, document)).toEqual([]);
  });

  it('leaves the docs routes out of the document', () => {
    const paths = Object.keys(document.paths);
    expect(paths).not.toContain(OPENAPI_JSON_PATH);
    expect(paths.filter(isDocsUrl)).toEqual([]);
  });

  it('is the document Swagger UI loads (/api/docs/json)', async () => {
    const response = await t.app.inject({ method: 'GET', url: `${API_DOCS_PREFIX}/json` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(document);
  });
});

describe('the route/document check', () => {
  // An app with the same OpenAPI plugin and routes that break the rules: the check must see each one.
  let app: FastifyInstance;
  beforeAll(async () => {
    const typed = Fastify().withTypeProvider<ZodTypeProvider>();
    typed.setValidatorCompiler(validatorCompiler);
    typed.setSerializerCompiler(serializerCompiler);
    await registerOpenApi(typed);
    const routes: FastifyPluginAsyncZod = async (api) => {
      const ok = z.object({ ok: z.boolean() });
      api.get(
        '/typed/:id',
        {
          schema: {
            tags: ['sites'],
            summary: 'A documented route',
            params: z.object({ id: z.string() }),
            response: { 200: ok },
          },
        },
        () => ({ ok: true }),
      );
      api.get('/untyped', () => ({ ok: true }));
      api.get('/hidden', { schema: { hide: true, response: { 200: ok } } }, () => ({ ok: true }));
      api.post(
        '/unknown-tag',
        { schema: { tags: ['nope'], summary: 'Tagged wrong', response: { 201: ok } } },
        () => ({ ok: true }),
      );
      await Promise.resolve();
    };
    await typed.register(routes, { prefix: '/api' });
    await typed.ready();
    app = typed;
  });
  afterAll(async () => {
    await app.close();
  });

  it('reports routes without a schema, hidden routes, undeclared tags and operations that are no route', () => {
    const document = app.swagger() as unknown as OpenApiDocument;
    const withGhost: OpenApiDocument = {
      ...document,
      paths: { ...document.paths, '/api/ghost': { get: { summary: 'Removed route', tags: ['sites'] } } },
    };
    expect(documentProblems(apiRoutes(app), withGhost).sort()).toEqual(
      [
        'GET /api/ghost: in the document but not a route',
        'GET /api/ghost: no 2xx response with a JSON schema',
        'GET /api/hidden: not in the document',
        'GET /api/untyped: no 2xx response with a JSON schema',
        'GET /api/untyped: no summary',
        'GET /api/untyped: no tags',
        'POST /api/unknown-tag: tag "nope" is not declared in API_TAGS',
      ].sort(),
    );
  });
});

/** The URLs an HTML page loads (stylesheets, icons, scripts). */
function referencedUrls(html: string): string[] {
  return [...html.matchAll(/\b(?:href|src)="([^"]*)"/g)].map(([, url]) => url ?? '');
}

async function expectDocsUiServedOffline(app: FastifyInstance, pageUrl: string): Promise<void> {
  const page = await app.inject({ method: 'GET', url: pageUrl });
  expect(page.statusCode).toBe(200);
  expect(page.headers['content-type']).toMatch(/^text\/html/);
  // Nothing from another host: the app runs offline.
  expect(page.body).not.toMatch(/https?:\/\//);
  const urls = referencedUrls(page.body);
  expect(urls.length).toBeGreaterThanOrEqual(5);
  for (const url of urls) expect(url).not.toMatch(/^(?:[a-z]+:)?\/\//i);
  for (const url of urls) {
    const path = new URL(url, `http://pumpdesk.invalid${pageUrl}`).pathname;
    expect(path.startsWith(`${API_DOCS_PREFIX}/static/`), path).toBe(true);
    const asset = await app.inject({ method: 'GET', url: path });
    expect(asset.statusCode, path).toBe(200);
    expect(asset.body.length, path).toBeGreaterThan(0);
    if (path.endsWith('.js')) expect(asset.headers['content-type'], path).toMatch(/javascript/);
    if (path.endsWith('.css')) expect(asset.headers['content-type'], path).toMatch(/^text\/css/);
  }
  expect(urls.map((url) => url.split('/').pop())).toEqual(
    expect.arrayContaining(['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-initializer.js']),
  );
}

describe('Swagger UI at /api/docs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves the page and its scripts and stylesheets from the package, with or without a trailing slash', async () => {
    await expectDocsUiServedOffline(t.app, API_DOCS_PREFIX);
    await expectDocsUiServedOffline(t.app, `${API_DOCS_PREFIX}/`);
  });

  it('loads the document from this server and never calls the online validator', async () => {
    const initializer = await t.app.inject({
      method: 'GET',
      url: `${API_DOCS_PREFIX}/static/swagger-initializer.js`,
    });
    expect(initializer.statusCode).toBe(200);
    expect(initializer.body).toContain("resolveUrl('./json')");
    expect(initializer.body).toContain('validatorUrl: null');
  });

  it('answers a missing asset with a problem 404', async () => {
    const response = await t.app.inject({ method: 'GET', url: `${API_DOCS_PREFIX}/static/missing.js` });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('Swagger UI next to the web app (production layout)', () => {
  let t: TestApp;
  let webDistDir: string;
  beforeAll(async () => {
    webDistDir = await mkdtemp(join(tmpdir(), 'pumpdesk-web-'));
    await writeFile(join(webDistDir, 'index.html'), '<!doctype html><title>PumpDesk</title>');
    t = await buildTestApp({ env: { WEB_DIST_DIR: webDistDir } });
  });
  afterAll(async () => {
    await t.close();
    await rm(webDistDir, { recursive: true, force: true });
  });

  it('still serves the docs and their assets, not the web app', async () => {
    await expectDocsUiServedOffline(t.app, API_DOCS_PREFIX);
  });

  it('answers a missing docs asset with a problem 404, not index.html', async () => {
    const response = await t.app.inject({ method: 'GET', url: `${API_DOCS_PREFIX}/static/missing.js` });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('keeps the web app (and its SPA fallback) out of the document', async () => {
    const spa = await t.app.inject({ method: 'GET', url: '/patients/some-id' });
    expect(spa.statusCode).toBe(200);
    expect(spa.body).toContain('<title>PumpDesk</title>');
    const document = (await t.app.inject({ method: 'GET', url: OPENAPI_JSON_PATH })).json<OpenApiDocument>();
    expect(Object.keys(document.paths).filter((path) => !path.startsWith('/api/'))).toEqual([]);
    expect(documentProblems(apiRoutes(t.app), document)).toEqual([]);
  });
});
