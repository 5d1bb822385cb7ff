import { DEMO_SITES } from '@pumpdesk/db/seed';
import { createTestSite } from '@pumpdesk/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoSignIns, demoUsersAllowed } from '../src/auth/demo-users.ts';
import { loadConfig } from '../src/config.ts';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { signInRequest } from './auth-fixtures.ts';

describe('demo sign-in accounts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ as: null });
  });
  afterAll(() => t.close());

  it('only the embedded demo creates them (2 configurations refused: a real Postgres, demo data off)', () => {
    const defaults = { dataDir: '/tmp/pumpdesk-demo', webDistDir: '/tmp/web' };
    expect(demoUsersAllowed(loadConfig({ NODE_ENV: 'development' }, defaults))).toBe(true);
    // `pnpm demo` runs the built app in production mode on the embedded database: still the demo.
    expect(demoUsersAllowed(loadConfig({ NODE_ENV: 'production' }, defaults))).toBe(true);
    expect(demoUsersAllowed(loadConfig({ PUMPDESK_DEMO_DATA: 'false' }, defaults))).toBe(false);
    expect(
      demoUsersAllowed(loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x' }, defaults)),
    ).toBe(false);
  });

  it('4 accounts (one per role) are printed once with their passwords, and each password signs in', async () => {
    for (const site of DEMO_SITES) {
      await createTestSite(t.database.prisma, { name: site.name, timeZone: site.timeZone });
    }
    let printed = '';
    await createDemoSignIns(t.database.prisma, (text) => {
      printed += text;
    });
    expect(printed).toContain('authenticator app');
    const rows = [...printed.matchAll(/^ {2}(nurse|physician|manager|admin)\s+(\S+@\S+)\s+(\S+)/gm)];
    expect(rows.map((row) => row[1])).toEqual(['nurse', 'physician', 'manager', 'admin']);
    const stages: Record<string, string> = {};
    for (const [, role, email, password] of rows) {
      const response = await signInRequest(t, email ?? '', password ?? '');
      expect(response.statusCode).toBe(200);
      stages[role ?? ''] = response.json<{ stage: string }>().stage;
    }
    expect(stages).toEqual({
      nurse: 'active',
      physician: 'active',
      manager: 'active',
      admin: 'totp_enrolment_required',
    });
    const nurse = await t.database.prisma.user.findUniqueOrThrow({
      where: { email: 'demo.nurse@example.org' },
      include: { sites: true },
    });
    expect(nurse.sites).toHaveLength(1);
    const physician = await t.database.prisma.user.findUniqueOrThrow({
      where: { email: 'demo.physician@example.org' },
      include: { sites: true },
    });
    expect(physician.sites).toHaveLength(DEMO_SITES.length);
  });
});
