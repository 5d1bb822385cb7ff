import {
  type PatientListItem,
  type Problem,
  rolePermissions,
  type SessionInfo,
  type SiteSummary,
  type UserRole,
} from '@pumpdesk/contracts';
import { vi } from 'vitest';

// A stand-in for the API in component tests: `fetch` is replaced by a function that answers from the
// test's own handler and records every request. (Browser tests in e2e/ run against the real API.)

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  /** The JSON body, parsed; undefined when there is none. */
  body: unknown;
}

type Handler = (request: FakeRequest) => Response | Promise<Response>;

export function installFakeApi(handler: Handler): {
  requests: FakeRequest[];
  requestsTo: (path: string) => FakeRequest[];
} {
  const requests: FakeRequest[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), window.location.origin);
    const request = {
      method: init?.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    };
    requests.push(request);
    return handler(request);
  });
  return { requests, requestsTo: (path) => requests.filter((request) => request.path === path) };
}

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

export function problemResponse(problem: Omit<Problem, 'type'>): Response {
  return new Response(JSON.stringify({ type: 'about:blank', ...problem }), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json' },
  });
}

export function notFound(request: FakeRequest): Response {
  return problemResponse({
    status: 404,
    code: 'NOT_FOUND',
    title: 'Not found',
    detail: `No route ${request.path}`,
  });
}

export function aSite(overrides: Partial<SiteSummary> = {}): SiteSummary {
  return {
    id: crypto.randomUUID(),
    name: 'Northside Clinic',
    timeZone: 'Europe/London',
    phone: null,
    address: null,
    ...overrides,
  };
}

export function aPatient(overrides: Partial<PatientListItem> = {}): PatientListItem {
  return {
    id: crypto.randomUUID(),
    mrn: 'MRN0001',
    givenName: 'Ada',
    familyName: 'Lovelace',
    dateOfBirth: '1980-03-14',
    sex: 'female',
    diagnosis: 'multiple_sclerosis',
    status: 'active',
    highRisk: false,
    site: { id: crypto.randomUUID(), name: 'Northside Clinic' },
    responsiblePhysician: { id: crypto.randomUUID(), name: 'Dr Grace Hopper' },
    currentPump: {
      id: crypto.randomUUID(),
      manufacturer: 'Medtronic',
      model: 'SynchroMed II',
      reservoirMl: 40,
      serialNumber: 'NGP100001',
      implantDate: '2024-05-02',
      refillDueDate: '2027-03-14',
    },
    ...overrides,
  };
}

/** A session as GET /api/auth/session answers it; `role` sets the permissions from the role matrix. */
export function aSession(
  overrides: { stage?: SessionInfo['stage']; role?: UserRole; name?: string; csrfToken?: string } = {},
): SessionInfo {
  const role = overrides.role ?? 'nurse';
  const now = Date.now();
  return {
    stage: overrides.stage ?? 'active',
    user: {
      id: crypto.randomUUID(),
      name: overrides.name ?? 'Rosa Lind',
      email: 'rosa.lind@example.org',
      role,
      allSites: false,
      sites: [{ id: crypto.randomUUID(), name: 'Northside Clinic' }],
      permissions: [...rolePermissions[role]],
      totpEnabled: false,
    },
    csrfToken: overrides.csrfToken ?? `csrf-${crypto.randomUUID()}`,
    idleExpiresAt: new Date(now + 15 * 60_000).toISOString(),
    absoluteExpiresAt: new Date(now + 12 * 3_600_000).toISOString(),
  };
}

export function signedOut(): Response {
  return problemResponse({
    status: 401,
    code: 'UNAUTHENTICATED',
    title: 'Sign in first',
    detail: 'This needs a signed-in session; yours is missing or has ended.',
  });
}
