import { appointmentSchema, calendarFeedTokenSchema } from '@pumpdesk/contracts';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { DAY_MS } from './clinical-fixtures.ts';
import { createClinic, slot as slotAt } from './visit-fixtures.ts';

/** RFC 5545 3.1 unfolding: a CRLF followed by one space or tab is removed. */
function unfold(text: string): string[] {
  return text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((line) => line !== '');
}

/** The VEVENTs of a feed as property maps (name without parameters → value). */
function events(text: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of unfold(text)) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT' && current) {
      found.push(current);
      current = null;
    } else if (current) {
      const colon = line.indexOf(':');
      current[line.slice(0, colon).split(';')[0] ?? ''] = line.slice(colon + 1);
    }
  }
  return found;
}

const basic = (iso: string) => iso.replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');

const slot = (days: number, hour = 9) => slotAt(days, hour);

describe('iCalendar feeds', () => {
  let t: TestApp;
  /** The default user's feed token (a physician at every site): calendar apps send it, not a cookie. */
  let token: string;
  beforeAll(async () => {
    t = await buildTestApp();
    const issued = await t.app.inject({ method: 'POST', url: '/api/auth/calendar-feed-token' });
    expect(issued.statusCode, issued.body).toBe(200);
    token = calendarFeedTokenSchema.parse(issued.json()).token;
  });
  /** A feed as a calendar app fetches it: signed out, with the token in the URL. */
  const feed = (url: string) =>
    t.injectAs(null, { method: 'GET', url: `${url}?token=${encodeURIComponent(token)}` });
  afterAll(async () => {
    await t.close();
  });

  async function clinic() {
    // Commas and semicolons in names, a comma in the MRN: text the feed must escape.
    const { site, clinician, patient } = await createClinic(t.database.prisma, {
      site: { name: `Hill, North; Clinic ${randomUUID().slice(0, 6)}` },
      clinician: { role: 'nurse', name: 'Nurse Pell, RN' },
      patient: {
        givenName: 'Zephyrine',
        familyName: 'Okonkwo-Bright',
        mrn: `M${randomUUID().slice(0, 6)},7;1`,
      },
    });
    return { site, nurse: clinician, patient };
  }

  async function book(patientId: string, payload: Record<string, unknown>) {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/patients/${patientId}/appointments`,
      payload,
    });
    expect(response.statusCode, response.body).toBe(201);
    return appointmentSchema.parse(response.json());
  }

  it('serves the site’s appointments as RFC 5545 text without patient names or notes', async () => {
    const { site, nurse, patient } = await clinic();
    const refill = await book(patient.id, {
      kind: 'refill',
      startsAt: slot(3),
      clinicianId: nurse.id,
      notes: 'Zephyrine prefers mornings; key under the mat',
      atHome: true,
    });
    const consult = await book(patient.id, {
      kind: 'replacement_consult',
      startsAt: slot(40),
      durationMinutes: 60,
    });
    const cancelled = await book(patient.id, { kind: 'surgery', startsAt: slot(60) });
    const cancel = await t.app.inject({
      method: 'POST',
      url: `/api/appointments/${cancelled.id}/cancel`,
      payload: { version: 1, reason: 'Theatre closed' },
    });
    expect(cancel.statusCode).toBe(200);
    // Outside the window (31 days back, 400 days ahead): written directly, the API refuses the past.
    const prisma = t.database.prisma;
    await prisma.appointment.createMany({
      data: [
        {
          patientId: patient.id,
          siteId: site.id,
          kind: 'refill',
          startsAt: new Date(Date.now() - 31 * DAY_MS),
          status: 'done',
        },
        {
          patientId: patient.id,
          siteId: site.id,
          kind: 'refill',
          startsAt: new Date(Date.now() + 400 * DAY_MS),
        },
        {
          patientId: patient.id,
          siteId: site.id,
          kind: 'follow_up',
          startsAt: new Date(Date.now() - 5 * DAY_MS),
          status: 'no_show',
        },
      ],
    });

    const response = await feed(`/api/sites/${site.id}/calendar.ics`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const text = response.body;
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);

    const lines = unfold(text);
    expect(lines).toContain(`X-WR-CALNAME:PumpDesk — ${site.name.replace(/,/g, '\\,').replace(/;/g, '\\;')}`);
    const found = events(text);
    expect(found).toHaveLength(4);
    const byUid = new Map(found.map((event) => [event['UID'], event]));
    const escapedMrn = patient.mrn.replace(/,/g, '\\,').replace(/;/g, '\\;');
    expect(byUid.get(`${refill.id}@pumpdesk`)).toMatchObject({
      DTSTART: basic(refill.startsAt),
      DTEND: basic(refill.endsAt),
      SUMMARY: `Refill — MRN ${escapedMrn}`,
      STATUS: 'CONFIRMED',
      SEQUENCE: '1',
      DESCRIPTION: 'Clinician: Nurse Pell\\, RN',
    });
    expect(byUid.get(`${refill.id}@pumpdesk`)?.['LOCATION']).toContain('Home visit');
    expect(byUid.get(`${consult.id}@pumpdesk`)).toMatchObject({
      DTEND: basic(consult.endsAt),
      STATUS: 'CONFIRMED',
    });
    expect(byUid.get(`${cancelled.id}@pumpdesk`)).toMatchObject({ STATUS: 'CANCELLED', SEQUENCE: '2' });
    expect(found.some((event) => event['SUMMARY']?.endsWith('(no-show)'))).toBe(true);

    // Privacy: the feed leaves the app.
    for (const secret of ['Zephyrine', 'Okonkwo', 'key under the mat', 'Theatre closed']) {
      expect(lines.join('\n')).not.toContain(secret);
    }
  });

  it('serves a clinician’s own appointments only', async () => {
    const { nurse, patient } = await clinic();
    const mine = await book(patient.id, { kind: 'refill', startsAt: slot(2), clinicianId: nurse.id });
    await book(patient.id, { kind: 'follow_up', startsAt: slot(5) });
    const response = await feed(`/api/clinicians/${nurse.id}/calendar.ics`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(events(response.body).map((event) => event['UID'])).toEqual([`${mine.id}@pumpdesk`]);
    expect(unfold(response.body)).toContain('X-WR-CALNAME:PumpDesk — Nurse Pell\\, RN');
  });

  it('answers 404 problems for an unknown site or clinician, 400 for a malformed id', async () => {
    for (const url of [
      `/api/sites/${randomUUID()}/calendar.ics`,
      `/api/clinicians/${randomUUID()}/calendar.ics`,
    ]) {
      const response = await feed(url);
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await feed('/api/sites/nope/calendar.ics')).statusCode).toBe(400);
  });
});
