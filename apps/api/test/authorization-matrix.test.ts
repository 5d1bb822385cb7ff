import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../src/auth/tokens.ts';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { EXPECTATIONS, type Role, ROLES, routeOf } from './matrix/expectations.ts';
import { REQUESTS } from './matrix/requests.ts';
import { type MatrixUser, runCase } from './matrix/run-case.ts';
import { buildWorld, type MatrixWorld, type SiteKey } from './matrix/world.ts';

// Issue 5's authorisation matrix: every role (nurse, physician, manager, admin) and signed out ×
// every route of the OpenAPI document × a record of their own site (A) and of another site (B) →
// the expected status (matrix/expectations.ts: the test's own table, not the implementation's);
// every refusal changes 0 rows and its body names no patient; nothing any of these users gets names
// a patient of site B. A route added without an expectation fails the first test.

const SITES: readonly SiteKey[] = ['A', 'B'];

function note(tally: Map<number, Set<string>>, status: number, entry: string): void {
  const entries = tally.get(status) ?? new Set<string>();
  entries.add(entry);
  tally.set(status, entries);
}
const EXPECTATION_KEYS = Object.keys(EXPECTATIONS);

describe('authorisation matrix', () => {
  let t: TestApp;
  let world: MatrixWorld;
  let documentRoutes: string[];
  const users = new Map<Role, MatrixUser>();
  const tally = { cases: 0, refusals: 0, rowsChanged: 0, mismatches: 0 };
  /** Role refusals about site B: which status the implementation gives (403 or the scope's 404/422). */
  const roleRefusalsAtB = new Map<number, Set<string>>();
  /** Lists filtered to site B by a role that may read them: 200 (without B's rows) or 404. */
  const filteredAtB = new Map<number, Set<string>>();

  beforeAll(async () => {
    t = await buildTestApp();
    const prisma = t.database.prisma;
    world = await buildWorld(prisma);
    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    documentRoutes = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    for (const role of ROLES) {
      const session = await t.signIn({ role, siteIds: [world.A.siteId], allSites: false });
      // The feed token as the token route stores it (its SHA-256), set directly: an admin may not
      // have one issued, and the matrix must still show that the feed itself refuses them.
      const feedToken = randomBytes(32).toString('base64url');
      await prisma.user.update({
        where: { id: session.user.id },
        data: { calendarFeedTokenHash: hashToken(feedToken) },
      });
      users.set(role, { role, session, feedToken });
    }
  });

  afterAll(async () => {
    const atB = [...roleRefusalsAtB.entries()]
      .map(([status, routes]) => `${String(status)} on ${String(routes.size)} routes`)
      .join(', ');
    console.log(
      `${String(tally.cases)} route × role × site cases, ${String(tally.refusals)} refusals, ` +
        (tally.rowsChanged === 0
          ? 'all rows unchanged'
          : `${String(tally.rowsChanged)} refusals changed rows`) +
        `; ${String(tally.mismatches)} mismatches; role refusals at the other site: ${atB || 'none'}`,
    );
    for (const [status, routes] of roleRefusalsAtB) {
      console.log(`role refused at the other site with ${String(status)}: ${[...routes].sort().join('; ')}`);
    }
    for (const [status, routes] of filteredAtB) {
      console.log(
        `lists filtered to the other site answered ${String(status)}: ${[...routes].sort().join('; ')}`,
      );
    }
    await t.close();
  });

  it('has an expectation for every route of the OpenAPI document', () => {
    const expected = new Set(EXPECTATION_KEYS.map(routeOf));
    const missing = documentRoutes.filter((route) => !expected.has(route));
    expect(missing.map((route) => `route ${route} has no expectation`)).toEqual([]);
  });

  it('expects only routes the OpenAPI document has', () => {
    const routes = new Set(documentRoutes);
    const unknown = EXPECTATION_KEYS.map(routeOf).filter((route) => !routes.has(route));
    expect(unknown.map((route) => `expectation for ${route}, which the document does not have`)).toEqual([]);
  });

  it('has a request for every expectation', () => {
    expect(EXPECTATION_KEYS.filter((key) => !(key in REQUESTS))).toEqual([]);
  });

  it('serves the API document and its viewer signed out', async () => {
    for (const url of ['/api/openapi.json', '/api/docs']) {
      const response = await t.injectAs(null, { method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
    }
  });

  // The control of the leak check: the marker values are written the way answers write them, so
  // their absence from an answer means something.
  it('finds the patient values in answers that may show them (someone working at B)', async () => {
    const insider = await t.signIn({ role: 'nurse', siteIds: [world.B.siteId], allSites: false });
    const markers = world.B.markers;
    const detail = await t.injectAs(insider, { method: 'GET', url: `/api/patients/${world.B.patientId}` });
    expect(detail.statusCode).toBe(200);
    for (const value of [markers.givenName, markers.familyName, markers.dateOfBirth, markers.mrns[0] ?? '']) {
      expect(detail.body).toContain(value);
    }
    const csv = await t.injectAs(insider, { method: 'GET', url: '/api/worklists/refills.csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(markers.mrns[0]);
  });

  it.each(EXPECTATION_KEYS)('%s', async (key) => {
    const expectation = EXPECTATIONS[key];
    const build = REQUESTS[key];
    if (!expectation || !build) throw new Error(`${key}: no expectation or no request`);
    if (!documentRoutes.includes(routeOf(key)))
      throw new Error(`${routeOf(key)} is not in the OpenAPI document`);
    const clinicSettings = async () =>
      (await t.app.inject({ method: 'GET', url: '/api/settings' })).json<
        Awaited<ReturnType<Parameters<typeof runCase>[0]['clinicSettings']>>
      >();
    const mismatches: string[] = [];
    for (const user of [...ROLES.map((role) => users.get(role) ?? null), null]) {
      for (const site of SITES) {
        const result = await runCase({ t, world, key, expectation, build, user, site, clinicSettings });
        tally.cases += 1;
        if (result.expected.kind === 'refuse') tally.refusals += 1;
        if (result.rowsChanged) tally.rowsChanged += 1;
        tally.mismatches += result.mismatches.length > 0 ? 1 : 0;
        if (user && site === 'B' && result.expected.kind === 'refuse' && result.expected.why === 'role') {
          note(roleRefusalsAtB, result.status, `${key} (${user.role})`);
        }
        if (result.expected.kind === 'filtered') note(filteredAtB, result.status, key);
        mismatches.push(...result.mismatches);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
