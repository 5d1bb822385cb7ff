import { type Database } from '@pumpdesk/db';
import { securitySettingsSchema } from '@pumpdesk/contracts';
import { addDays, calendarDateInZone } from '@pumpdesk/domain';
import { type InjectOptions } from 'fastify';
import { randomUUID } from 'node:crypto';
import { simpleProgram } from '../dose-program-fixtures.ts';
import { refillBody } from '../refill-fixtures.ts';
import {
  createAccount,
  currentCode,
  MATRIX_NEW_PASSWORD,
  MATRIX_PASSWORD,
  type MatrixAccount,
} from './accounts.ts';
import { type Role } from './expectations.ts';
import {
  freshAppointment,
  freshPatient,
  freshPump,
  type MatrixWorld,
  nextSlot,
  type SiteWorld,
} from './world.ts';

// One request builder per expectation: a VALID request (schema validation runs before the permission
// check, so an invalid body would hide the answer under test) about the given site's records. Routes
// whose write consumes its record (explant, replace, delete, a close, an implant, a refill, a program)
// get a fresh one each time, so every case meets a record in the state the write needs.

export interface BuildContext {
  database: Database;
  prisma: Database['prisma'];
  world: MatrixWorld;
  /** The site the request is about: A (the user's) or B (not theirs). */
  site: SiteWorld;
  /** The acting role (null: signed out). */
  role: Role | null;
  /** The acting user (null: signed out). */
  userId: string | null;
  /** The acting user when the route needs a new one (expectation's freshUser), with its credentials. */
  actor: MatrixAccount | null;
  /** The acting user's calendar-feed token (null: signed out, no token). */
  feedToken: string | null;
  /** The clinic settings as they are now (GET /api/settings). */
  clinicSettings(): Promise<{ version: number; settings: ClinicSettings }>;
}

interface ClinicSettings {
  refill: { safetyMarginDays: number } & Record<string, unknown>;
  [group: string]: unknown;
}

export type RequestBuilder = (ctx: BuildContext) => Promise<InjectOptions>;

const today = () => calendarDateInZone(new Date(), 'Europe/London');
const daysAgo = (days: number) => addDays(today(), -days);
const tag = () => randomUUID().slice(0, 8);

const get =
  (url: (ctx: BuildContext) => string): RequestBuilder =>
  (ctx) =>
    Promise.resolve({ method: 'GET', url: url(ctx) });

/** A list: the user's own lists unfiltered (nothing of B may show), the other case filtered to B. */
const list = (path: string): RequestBuilder =>
  get(({ site }) => (site.key === 'A' ? path : `${path}?siteId=${site.siteId}`));

const version = {
  patient: async (ctx: BuildContext) =>
    (await ctx.prisma.patient.findUniqueOrThrow({ where: { id: ctx.site.patientId } })).version,
  refill: async (ctx: BuildContext) =>
    (await ctx.prisma.refill.findUniqueOrThrow({ where: { id: ctx.site.refillId } })).version,
  visit: async (ctx: BuildContext) =>
    (await ctx.prisma.followUpVisit.findUniqueOrThrow({ where: { id: ctx.site.visitId } })).version,
  trial: async (ctx: BuildContext) =>
    (await ctx.prisma.trial.findUniqueOrThrow({ where: { id: ctx.site.trialId } })).version,
  appointment: async (ctx: BuildContext) =>
    (await ctx.prisma.appointment.findUniqueOrThrow({ where: { id: ctx.site.appointmentId } })).version,
};

const feed = (path: (ctx: BuildContext) => string): RequestBuilder =>
  get((ctx) => (ctx.feedToken ? `${path(ctx)}?token=${encodeURIComponent(ctx.feedToken)}` : path(ctx)));

export const REQUESTS: Readonly<Record<string, RequestBuilder>> = {
  'GET /api/health': get(() => '/api/health'),
  'GET /api/sites': get(() => '/api/sites'),
  'GET /api/settings': get(() => '/api/settings'),
  'GET /api/pump-models': get(() => '/api/pump-models'),

  'GET /api/patients': list('/api/patients'),
  'POST /api/patients': async ({ site, prisma }) => {
    const physician = await prisma.user.findUniqueOrThrow({ where: { id: site.clinicianId } });
    return {
      method: 'POST',
      url: '/api/patients',
      payload: {
        mrn: `MXN${tag().toUpperCase()}`,
        givenName: 'Newly',
        familyName: 'Registered',
        dateOfBirth: '1984-03-09',
        sex: 'female',
        diagnosis: 'multiple_sclerosis',
        spasticityOrigin: 'spinal',
        ageGroup: 'adult',
        siteId: site.siteId,
        responsiblePhysicianId: physician.id,
      },
    };
  },
  'GET /api/patients/{id}': get(({ site }) => `/api/patients/${site.patientId}`),
  'PATCH /api/patients/{id}': async (ctx) => {
    const patient = await ctx.prisma.patient.findUniqueOrThrow({ where: { id: ctx.site.patientId } });
    return {
      method: 'PATCH',
      url: `/api/patients/${patient.id}`,
      payload: { version: await version.patient(ctx), cannotCommunicate: !patient.cannotCommunicate },
    };
  },
  'DELETE /api/patients/{id}': async ({ prisma, site }) => ({
    method: 'DELETE',
    url: `/api/patients/${await freshPatient(prisma, site)}?version=1`,
  }),

  'POST /api/patients/{patientId}/pumps': async ({ prisma, site }) => ({
    method: 'POST',
    url: `/api/patients/${await freshPatient(prisma, site)}/pumps`,
    payload: {
      modelId: site.modelId,
      serialNumber: `SN-MX-${tag()}`,
      implantDate: daysAgo(10),
      catheter: { implantDate: daysAgo(10), tipLevel: 't10' },
    },
  }),
  'GET /api/patients/{patientId}/pumps': get(({ site }) => `/api/patients/${site.patientId}/pumps`),
  'GET /api/pumps/{pumpId}': get(({ site }) => `/api/pumps/${site.pumpId}`),
  'POST /api/pumps/{pumpId}/interrogations': ({ site }) =>
    Promise.resolve({
      method: 'POST',
      url: `/api/pumps/${site.pumpId}/interrogations`,
      payload: {
        interrogatedAt: new Date(Date.now() - 60_000 - Math.floor(Math.random() * 3_600_000)).toISOString(),
        batteryStatus: 'ok',
        reservoirVolumeMl: 12.5,
      },
    }),
  'GET /api/pumps/{pumpId}/interrogations': get(({ site }) => `/api/pumps/${site.pumpId}/interrogations`),
  'POST /api/pumps/{pumpId}/explant': async ({ prisma, site }) => ({
    method: 'POST',
    url: `/api/pumps/${(await freshPump(prisma, site)).pumpId}/explant`,
    payload: { version: 1, explantDate: today(), reason: 'malfunction' },
  }),
  'POST /api/pumps/{pumpId}/replace': async ({ prisma, site }) => ({
    method: 'POST',
    url: `/api/pumps/${(await freshPump(prisma, site)).pumpId}/replace`,
    payload: {
      version: 1,
      replacementDate: today(),
      explantReason: 'battery_end_of_life',
      newPump: { modelId: site.modelId, serialNumber: `SN-MX-${tag()}` },
    },
  }),

  'POST /api/pumps/{pumpId}/dose-programs/preview': ({ site }) =>
    Promise.resolve({
      method: 'POST',
      url: `/api/pumps/${site.pumpId}/dose-programs/preview`,
      payload: simpleProgram(390),
    }),
  'POST /api/pumps/{pumpId}/dose-programs': async ({ prisma, site }) => ({
    method: 'POST',
    url: `/api/pumps/${(await freshPump(prisma, site)).pumpId}/dose-programs`,
    payload: simpleProgram(390),
  }),
  'GET /api/pumps/{pumpId}/dose-programs': get(({ site }) => `/api/pumps/${site.pumpId}/dose-programs`),
  'POST /api/pumps/{pumpId}/refills': async ({ prisma, site }) => ({
    method: 'POST',
    url: `/api/pumps/${(await freshPump(prisma, site)).pumpId}/refills`,
    payload: refillBody(),
  }),
  // The same dose at twice the concentration: half the volume a day, the refill interval doubles.
  'POST /api/pumps/{pumpId}/refills#with a new dose program': async ({ prisma, site }) => ({
    method: 'POST',
    url: `/api/pumps/${(await freshPump(prisma, site)).pumpId}/refills`,
    payload: refillBody({
      concentrationMcgPerMl: 1000,
      newProgram: {
        concentrationMcgPerMl: 1000,
        mode: 'simple_continuous',
        continuousDoseMcgPerDay: 300,
        reason: 'Stronger drug: longer refill interval',
      },
    }),
  }),
  'GET /api/pumps/{pumpId}/refills': get(({ site }) => `/api/pumps/${site.pumpId}/refills`),
  'POST /api/pumps/{pumpId}/refills/preview': ({ site }) =>
    Promise.resolve({
      method: 'POST',
      url: `/api/pumps/${site.pumpId}/refills/preview`,
      payload: refillBody(),
    }),
  'PATCH /api/refills/{refillId}': async (ctx) => ({
    method: 'PATCH',
    url: `/api/refills/${ctx.site.refillId}`,
    payload: { version: await version.refill(ctx), amendmentReason: 'Lot mistyped', drugLot: `LOT-${tag()}` },
  }),

  'POST /api/patients/{patientId}/visits': ({ site }) =>
    Promise.resolve({
      method: 'POST',
      url: `/api/patients/${site.patientId}/visits`,
      payload: { visitDate: today(), type: 'review', pennFrequency: 0 },
    }),
  'GET /api/patients/{patientId}/visits': get(({ site }) => `/api/patients/${site.patientId}/visits`),
  'PATCH /api/visits/{visitId}': async (ctx) => ({
    method: 'PATCH',
    url: `/api/visits/${ctx.site.visitId}`,
    payload: { version: await version.visit(ctx), notes: `Matrix note ${tag()}` },
  }),
  'POST /api/patients/{patientId}/trials': ({ site }) =>
    Promise.resolve({
      method: 'POST',
      url: `/api/patients/${site.patientId}/trials`,
      payload: { trialDate: today(), bolusMcg: 50, outcome: 'responder' },
    }),
  'GET /api/patients/{patientId}/trials': get(({ site }) => `/api/patients/${site.patientId}/trials`),
  'PATCH /api/trials/{trialId}': async (ctx) => ({
    method: 'PATCH',
    url: `/api/trials/${ctx.site.trialId}`,
    payload: { version: await version.trial(ctx), notes: `Matrix note ${tag()}` },
  }),

  'POST /api/patients/{patientId}/appointments': ({ site }) =>
    Promise.resolve({
      method: 'POST',
      url: `/api/patients/${site.patientId}/appointments`,
      payload: { kind: 'refill', startsAt: nextSlot().toISOString() },
    }),
  'GET /api/patients/{patientId}/appointments': get(
    ({ site }) => `/api/patients/${site.patientId}/appointments`,
  ),
  'GET /api/sites/{siteId}/appointments': get(({ site }) => `/api/sites/${site.siteId}/appointments`),
  'PATCH /api/appointments/{appointmentId}': async (ctx) => ({
    method: 'PATCH',
    url: `/api/appointments/${ctx.site.appointmentId}`,
    payload: { version: await version.appointment(ctx), startsAt: nextSlot().toISOString() },
  }),
  'POST /api/appointments/{appointmentId}/cancel': async ({ prisma, site }) => ({
    method: 'POST',
    url: `/api/appointments/${await freshAppointment(prisma, site)}/cancel`,
    payload: { version: 1 },
  }),
  'POST /api/appointments/{appointmentId}/complete': async ({ prisma, site }) => ({
    method: 'POST',
    url: `/api/appointments/${await freshAppointment(prisma, site)}/complete`,
    payload: { version: 1 },
  }),
  'POST /api/appointments/{appointmentId}/no-show': async ({ prisma, site }) => ({
    method: 'POST',
    url: `/api/appointments/${await freshAppointment(prisma, site)}/no-show`,
    payload: { version: 1 },
  }),
  'GET /api/sites/{siteId}/calendar.ics': feed(({ site }) => `/api/sites/${site.siteId}/calendar.ics`),
  // The user's own feed; the other case: a clinician of site B's.
  'GET /api/clinicians/{userId}/calendar.ics': feed(
    ({ site, userId }) =>
      `/api/clinicians/${site.key === 'A' ? (userId ?? site.clinicianId) : site.clinicianId}/calendar.ics`,
  ),

  'GET /api/worklists/refills': list('/api/worklists/refills'),
  'GET /api/worklists/refills.csv': list('/api/worklists/refills.csv'),
  'GET /api/worklists/batteries': list('/api/worklists/batteries'),
  'GET /api/worklists/batteries.csv': list('/api/worklists/batteries.csv'),
  'GET /api/worklists/follow-ups': list('/api/worklists/follow-ups'),
  'GET /api/worklists/follow-ups.csv': list('/api/worklists/follow-ups.csv'),
  'GET /api/worklists/dose-changes': list('/api/worklists/dose-changes'),
  'GET /api/worklists/safety-findings': list('/api/worklists/safety-findings'),
  'GET /api/reports/caseload': list('/api/reports/caseload'),
  'GET /api/reports/caseload.csv': list('/api/reports/caseload.csv'),
  'GET /api/reports/refills-per-month': list('/api/reports/refills-per-month'),
  'GET /api/reports/refills-per-month.csv': list('/api/reports/refills-per-month.csv'),
  'GET /api/reports/battery-replacements': list('/api/reports/battery-replacements'),
  'GET /api/reports/battery-replacements.csv': list('/api/reports/battery-replacements.csv'),
  'GET /api/reports/follow-up-compliance': list('/api/reports/follow-up-compliance'),
  'GET /api/reports/follow-up-compliance.csv': list('/api/reports/follow-up-compliance.csv'),
  'GET /api/reports/overdue-over-time': list('/api/reports/overdue-over-time'),
  'GET /api/reports/overdue-over-time.csv': list('/api/reports/overdue-over-time.csv'),
  'GET /api/reports/refills-per-clinician': list('/api/reports/refills-per-clinician'),
  'GET /api/reports/refills-per-clinician.csv': list('/api/reports/refills-per-clinician.csv'),

  // An admin saves the settings as they are (other test files read them at the same time); any other
  // role sends a real change, so a wrongly accepted write would show in the organisation row.
  'PUT /api/settings': async (ctx) => {
    const { version: current, settings } = await ctx.clinicSettings();
    const margin = settings.refill.safetyMarginDays;
    const changed = { ...settings, refill: { ...settings.refill, safetyMarginDays: margin === 5 ? 6 : 5 } };
    return {
      method: 'PUT',
      url: '/api/settings',
      payload: { version: current, settings: ctx.role === 'admin' ? settings : changed },
    };
  },
  'POST /api/sites': ({ world }) =>
    Promise.resolve({
      method: 'POST',
      url: '/api/sites',
      payload: { name: `Matrix ${world.runId} new ${tag()}`, timeZone: 'Europe/London' },
    }),
  'PATCH /api/sites/{siteId}': async ({ prisma, site }) => {
    const row = await prisma.site.findUniqueOrThrow({ where: { id: site.siteId } });
    return {
      method: 'PATCH',
      url: `/api/sites/${site.siteId}`,
      payload: {
        version: row.version,
        phone: `+44 20 7946 ${String(Math.floor(Math.random() * 9000) + 1000)}`,
      },
    };
  },
  'GET /api/audit-events': list('/api/audit-events'),
  'GET /api/audit-events.csv': list('/api/audit-events.csv'),
  'GET /api/users': get(() => '/api/users'),
  'POST /api/users': ({ world, site }) =>
    Promise.resolve({
      method: 'POST',
      url: '/api/users',
      payload: {
        name: 'Matrix Newcomer',
        email: `new-${tag()}@${world.runId}.matrix.test`,
        role: 'nurse',
        siteIds: [site.siteId],
        password: MATRIX_NEW_PASSWORD,
      },
    }),
  'GET /api/users/{userId}': get(({ site }) => `/api/users/${site.clinicianId}`),
  'PATCH /api/users/{userId}': async (ctx) => ({
    method: 'PATCH',
    url: `/api/users/${(await targetAccount(ctx)).userId}`,
    payload: { version: 1, name: 'Matrix Renamed' },
  }),
  'POST /api/users/{userId}/password': async (ctx) => ({
    method: 'POST',
    url: `/api/users/${(await targetAccount(ctx)).userId}/password`,
    payload: { newPassword: MATRIX_NEW_PASSWORD },
  }),
  'DELETE /api/users/{userId}/second-factor': async (ctx) => ({
    method: 'DELETE',
    url: `/api/users/${(await targetAccount(ctx, { totp: 'enabled' })).userId}/second-factor`,
  }),
  'GET /api/sessions': get(() => '/api/sessions'),
  'DELETE /api/sessions/{sessionId}': async (ctx) => ({
    method: 'DELETE',
    url: `/api/sessions/${(await targetAccount(ctx, { stage: 'active' })).session?.sessionId ?? ''}`,
  }),
  'GET /api/settings/security': get(() => '/api/settings/security'),
  // As PUT /api/settings: an admin saves them as they are, anyone else sends a real change.
  'PUT /api/settings/security': async (ctx) => {
    const row = await ctx.prisma.organisation.findUniqueOrThrow({ where: { id: 1 } });
    const current = securitySettingsSchema.parse(row.securitySettings);
    const changed = { ...current, sessionIdleMinutes: current.sessionIdleMinutes === 14 ? 13 : 14 };
    return {
      method: 'PUT',
      url: '/api/settings/security',
      payload: { version: row.version, ...(ctx.role === 'admin' ? current : changed) },
    };
  },

  'POST /api/auth/sign-in': async (ctx) => {
    const account =
      ctx.actor ??
      (await createAccount(ctx.database, ctx.world, {
        role: 'physician',
        siteId: ctx.world.A.siteId,
        password: true,
      }));
    return {
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: account.email, password: account.password },
    };
  },
  'GET /api/auth/session': get(() => '/api/auth/session'),
  'POST /api/auth/sign-out': () => Promise.resolve({ method: 'POST', url: '/api/auth/sign-out' }),
  'POST /api/auth/totp': ({ actor }) =>
    Promise.resolve({ method: 'POST', url: '/api/auth/totp', payload: { code: codeOf(actor) } }),
  'POST /api/auth/totp/setup': ({ actor }) =>
    Promise.resolve({
      method: 'POST',
      url: '/api/auth/totp/setup',
      payload: { currentPassword: actor?.password ?? MATRIX_PASSWORD },
    }),
  'POST /api/auth/totp/confirm': ({ actor }) =>
    Promise.resolve({ method: 'POST', url: '/api/auth/totp/confirm', payload: { code: codeOf(actor) } }),
  'POST /api/auth/totp/disable': ({ actor }) =>
    Promise.resolve({
      method: 'POST',
      url: '/api/auth/totp/disable',
      payload: { currentPassword: actor?.password ?? MATRIX_PASSWORD },
    }),
  'POST /api/auth/recovery-codes': ({ actor }) =>
    Promise.resolve({
      method: 'POST',
      url: '/api/auth/recovery-codes',
      payload: { currentPassword: actor?.password ?? MATRIX_PASSWORD },
    }),
  'POST /api/auth/password': ({ actor }) =>
    Promise.resolve({
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: actor?.password ?? MATRIX_PASSWORD, newPassword: MATRIX_NEW_PASSWORD },
    }),
  'POST /api/auth/calendar-feed-token': () =>
    Promise.resolve({ method: 'POST', url: '/api/auth/calendar-feed-token' }),
};

/** A user of the site an admin route acts on (a new one each time: the route changes them). */
const targetAccount = (ctx: BuildContext, options: { totp?: 'enabled'; stage?: 'active' } = {}) =>
  createAccount(ctx.database, ctx.world, { role: 'nurse', siteId: ctx.site.siteId, ...options });

/** The authenticator's code now (signed out, where there is no account: any well-formed code). */
const codeOf = (actor: MatrixAccount | null): string =>
  actor?.totpSecret ? currentCode(actor.totpSecret) : '123456';
