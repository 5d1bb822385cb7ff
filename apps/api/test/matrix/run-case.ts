import { type LightMyRequestResponse } from 'fastify';
import { type TestApp } from '../build-test-app.ts';
import { type TestSession } from '../test-sessions.ts';
import { createAccount, type MatrixAccount } from './accounts.ts';
import { type Role, type RouteExpectation } from './expectations.ts';
import { type BuildContext, type RequestBuilder } from './requests.ts';
import { changedTables, fingerprint } from './row-fingerprint.ts';
import { type MatrixWorld, type PatientMarkers, type SiteKey } from './world.ts';

// One cell of the matrix: a role (or signed out) sending one route's request about site A or B, the
// answer judged against the expectation; a refusal must also leave every row as it was and name no
// patient of the site it was about.

export interface MatrixUser {
  role: Role;
  session: TestSession;
  /** The token of the user's calendar feeds (?token=). */
  feedToken: string;
}

/** What a cell must answer. */
export type Expected =
  | { kind: 'allow' }
  /** A role that may, refused by design (the expectation's roleStatus). */
  | { kind: 'designed'; status: number; why: string }
  /** A list filtered to another site: 200 without its rows, or 404. */
  | { kind: 'filtered' }
  | { kind: 'refuse'; statuses: readonly number[]; why: string };

export function expectedFor(expectation: RouteExpectation, role: Role | null, site: SiteKey): Expected {
  if (role === null) {
    return expectation.signedOut === 'public'
      ? { kind: 'allow' }
      : { kind: 'refuse', statuses: [401], why: 'signed out' };
  }
  const roleMay = expectation.allowed.includes(role);
  const designed = expectation.roleStatus?.[role];
  if (roleMay && designed && (site === 'A' || expectation.scope === 'none'))
    return { kind: 'designed', ...designed };
  if (site === 'A') return roleMay ? { kind: 'allow' } : { kind: 'refuse', statuses: [403], why: 'role' };
  switch (expectation.scope) {
    case 'none':
      return roleMay ? { kind: 'allow' } : { kind: 'refuse', statuses: [403], why: 'role' };
    case 'filter':
      return roleMay ? { kind: 'filtered' } : { kind: 'refuse', statuses: [403, 404], why: 'role' };
    case 'record':
      // A role refusal may come before or after the scope check: either is fine, the run reports which.
      return roleMay
        ? { kind: 'refuse', statuses: [404], why: 'other site' }
        : { kind: 'refuse', statuses: [403, 404], why: 'role' };
    case 'body-site':
      return roleMay
        ? { kind: 'refuse', statuses: [422], why: 'other site' }
        : { kind: 'refuse', statuses: [403, 422], why: 'role' };
  }
}

export interface CaseResult {
  label: string;
  expected: Expected;
  status: number;
  /** What went wrong (empty: as expected). */
  mismatches: string[];
  /** The refused request changed rows (a subset of mismatches). */
  rowsChanged: boolean;
}

const markerValues = (markers: PatientMarkers): string[] => [
  markers.givenName,
  markers.familyName,
  markers.dateOfBirth,
  ...markers.mrns,
];

function leaked(body: string, markers: PatientMarkers): string[] {
  const lower = body.toLowerCase();
  return markerValues(markers).filter((value) => lower.includes(value.toLowerCase()));
}

function describeAnswer(response: LightMyRequestResponse): string {
  try {
    const problem = response.json<{ code?: string; detail?: string }>();
    return `${String(response.statusCode)}${problem.code ? ` ${problem.code}` : ''}${problem.detail ? ` (${problem.detail.slice(0, 160)})` : ''}`;
  } catch {
    return String(response.statusCode);
  }
}

export async function runCase(options: {
  t: TestApp;
  world: MatrixWorld;
  key: string;
  expectation: RouteExpectation;
  build: RequestBuilder;
  user: MatrixUser | null;
  site: SiteKey;
  clinicSettings: BuildContext['clinicSettings'];
}): Promise<CaseResult> {
  const { t, world, expectation, user, site } = options;
  const prisma = t.database.prisma;
  const label = `${user?.role ?? 'signed out'} @ ${site}`;
  const expected = expectedFor(expectation, user?.role ?? null, site);
  // A route that uses up the acting user's session or account acts as a new user of the role.
  const actor: MatrixAccount | null =
    user && expectation.freshUser
      ? await createAccount(t.database, world, {
          role: user.role,
          siteId: world.A.siteId,
          ...expectation.freshUser,
          stage: expectation.freshUser.stage ?? 'active',
        })
      : null;
  const session = actor ? actor.session : (user?.session ?? null);
  const request = await options.build({
    database: t.database,
    prisma,
    world,
    site: world[site],
    role: user?.role ?? null,
    userId: session?.user.id ?? null,
    actor,
    feedToken: expectation.feed ? (user?.feedToken ?? null) : null,
    clinicSettings: options.clinicSettings,
  });
  const refusedUserId = session?.user.id ?? null;
  const before =
    expected.kind === 'refuse' || expected.kind === 'designed'
      ? await fingerprint(prisma, world, refusedUserId)
      : null;
  // A feed is read by a calendar app: the token names the user, no cookie comes with it.
  const response = await t.injectAs(expectation.feed ? null : session, request);
  const status = response.statusCode;
  const answer = describeAnswer(response);
  const mismatches: string[] = [];
  let rowsChanged = false;

  switch (expected.kind) {
    case 'allow': {
      if (status >= 300) mismatches.push(`${label}: expected 2xx (allowed), got ${answer}`);
      break;
    }
    case 'designed':
      if (status !== expected.status) {
        mismatches.push(`${label}: expected ${String(expected.status)} (${expected.why}), got ${answer}`);
      }
      break;
    case 'filtered':
      if (status !== 200 && status !== 404) {
        mismatches.push(`${label}: expected 200 without site-B rows, or 404, got ${answer}`);
      }
      break;
    case 'refuse': {
      if (!expected.statuses.includes(status)) {
        mismatches.push(
          `${label}: expected ${expected.statuses.join(' or ')} (${expected.why}), got ${answer}`,
        );
      }
      // A refusal names no patient of the site it was about.
      const found = leaked(response.body, world[site].markers);
      if (found.length > 0)
        mismatches.push(`${label}: the refusal body holds patient values ${found.join(', ')}`);
      break;
    }
  }
  if (before) {
    const after = await fingerprint(prisma, world, refusedUserId);
    const changed = await changedTables(prisma, before, after, refusedUserId);
    if (changed.length > 0) {
      rowsChanged = true;
      mismatches.push(
        `${label}: the refused request changed rows of ${changed
          .map((table) => `${table} (${before[table] ?? ''} → ${after[table] ?? ''})`)
          .join(', ')}`,
      );
    }
  }
  // Every test user works at A only: nothing they (or anyone signed out) get may name a patient of B.
  if (!(expected.kind === 'refuse' && site === 'B')) {
    const found = leaked(response.body, world.B.markers);
    if (found.length > 0)
      mismatches.push(`${label}: the answer holds site-B patient values ${found.join(', ')}`);
  }
  return { label, expected, status, mismatches, rowsChanged };
}
