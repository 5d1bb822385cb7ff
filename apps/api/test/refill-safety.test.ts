import { problemSchema, refillWriteResultSchema } from '@pumpdesk/contracts';
import { addDays, calendarDateInZone } from '@pumpdesk/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { DAY_MS } from './clinical-fixtures.ts';
import { simpleProgram } from './dose-program-fixtures.ts';
import { createPumpDueForRefill, refillBody } from './refill-fixtures.ts';

// The safety review's scenarios for refills: a new program that comes with a refill entered late, a
// refill of an explanted pump amended to after its explant, values the record cannot hold.

describe('refills: late programs, explanted pumps, values out of range', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const record = (pumpId: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/api/pumps/${pumpId}/refills`, payload });
  const counts = async (pumpId: string) => ({
    refills: await t.database.prisma.refill.count({ where: { pumpId } }),
    programs: await t.database.prisma.doseProgram.count({ where: { pumpId } }),
  });
  const fieldErrors = (body: string) =>
    (problemSchema.parse(JSON.parse(body)).errors ?? []).map(({ path, code }) => ({ path, code }));

  it('refuses a new program with a refill done more than the titration window ago (400 on performedAt)', async () => {
    const { pump } = await createPumpDueForRefill(t.database.prisma);
    const response = await record(
      pump.id,
      refillBody({
        performedAt: new Date(Date.now() - 2 * DAY_MS).toISOString(),
        concentrationMcgPerMl: 1000,
        newProgram: { ...simpleProgram(300), concentrationMcgPerMl: 1000 },
      }),
    );
    expect(response.statusCode, response.body).toBe(400);
    expect(fieldErrors(response.body)).toEqual([{ path: 'body.performedAt', code: 'program_too_late' }]);
    expect(problemSchema.parse(response.json()).detail).toContain('separately');
    expect(await counts(pump.id)).toEqual({ refills: 1, programs: 1 });
    // The same refill without a program change may be recorded late.
    const late = await record(
      pump.id,
      refillBody({ performedAt: new Date(Date.now() - 2 * DAY_MS).toISOString() }),
    );
    expect(late.statusCode, late.body).toBe(201);
  });

  it('refuses to amend the refill of an explanted pump to after its explant day', async () => {
    const { pump, site } = await createPumpDueForRefill(t.database.prisma);
    const refill = await t.database.prisma.refill.findFirstOrThrow({ where: { pumpId: pump.id } });
    const explantDate = addDays(calendarDateInZone(new Date(), site.timeZone), -10);
    await t.database.prisma.pump.update({
      where: { id: pump.id },
      data: {
        status: 'explanted',
        explantDate: new Date(`${explantDate}T00:00:00.000Z`),
        explantReason: 'battery_end_of_life',
      },
    });
    const amend = (performedAt: Date) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/refills/${refill.id}`,
        payload: {
          version: 1,
          amendmentReason: 'Wrong time entered',
          performedAt: performedAt.toISOString(),
        },
      });
    const after = await amend(new Date(Date.now() - 5 * DAY_MS));
    expect(after.statusCode, after.body).toBe(400);
    expect(fieldErrors(after.body)).toEqual([{ path: 'body.performedAt', code: 'after_explant' }]);
    expect((await t.database.prisma.refill.findUniqueOrThrow({ where: { id: refill.id } })).version).toBe(1);
    const before = await amend(new Date(refill.performedAt.getTime() - DAY_MS));
    expect(before.statusCode, before.body).toBe(200);
    expect(refillWriteResultSchema.parse(before.json()).refill.version).toBe(2);
  });

  it('refuses dates out of range and more decimals than the columns keep, with field paths', async () => {
    const { pump } = await createPumpDueForRefill(t.database.prisma);
    const response = await record(
      pump.id,
      refillBody({ drugExpiry: '0000-01-01', withdrawnVolumeMl: 4.805, concentrationMcgPerMl: 500.001 }),
    );
    expect(response.statusCode, response.body).toBe(400);
    expect(fieldErrors(response.body)).toEqual(
      expect.arrayContaining([
        { path: 'body.drugExpiry', code: 'out_of_range' },
        { path: 'body.withdrawnVolumeMl', code: 'too_many_decimals' },
        { path: 'body.concentrationMcgPerMl', code: 'too_many_decimals' },
      ]),
    );
    const future = await record(pump.id, refillBody({ performedAt: '2201-01-01T00:00:00Z' }));
    expect(future.statusCode, future.body).toBe(400);
    expect(fieldErrors(future.body)).toEqual([{ path: 'body.performedAt', code: 'out_of_range' }]);
    expect(await counts(pump.id)).toEqual({ refills: 1, programs: 1 });
  });
});
