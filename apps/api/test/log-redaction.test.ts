import { Writable } from 'node:stream';
import { type PatientCreateInput, patientRecordSchema } from '@pumpdesk/contracts';
import { createTestSite, createTestUser } from '@pumpdesk/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeError } from '../src/logger.ts';
import { buildTestApp, type TestApp } from './build-test-app.ts';

/**
 * The log canary: a patient and a sign-in whose every identifying value contains ZZCANARY go through
 * the app logging at `trace`, and the word must appear nowhere in what it logged.
 */
const CANARY = 'ZZCANARY';

/** Every line the app logs, kept in memory. */
class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
  get text(): string {
    return this.lines.join('\n');
  }
}

describe('log redaction', () => {
  let t: TestApp;
  const logs = new LogCapture();
  beforeAll(async () => {
    t = await buildTestApp({ env: { LOG_LEVEL: 'trace' }, logStream: logs });
    // A route that fails with the request's body on the error, as a careless handler or library might.
    t.app.post('/api/test-only/fail-with-body', (request) => {
      throw Object.assign(new Error('could not save'), { body: request.body, meta: request.body });
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('logs no patient identifier, credential or personal detail of a canary patient and sign-in', async () => {
    const prisma = t.database.prisma;
    const site = await createTestSite(prisma, { timeZone: 'Europe/London' });
    const physician = await createTestUser(prisma, [site.id], { name: 'Dr Ines Varga' });
    const body: PatientCreateInput = {
      mrn: `${CANARY}-1`,
      givenName: CANARY,
      familyName: CANARY,
      dateOfBirth: '1984-03-09',
      sex: 'female',
      diagnosis: 'multiple_sclerosis',
      spasticityOrigin: 'spinal',
      ageGroup: 'adult',
      siteId: site.id,
      responsiblePhysicianId: physician.id,
    };

    const created = await t.app.inject({ method: 'POST', url: '/api/patients', payload: body });
    expect(created.statusCode, created.body).toBe(201);
    const patient = patientRecordSchema.parse(created.json());

    const detail = await t.app.inject({ method: 'GET', url: `/api/patients/${patient.id}` });
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain(CANARY);
    const list = await t.app.inject({ method: 'GET', url: `/api/patients?q=${CANARY}` });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(CANARY);

    const updated = await t.app.inject({
      method: 'PATCH',
      url: `/api/patients/${patient.id}`,
      payload: { version: patient.version, givenName: `${CANARY}-renamed`, familyName: `${CANARY}-too` },
    });
    expect(updated.statusCode, updated.body).toBe(200);

    // Refused by validation with the name in the body (and an MRN that is far too long).
    const invalid = await t.app.inject({
      method: 'POST',
      url: '/api/patients',
      payload: { ...body, mrn: CANARY.repeat(40), dateOfBirth: `${CANARY}-date` },
    });
    expect(invalid.statusCode).toBe(400);

    // A duplicate MRN: the database refuses it (Postgres's message quotes the key's value).
    const duplicate = await t.app.inject({ method: 'POST', url: '/api/patients', payload: body });
    expect(duplicate.statusCode).toBe(409);

    // A sign-in attempt (signed out), whatever the sign-in route answers while it is being built.
    const signIn = await t.injectAs(null, {
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: `${CANARY.toLowerCase()}@example.org`, password: `${CANARY}-secret` },
    });
    expect(signIn.statusCode).toBeLessThan(500);

    // A 500 whose error carries the request body.
    const failed = await t.app.inject({
      method: 'POST',
      url: `/api/test-only/fail-with-body?name=${CANARY}`,
      payload: { givenName: CANARY, note: `${CANARY} note`, password: `${CANARY}-secret` },
    });
    expect(failed.statusCode).toBe(500);

    expect(logs.lines.length).toBeGreaterThan(0);
    const leaks = logs.lines.filter((line) => line.toLowerCase().includes(CANARY.toLowerCase()));
    console.info(
      `log canary: ${String(logs.lines.length)} log lines checked, ${String(leaks.length)} leak(s); sign-in answered ${String(signIn.statusCode)}`,
    );
    expect(leaks).toEqual([]);
    // The request logs are still useful: method, path and status.
    expect(logs.text).toContain('"path":"/api/patients"');
    expect(logs.text).toContain('"statusCode":201');
    expect(logs.text).toContain('"msg":"request failed"');
  });
});

describe('serializeError', () => {
  it("keeps an error's type, code and frames, and drops the values drivers quote", () => {
    const error = Object.assign(new Error('duplicate key value violates unique constraint'), {
      name: 'DatabaseError',
      code: '23505',
      detail: 'Key (mrn)=(ZZCANARY-1) already exists.',
      cause: new Error('Key (mrn)=(ZZCANARY-1) already exists.'),
    });
    const serialized = serializeError(error);
    expect(serialized).toMatchObject({ type: 'DatabaseError', errorCode: '23505' });
    expect(serialized.stack).toMatch(/^at /);
    expect(serialized.cause?.message).toBe('Key (mrn)=(…) already exists.');
    expect(JSON.stringify(serialized)).not.toContain(CANARY);

    const uuid = serializeError(new Error('invalid input syntax for type uuid: "ZZCANARY"'));
    expect(uuid.message).toBe('invalid input syntax for type uuid: "…"');
  });
});

describe('a 500 from a real database failure', () => {
  let t: TestApp;
  const logs = new LogCapture();
  beforeAll(async () => {
    t = await buildTestApp({ env: { LOG_LEVEL: 'error' }, logStream: logs });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('answers without stack, SQL or Prisma details, and logs the failure without the request', async () => {
    // The database goes away under the running app: Prisma itself fails.
    await t.database.close();
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/patients?q=${CANARY}`,
      payload: { givenName: CANARY, mrn: `${CANARY}-2` },
    });
    expect(response.statusCode).toBe(500);
    const body = response.json<Record<string, unknown>>();
    expect(Object.keys(body).sort()).toEqual([
      'code',
      'detail',
      'instance',
      'requestId',
      'status',
      'title',
      'type',
    ]);
    expect(body).toMatchObject({ code: 'INTERNAL_ERROR', instance: '/api/patients' });
    expect(response.body).not.toMatch(
      /prisma|select |insert |stack|\bat \S+:\d+|\bP\d{4}\b|pool|postgres|ZZCANARY/i,
    );

    expect(logs.text).toContain('"msg":"request failed"');
    expect(logs.text.toLowerCase()).not.toContain(CANARY.toLowerCase());
  });
});
