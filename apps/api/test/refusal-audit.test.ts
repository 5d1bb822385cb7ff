import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';

// Refused accesses are audited once each, centrally (apps/api/src/http/refusal-audit.ts); a public
// route saying "signed out" is an answer, not a refusal.
describe('refusal audit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ as: null });
  });
  afterAll(() => t.close());

  const refusalsWith = (requestId: string) =>
    t.database.prisma.auditEvent.count({ where: { requestId, action: 'access.refused' } });

  it('a sign-in posted from another origin: 403 CSRF_REFUSED and 1 access.refused event', async () => {
    const requestId = `csrf-sign-in-${Date.now()}`;
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { origin: 'https://evil.example', 'x-request-id': requestId },
      payload: { email: 'someone@example.org', password: 'irrelevant-password' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json<{ code: string }>().code).toBe('CSRF_REFUSED');
    expect(await refusalsWith(requestId)).toBe(1);
  });

  it('a signed-out request to a protected route: 401 and 1 access.refused event', async () => {
    const requestId = `signed-out-${Date.now()}`;
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/patients',
      headers: { 'x-request-id': requestId },
    });
    expect(response.statusCode).toBe(401);
    expect(await refusalsWith(requestId)).toBe(1);
  });

  it('GET /api/auth/session signed out: 401 and 0 events (an answer, not a refusal)', async () => {
    const requestId = `session-probe-${Date.now()}`;
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { 'x-request-id': requestId },
    });
    expect(response.statusCode).toBe(401);
    expect(await t.database.prisma.auditEvent.count({ where: { requestId } })).toBe(0);
  });
});
