import { problemSchema, refillWriteResultSchema } from '@pumpdesk/contracts';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { createPumpDueForRefill, refillBody } from './refill-fixtures.ts';

describe('POST /api/pumps/:pumpId/refills with an Idempotency-Key', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const pumpOnMaintenance = () => createPumpDueForRefill(t.database.prisma);

  const post = (pumpId: string, key: string | undefined, payload: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: `/api/pumps/${pumpId}/refills`,
      headers: key === undefined ? {} : { 'idempotency-key': key },
      payload,
    });

  const refillCount = (pumpId: string) => t.database.prisma.refill.count({ where: { pumpId } });

  it('records once for 10 concurrent identical requests, and answers all 10 alike', async () => {
    const { pump } = await pumpOnMaintenance();
    const key = randomUUID();
    const payload = refillBody();
    const responses = await Promise.all(Array.from({ length: 10 }, () => post(pump.id, key, payload)));
    expect(responses.map((response) => response.statusCode)).toEqual(Array(10).fill(201));
    expect(new Set(responses.map((response) => response.body)).size).toBe(1);
    expect(responses.filter((response) => response.headers['idempotent-replayed'] === 'true')).toHaveLength(
      9,
    );
    expect(await refillCount(pump.id)).toBe(2);
    const body = refillWriteResultSchema.parse(responses[0]?.json());
    expect(
      await t.database.prisma.auditEvent.count({
        where: { entityId: body.refill.id, action: 'refill.create' },
      }),
    ).toBe(1);
    expect(await t.database.prisma.idempotencyKey.findUnique({ where: { key } })).toMatchObject({
      responseStatus: 201,
    });
  });

  it('records once for 10 sequential identical requests (retries), replaying the first response', async () => {
    const { pump } = await pumpOnMaintenance();
    const key = randomUUID();
    const payload = refillBody();
    const responses = [];
    for (let i = 0; i < 10; i += 1) responses.push(await post(pump.id, key, payload));
    expect(responses.map((response) => response.statusCode)).toEqual(Array(10).fill(201));
    expect(new Set(responses.map((response) => response.body)).size).toBe(1);
    expect(responses[0]?.headers['idempotent-replayed']).toBeUndefined();
    expect(responses.slice(1).every((response) => response.headers['idempotent-replayed'] === 'true')).toBe(
      true,
    );
    expect(await refillCount(pump.id)).toBe(2);
  });

  it('refuses the same key with another body (422 IDEMPOTENCY_KEY_REUSED), writing nothing', async () => {
    const { pump } = await pumpOnMaintenance();
    const key = randomUUID();
    const payload = refillBody();
    expect((await post(pump.id, key, payload)).statusCode).toBe(201);
    const reused = await post(pump.id, key, { ...payload, withdrawnVolumeMl: 4.9 });
    expect(reused.statusCode).toBe(422);
    expect(problemSchema.parse(reused.json()).code).toBe('IDEMPOTENCY_KEY_REUSED');
    // Another pump (another path) with the same key is another request too.
    const other = await pumpOnMaintenance();
    const elsewhere = await post(other.pump.id, key, payload);
    expect(problemSchema.parse(elsewhere.json()).code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await refillCount(pump.id)).toBe(2);
    expect(await refillCount(other.pump.id)).toBe(1);
  });

  it('stores no refusal: a corrected request with the same key is judged afresh', async () => {
    const { pump } = await pumpOnMaintenance();
    const key = randomUUID();
    const refused = await post(pump.id, key, refillBody({ concentrationMcgPerMl: 1000 }));
    expect(refused.statusCode).toBe(422);
    expect(await t.database.prisma.idempotencyKey.findUnique({ where: { key } })).toBeNull();
    const corrected = await post(pump.id, key, refillBody());
    expect(corrected.statusCode, corrected.body).toBe(201);
    expect(await refillCount(pump.id)).toBe(2);
  });

  it('forgets a key after 24 hours: an old row with the same key no longer decides', async () => {
    const { pump } = await pumpOnMaintenance();
    const key = randomUUID();
    await t.database.prisma.idempotencyKey.create({
      data: {
        key,
        requestHash: 'an older request',
        responseStatus: 201,
        responseBody: {},
        createdAt: new Date(Date.now() - 25 * 3_600_000),
      },
    });
    const response = await post(pump.id, key, refillBody());
    expect(response.statusCode, response.body).toBe(201);
    expect(response.headers['idempotent-replayed']).toBeUndefined();
    expect(await refillCount(pump.id)).toBe(2);
  });

  it('answers a malformed key with 400 on the header, and works without a key', async () => {
    const { pump } = await pumpOnMaintenance();
    for (const key of ['has space', 'x'.repeat(201), 'café']) {
      const response = await post(pump.id, key, refillBody());
      expect(response.statusCode, key).toBe(400);
      expect(problemSchema.parse(response.json()).errors?.[0]?.path).toBe('headers.idempotency-key');
    }
    expect(await refillCount(pump.id)).toBe(1);
    const payload = refillBody();
    expect((await post(pump.id, undefined, payload)).statusCode).toBe(201);
    // Without a key a double submission is still refused: a refill at the same instant as the last.
    const again = await post(pump.id, undefined, payload);
    expect(again.statusCode).toBe(400);
    expect(problemSchema.parse(again.json()).errors?.[0]?.code).toBe('not_after_previous_refill');
    expect(await refillCount(pump.id)).toBe(2);
  });
});
