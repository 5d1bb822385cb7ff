import { problemSchema, siteDetailSchema } from '@pumpdesk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { createPatientOnMaintenance } from './clinical-fixtures.ts';

// Sites as an admin creates and changes them: unique names, IANA zones, versions, and a zone change
// that recomputes the site's worklist rows in the same transaction.

describe('sites (admin)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ as: { role: 'admin' } });
  });
  afterAll(async () => {
    await t.close();
  });

  const name = () => `Site ${crypto.randomUUID()}`;
  const post = (payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/sites', payload });
  const patch = (id: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'PATCH', url: `/api/sites/${id}`, payload });

  it('creates a site (201); a taken name is 409 SITE_NAME_TAKEN; a zone Intl does not know is 400 at body.timeZone', async () => {
    const siteName = name();
    const created = await post({ name: siteName, timeZone: 'America/New_York', phone: '+1 555 0100' });
    expect(created.statusCode, created.body).toBe(201);
    const site = siteDetailSchema.parse(created.json());
    expect(site).toMatchObject({
      name: siteName,
      timeZone: 'America/New_York',
      address: null,
      active: true,
      version: 1,
    });

    const twin = await post({ name: siteName, timeZone: 'UTC' });
    expect(twin.statusCode).toBe(409);
    expect(problemSchema.parse(twin.json()).code).toBe('SITE_NAME_TAKEN');
    for (const timeZone of ['Mars/Olympus_Mons', '+05:00', 'Europe/London; DROP']) {
      const bad = await post({ name: name(), timeZone });
      expect(bad.statusCode, timeZone).toBe(400);
      expect(problemSchema.parse(bad.json()).errors).toEqual([
        expect.objectContaining({ path: 'body.timeZone', code: 'invalid_time_zone' }),
      ]);
    }
    const events = await t.database.prisma.auditEvent.findMany({ where: { entityId: site.id } });
    expect(events.map((event) => [event.action, event.siteId])).toEqual([['site.create', site.id]]);
  });

  it('changes a site with its version; a stale version is 409 and changes nothing; a taken name is 409', async () => {
    const site = siteDetailSchema.parse((await post({ name: name(), timeZone: 'UTC' })).json());
    const other = siteDetailSchema.parse((await post({ name: name(), timeZone: 'UTC' })).json());
    const renamed = await patch(site.id, {
      name: `${site.name} (north)`,
      address: '1 High St',
      active: false,
      version: 1,
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(siteDetailSchema.parse(renamed.json())).toMatchObject({
      address: '1 High St',
      active: false,
      version: 2,
    });

    const stale = await patch(site.id, { name: 'Stale', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(problemSchema.parse(stale.json()).code).toBe('VERSION_CONFLICT');
    const taken = await patch(site.id, { name: other.name, version: 2 });
    expect(taken.statusCode).toBe(409);
    expect(problemSchema.parse(taken.json()).code).toBe('SITE_NAME_TAKEN');
    expect(await t.database.prisma.site.findUniqueOrThrow({ where: { id: site.id } })).toMatchObject({
      name: `${site.name} (north)`,
      version: 2,
    });
    expect((await patch(crypto.randomUUID(), { name: name(), version: 1 })).statusCode).toBe(404);
  });

  it("a new time zone recomputes the site's worklist rows in the same request (alarm date in the new zone)", async () => {
    const prisma = t.database.prisma;
    // +14 h to −11 h: the alarm instant stays, its calendar date in the site's zone moves back a day.
    const { site, pump } = await createPatientOnMaintenance(prisma, {
      refillDaysAgo: 20,
      timeZone: 'Pacific/Kiritimati',
    });
    const before = await prisma.pumpSchedule.findUniqueOrThrow({ where: { pumpId: pump.id } });
    if (!before.alarmAt || !before.alarmDate) throw new Error('the fixture has an alarm date');
    const localDate = (instant: Date, timeZone: string) => instant.toLocaleDateString('en-CA', { timeZone });
    expect(before.alarmDate.toISOString().slice(0, 10)).toBe(localDate(before.alarmAt, 'Pacific/Kiritimati'));

    const response = await patch(site.id, { timeZone: 'Pacific/Pago_Pago', version: site.version });
    expect(response.statusCode, response.body).toBe(200);
    const after = await prisma.pumpSchedule.findUniqueOrThrow({ where: { pumpId: pump.id } });
    expect(after.alarmAt).toEqual(before.alarmAt);
    expect(after.alarmDate?.toISOString().slice(0, 10)).toBe(localDate(before.alarmAt, 'Pacific/Pago_Pago'));
    expect(after.alarmDate).not.toEqual(before.alarmDate);
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { action: 'site.update', entityId: site.id },
    });
    expect(event.summary).toMatchObject({
      fields: ['timeZone'],
      timeZone: { from: 'Pacific/Kiritimati', to: 'Pacific/Pago_Pago' },
      refreshedPatients: 1,
    });
  });
});
