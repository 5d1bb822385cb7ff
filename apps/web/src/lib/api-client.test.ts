import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError, apiGet, apiSend, buildUrl, onSessionEnded, setCsrfToken } from './api-client.ts';
import { shouldRetry } from './query-client.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

function respondWith(response: Response): void {
  vi.stubGlobal('fetch', () => Promise.resolve(response));
}

function failWith(error: Error): void {
  vi.stubGlobal('fetch', () => Promise.reject(error));
}

const thingSchema = z.object({ name: z.string() });

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ApiError)) throw new Error(`Expected an ApiError, got ${String(error)}`);
  return error;
}

describe('apiGet', () => {
  it('builds the query string, repeating array values and leaving out empty ones', () => {
    expect(
      buildUrl('/api/patients', {
        q: '',
        siteId: null,
        status: ['active', 'trial'],
        limit: 50,
        cursor: undefined,
      }),
    ).toBe('/api/patients?status=active&status=trial&limit=50');
    expect(buildUrl('/api/sites')).toBe('/api/sites');
  });

  it('returns the body parsed by the schema', async () => {
    respondWith(new Response(JSON.stringify({ name: 'Northside', extra: true }), { status: 200 }));
    await expect(apiGet('/api/thing', thingSchema)).resolves.toEqual({ name: 'Northside' });
  });

  it('turns a problem response into an ApiError with every field', async () => {
    respondWith(
      new Response(
        JSON.stringify({
          type: 'about:blank',
          status: 400,
          code: 'VALIDATION_FAILED',
          title: 'Invalid request',
          detail: 'limit must be at most 200',
          requestId: 'req-1',
          errors: [{ path: 'query.limit', message: 'Too big', code: 'too_big' }],
        }),
        { status: 400, headers: { 'content-type': 'application/problem+json' } },
      ),
    );
    const error = await failure(apiGet('/api/thing', thingSchema));
    expect(error).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      title: 'Invalid request',
      detail: 'limit must be at most 200',
      requestId: 'req-1',
    });
    expect(error.fieldErrors).toEqual([{ path: 'query.limit', message: 'Too big', code: 'too_big' }]);
    expect(error.isClientError).toBe(true);
  });

  it('still gives an ApiError when the error body is not a problem (a proxy’s HTML page)', async () => {
    respondWith(
      new Response('<h1>Bad gateway</h1>', {
        status: 502,
        statusText: 'Bad Gateway',
        headers: { 'x-request-id': 'r-9' },
      }),
    );
    const error = await failure(apiGet('/api/thing', thingSchema));
    expect(error).toMatchObject({ status: 502, code: 'HTTP_ERROR', title: 'Bad Gateway', requestId: 'r-9' });
  });

  it('rejects a body that breaks the contract', async () => {
    respondWith(new Response(JSON.stringify({ name: 42 }), { status: 200 }));
    expect(await failure(apiGet('/api/thing', thingSchema))).toMatchObject({ code: 'INVALID_RESPONSE' });
  });

  it('reports a network failure, but lets a cancellation through', async () => {
    failWith(new TypeError('Failed to fetch'));
    expect(await failure(apiGet('/api/thing', thingSchema))).toMatchObject({
      status: 0,
      code: 'NETWORK_ERROR',
    });
    failWith(new DOMException('The operation was aborted.', 'AbortError'));
    await expect(apiGet('/api/thing', thingSchema)).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('the session in requests', () => {
  const unauthenticated = (): Response =>
    new Response(
      JSON.stringify({ type: 'about:blank', status: 401, code: 'UNAUTHENTICATED', title: 'Sign in first' }),
      {
        status: 401,
        headers: { 'content-type': 'application/problem+json' },
      },
    );

  it('sends the CSRF token with unsafe requests only, and the cookie to our own origin', async () => {
    const seen: RequestInit[] = [];
    vi.stubGlobal('fetch', (_url: string, init: RequestInit) => {
      seen.push(init);
      return Promise.resolve(new Response(JSON.stringify({ name: 'x' }), { status: 200 }));
    });
    setCsrfToken('token-1');
    await apiGet('/api/thing', thingSchema);
    await apiSend('/api/thing', thingSchema, { body: { a: 1 } });
    await apiSend('/api/thing', thingSchema, { method: 'DELETE' });
    const headers = seen.map((init) => new Headers(init.headers).get('x-csrf-token'));
    expect(headers).toEqual([null, 'token-1', 'token-1']);
    expect(seen.map((init) => init.credentials)).toEqual(['same-origin', 'same-origin', 'same-origin']);
    expect(seen[1]?.body).toBe('{"a":1}');
    setCsrfToken(null);
  });

  it('tells the listeners when a request answers 401, unless the 401 is the request’s own answer', async () => {
    const ended = vi.fn();
    const stop = onSessionEnded(ended);
    vi.stubGlobal('fetch', () => Promise.resolve(unauthenticated()));
    await failure(apiGet('/api/thing', thingSchema, { unauthorizedIsAnswer: true }));
    expect(ended).not.toHaveBeenCalled();
    expect(await failure(apiSend('/api/thing', null))).toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
    });
    expect(ended).toHaveBeenCalledTimes(1);
    stop();
    await failure(apiGet('/api/thing', thingSchema));
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it('reads Retry-After from a 429', async () => {
    respondWith(
      new Response(
        JSON.stringify({ type: 'about:blank', status: 429, code: 'TOO_MANY_ATTEMPTS', title: 'Too many' }),
        {
          status: 429,
          headers: { 'content-type': 'application/problem+json', 'retry-after': '90' },
        },
      ),
    );
    expect(await failure(apiSend('/api/auth/sign-in', thingSchema))).toMatchObject({ retryAfterSeconds: 90 });
  });
});

describe('shouldRetry', () => {
  it('never retries a 4xx, retries other failures twice', () => {
    expect(shouldRetry(0, new ApiError({ status: 404, code: 'NOT_FOUND', title: 'Not found' }))).toBe(false);
    expect(shouldRetry(0, new ApiError({ status: 503, code: 'UNAVAILABLE', title: 'Unavailable' }))).toBe(
      true,
    );
    expect(shouldRetry(1, new ApiError({ status: 0, code: 'NETWORK_ERROR', title: 'Offline' }))).toBe(true);
    expect(shouldRetry(2, new ApiError({ status: 500, code: 'INTERNAL', title: 'Error' }))).toBe(false);
  });
});
