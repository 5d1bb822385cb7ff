import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { createPatientOnMaintenance, DAY_MS } from './clinical-fixtures.ts';

// "No client input can cause a 5xx": every operation of the OpenAPI document, called with real ids
// (so requests get past the 404s into the use cases) and with bodies and query strings generated from
// its own schemas, with edge values in every field (year 0 and 9999, huge and tiny numbers, long and
// empty strings, wrong types). Any status but 5xx is fine; a 5xx fails with the request that caused it.

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  $ref?: string;
};

interface Operation {
  parameters?: { in: string; name: string; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

const EDGE_STRINGS = [
  '',
  ' ',
  'x'.repeat(5_000),
  '0000-01-01',
  '9999-12-31',
  '2027-02-30',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '2027-03-14T09:30:00+14:00',
  '00000000-0000-0000-0000-000000000000',
  "'; DROP TABLE patients; --",
  '=cmd|calc',
  '\u0000',
  'NaN',
];
const EDGE_NUMBERS = [0, -1, 1, 0.0004, 1e-12, 0.1 + 0.2, 99_999.999, 1e15, 1e308, -1e308, 2 ** 53];

/** A value for `schema`, mostly of the right shape, with edge values and the odd wrong type. */
function valueFor(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const wrong = fc.constantFrom<unknown>(null, true, 'text', 12, [], {});
  if (!schema || depth > 6) return wrong;
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return fc.oneof(...options.map((option) => valueFor(option, depth + 1)));
  if (schema.allOf?.[0]) return valueFor(schema.allOf[0], depth + 1);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...schema.enum) }, wrong);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  const typed = ((): fc.Arbitrary<unknown> => {
    switch (type) {
      case 'string':
        return fc.oneof(
          fc.constantFrom(...EDGE_STRINGS),
          schema.format === 'date'
            ? fc.constantFrom('2026-11-01', '1900-01-01')
            : fc.string({ maxLength: 30 }),
          schema.format === 'date-time'
            ? fc.date({ noInvalidDate: true }).map((d) => d.toISOString())
            : fc.uuid(),
        );
      case 'number':
      case 'integer':
        return fc.oneof(fc.constantFrom(...EDGE_NUMBERS), fc.integer({ min: -10, max: 5_000 }), fc.double());
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(valueFor(schema.items, depth + 1), { maxLength: 30 });
      case 'object':
        return objectFor(schema, depth);
      default:
        return wrong;
    }
  })();
  return fc.oneof({ weight: 8, arbitrary: typed }, { weight: 1, arbitrary: wrong });
}

function objectFor(schema: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  return fc.record(
    Object.fromEntries(entries.map(([key, property]) => [key, valueFor(property, depth + 1)])),
    { requiredKeys: entries.map(([key]) => key).filter((key) => required.has(key) && Math.random() < 0.95) },
  );
}

describe('every operation, any input', () => {
  let t: TestApp;
  let operations: [string, string, Operation][];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await buildTestApp();
    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, Operation>>;
    }>();
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, operation]): [string, string, Operation] => [method.toUpperCase(), path, operation]),
    );
    // Real records, so requests reach the use cases instead of stopping at a 404.
    const prisma = t.database.prisma;
    const { site, physician, patient, pump } = await createPatientOnMaintenance(prisma, {
      refillDaysAgo: 20,
    });
    const refill = await prisma.refill.findFirstOrThrow({ where: { pumpId: pump.id } });
    const visit = await prisma.followUpVisit.create({
      data: {
        patientId: patient.id,
        clinicianId: physician.id,
        visitDate: new Date(Date.now() - 30 * DAY_MS),
        type: 'review',
      },
    });
    const appointment = await prisma.appointment.create({
      data: {
        patientId: patient.id,
        siteId: site.id,
        kind: 'refill',
        startsAt: new Date(Date.now() + 3 * DAY_MS),
      },
    });
    const trial = await prisma.trial.create({
      data: {
        patientId: patient.id,
        trialDate: new Date(Date.now() - 400 * DAY_MS),
        bolusMcg: 50,
        performedById: physician.id,
        outcome: 'responder',
      },
    });
    Object.assign(ids, {
      id: patient.id,
      patientId: patient.id,
      pumpId: pump.id,
      refillId: refill.id,
      visitId: visit.id,
      appointmentId: appointment.id,
      trialId: trial.id,
      siteId: site.id,
      userId: physician.id,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('never answers 5xx', async () => {
    expect(operations.length).toBeGreaterThan(40);
    const failures: string[] = [];
    for (const [method, template, operation] of operations) {
      const query = Object.fromEntries(
        (operation.parameters ?? [])
          .filter((parameter) => parameter.in === 'query')
          .map((parameter) => [parameter.name, parameter.schema] as const),
      );
      const body = operation.requestBody?.content?.['application/json']?.schema;
      const input = fc.record({
        path: fc.oneof(
          { weight: 6, arbitrary: fc.constant(null) },
          { weight: 1, arbitrary: fc.constantFrom('not-a-uuid', '00000000-0000-0000-0000-000000000000') },
        ),
        query: fc.dictionary(
          fc.constantFrom(...Object.keys(query), 'unknown'),
          fc.string({ maxLength: 40 }),
          {
            maxKeys: 4,
          },
        ),
        body: body ? valueFor(body) : fc.constant(undefined),
      });
      await fc.assert(
        fc.asyncProperty(input, async ({ path, query: queryValues, body: payload }) => {
          const url = template.replace(/\{(\w+)\}/g, (_, name: string) => path ?? ids[name] ?? name);
          const search = new URLSearchParams(queryValues).toString();
          const response = await t.app.inject({
            method: method as 'GET',
            url: search ? `${url}?${search}` : url,
            ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
            headers: payload === undefined ? {} : { 'content-type': 'application/json' },
          });
          if (response.statusCode >= 500) {
            failures.push(
              `${method} ${search ? `${url}?${search}` : url} ${payload === undefined ? '' : JSON.stringify(payload).slice(0, 400)} → ${response.statusCode}`,
            );
          }
        }),
        { numRuns: 25, seed: 20261125 },
      );
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
