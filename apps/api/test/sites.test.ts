import { siteListSchema } from '@pumpdesk/contracts';
import { createTestSite } from '@pumpdesk/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';

// GET /api/sites: the site picker's list, with each site's phone and address (the emergency card
// prints the clinic's contact).

describe('GET /api/sites', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ as: { role: 'admin' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('sends each site’s phone and address, null when not set', async () => {
    const prisma = t.database.prisma;
    const withContact = await createTestSite(prisma, {
      phone: '+44 20 7946 0321',
      address: '12 Hospital Lane, London',
    });
    const withoutContact = await createTestSite(prisma);
    const response = await t.app.inject({ method: 'GET', url: '/api/sites' });
    expect(response.statusCode, response.body).toBe(200);
    const { items } = siteListSchema.parse(response.json());
    expect(items.find((site) => site.id === withContact.id)).toEqual({
      id: withContact.id,
      name: withContact.name,
      timeZone: 'Europe/London',
      phone: '+44 20 7946 0321',
      address: '12 Hospital Lane, London',
    });
    expect(items.find((site) => site.id === withoutContact.id)).toMatchObject({ phone: null, address: null });
  });
});
