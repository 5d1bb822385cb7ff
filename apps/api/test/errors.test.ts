import { problemSchema } from '@pumpdesk/contracts';
import { IdempotencyKeyInUseError, SafetyRefusalError } from '@pumpdesk/db';
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
    // Real database failures, raised by Postgres through the driver adapter and Prisma.
    const prisma = t.database.prisma;
    const failures: Record<string, () => Promise<unknown>> = {
      'date-out-of-range': () => prisma.$queryRaw`SELECT '0000-01-01'::date`,
      'numeric-out-of-range': () => prisma.$queryRaw`SELECT 12345.678::numeric(4, 2)`,
      deadlock: () =>
        prisma.$executeRaw`DO $$ BEGIN RAISE EXCEPTION 'deadlock' USING ERRCODE = '40P01'; END $$`,
      serialization: () =>
        prisma.$executeRaw`DO $$ BEGIN RAISE EXCEPTION 'serialization' USING ERRCODE = '40001'; END $$`,
      'transaction-timeout': () =>
        prisma.$transaction(
          async (tx) => {
            // Waiting in JavaScript, not in pg_sleep: the embedded database runs on this thread, so a
            // sleep inside it would also stop the timer that expires the transaction.
            await tx.$queryRaw`SELECT 1`;
            await new Promise((resolve) => setTimeout(resolve, 300));
            await tx.$queryRaw`SELECT 1`;
          },
          { timeout: 50 },
        ),
      'key-in-use': () => Promise.reject(new IdempotencyKeyInUseError('k')),
    };
    t.app.get<{ Params: { failure: string } }>('/api/test-only/db/:failure', async (request) => {
      await failures[request.params.failure]?.();
      return { ok: true };
    });
    t.app.get('/api/test-only/refusal-not-audited', () => {
      const refusal = new SafetyRefusalError(
        [{ code: 'TITRATION_LIMIT_EXCEEDED', severity: 'override_required', message: '+69% in 24 h' }],
        [],
      );
      refusal.auditFailure = Object.assign(new Error('insert failed'), { code: 'P1001' });
      throw refusal;
    });
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

  it("answers a value out of a column's range with 400, never 500", async () => {
    for (const failure of ['date-out-of-range', 'numeric-out-of-range']) {
      const response = await t.app.inject({ method: 'GET', url: `/api/test-only/db/${failure}` });
      expect(response.statusCode, failure).toBe(400);
      expect(problemSchema.parse(response.json()).code).toBe('VALUE_OUT_OF_RANGE');
    }
  });

  it('answers a deadlock, a serialization failure and a transaction timeout with 503 and Retry-After', async () => {
    for (const failure of ['deadlock', 'serialization', 'transaction-timeout']) {
      const response = await t.app.inject({ method: 'GET', url: `/api/test-only/db/${failure}` });
      expect(response.statusCode, `${failure}: ${response.body}`).toBe(503);
      expect(response.headers['retry-after']).toBe('1');
      expect(problemSchema.parse(response.json()).code).toBe('TRY_AGAIN');
    }
  });

  it('answers an idempotency key whose row vanished with 409 IDEMPOTENCY_KEY_IN_USE and Retry-After', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/test-only/db/key-in-use' });
    expect(response.statusCode).toBe(409);
    expect(response.headers['retry-after']).toBe('1');
    expect(problemSchema.parse(response.json()).code).toBe('IDEMPOTENCY_KEY_IN_USE');
  });

  it('still answers a refusal with its 422 when auditing it failed', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/test-only/refusal-not-audited' });
    expect(response.statusCode).toBe(422);
    expect(problemSchema.parse(response.json()).code).toBe('TITRATION_LIMIT_EXCEEDED');
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
