import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';

describe('errors are problem+json', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    // A route that fails the way a bug would, to see what the client gets.
    t.app.get('/api/test-only/boom', () => {
      throw new Error('relation "secret_table" does not exist at /srv/app/db.ts:42');
    });
    t.app.post('/api/test-only/echo', (request) => request.body);
  });
  afterAll(async () => {
    await t.close();
  });

  it('hides internals on a 5xx', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/test-only/boom' });
    expect(response.statusCode).toBe(500);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const body = response.json<Record<string, unknown>>();
    expect(body).toMatchObject({ status: 500, code: 'INTERNAL_ERROR', title: 'Internal error' });
    expect(body['requestId']).toBe(response.headers['x-request-id']);
    expect(response.body).not.toContain('secret_table');
    expect(response.body).not.toContain('db.ts');
  });

  it('answers an unknown API route with a 404 problem', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/no-such-thing?x=1' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND', instance: '/api/no-such-thing' });
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/test-only/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"broken":',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('keeps a sane caller-supplied request id and replaces a strange one', async () => {
    const kept = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': 'proxy-1234abcd' },
    });
    expect(kept.headers['x-request-id']).toBe('proxy-1234abcd');
    const replaced = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': '<script>' },
    });
    expect(replaced.headers['x-request-id']).not.toBe('<script>');
  });
});
