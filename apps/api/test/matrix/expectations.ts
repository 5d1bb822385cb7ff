// The authorisation matrix as the test expects it: written out here from docs/security.md and issue 5,
// NOT imported from contracts' rolePermissions, so a wrong table in the implementation fails the test.

export type Role = 'nurse' | 'physician' | 'manager' | 'admin';
export const ROLES: readonly Role[] = ['nurse', 'physician', 'manager', 'admin'];

/** How a request changes when it is about the other site (B, where the test users do not work). */
export type SiteScope =
  /** It names a record or a URL of site B: a role that could do it at A gets 404, like a missing record. */
  | 'record'
  /** Its body names site B (a new patient): 422 on that field (docs/security.md, "Sites"). */
  | 'body-site'
  /**
   * A list filtered to site B (`?siteId=B`): the list only ever holds the user's sites, so the answer
   * is 200 without a site-B row, or 404 for a site that is not theirs; either way no site-B patient data.
   */
  | 'filter'
  /** Nothing site-bound (the user's own session, organisation-wide admin routes): the same answer. */
  | 'none';

export interface RouteExpectation {
  /** The roles that may (working at the site); every other role gets 403. */
  allowed: readonly Role[];
  scope: SiteScope;
  /** Signed out: 401 unless the route is public (then the status a valid request gets). */
  signedOut?: 'unauthenticated' | 'public';
  /**
   * Feeds (.ics): the acting user is named by `?token=` (calendar apps cannot sign in), sent without a
   * cookie; signed out means no token at all.
   */
  feed?: boolean;
  /**
   * The request uses up or changes the acting user's session or account (sign-in, sign-out, a
   * password, the second factor, the feed token): each case acts as a new user of the role at site A,
   * with what the route needs (a password, an authenticator app, a session at a sign-in stage).
   */
  freshUser?: { password?: boolean; totp?: 'enabled' | 'pending'; stage?: 'totp_required' };
  /** A role that may, but whose request is refused by design with this status (and why). */
  roleStatus?: Partial<Record<Role, { status: number; why: string }>>;
}

const everyone: readonly Role[] = ROLES;
const clinicalReaders: readonly Role[] = ['nurse', 'physician', 'manager'];
const clinicalWriters: readonly Role[] = ['nurse', 'physician'];
const physicians: readonly Role[] = ['physician'];
const managers: readonly Role[] = ['manager'];
const admins: readonly Role[] = ['admin'];
const auditReaders: readonly Role[] = ['manager', 'admin'];

const read = (scope: SiteScope = 'record'): RouteExpectation => ({ allowed: clinicalReaders, scope });
const write = (allowed: readonly Role[], scope: SiteScope = 'record'): RouteExpectation => ({
  allowed,
  scope,
});
const report: RouteExpectation = { allowed: managers, scope: 'filter' };
const admin = (scope: SiteScope = 'none'): RouteExpectation => ({ allowed: admins, scope });

/**
 * Keyed `METHOD /api/path/{param}` as in the OpenAPI document; `#name` adds a second case of the
 * same route with another body (a refill carrying a new dose program).
 */
export const EXPECTATIONS: Readonly<Record<string, RouteExpectation>> = {
  // ── Public, and what everyone signed in reads ───────────────────────────────────────────────
  'GET /api/health': { allowed: everyone, scope: 'none', signedOut: 'public' },
  'GET /api/sites': { allowed: everyone, scope: 'none' },
  'GET /api/settings': { allowed: everyone, scope: 'none' },
  'GET /api/pump-models': { allowed: everyone, scope: 'none' },

  // ── Patients ─────────────────────────────────────────────────────────────────────────────────
  'GET /api/patients': read('filter'),
  'POST /api/patients': write(clinicalWriters, 'body-site'),
  'GET /api/patients/{id}': read(),
  'PATCH /api/patients/{id}': write(clinicalWriters),
  'DELETE /api/patients/{id}': write(physicians),

  // ── Pumps, interrogations ────────────────────────────────────────────────────────────────────
  'POST /api/patients/{patientId}/pumps': write(physicians),
  'GET /api/patients/{patientId}/pumps': read(),
  'GET /api/pumps/{pumpId}': read(),
  'POST /api/pumps/{pumpId}/interrogations': write(clinicalWriters),
  'GET /api/pumps/{pumpId}/interrogations': read(),
  'POST /api/pumps/{pumpId}/explant': write(physicians),
  'POST /api/pumps/{pumpId}/replace': write(physicians),

  // ── Dose programs, refills ───────────────────────────────────────────────────────────────────
  'POST /api/pumps/{pumpId}/dose-programs/preview': write(physicians),
  'POST /api/pumps/{pumpId}/dose-programs': write(physicians),
  'GET /api/pumps/{pumpId}/dose-programs': read(),
  'POST /api/pumps/{pumpId}/refills': write(clinicalWriters),
  'POST /api/pumps/{pumpId}/refills#with a new dose program': write(physicians),
  'GET /api/pumps/{pumpId}/refills': read(),
  'POST /api/pumps/{pumpId}/refills/preview': write(clinicalWriters),
  'PATCH /api/refills/{refillId}': write(clinicalWriters),

  // ── Visits, trials ───────────────────────────────────────────────────────────────────────────
  'POST /api/patients/{patientId}/visits': write(clinicalWriters),
  'GET /api/patients/{patientId}/visits': read(),
  'PATCH /api/visits/{visitId}': write(clinicalWriters),
  'POST /api/patients/{patientId}/trials': write(physicians),
  'GET /api/patients/{patientId}/trials': read(),
  'PATCH /api/trials/{trialId}': write(physicians),

  // ── Appointments, calendar feeds ─────────────────────────────────────────────────────────────
  'POST /api/patients/{patientId}/appointments': write(clinicalWriters),
  'GET /api/patients/{patientId}/appointments': read(),
  'GET /api/sites/{siteId}/appointments': read(),
  'PATCH /api/appointments/{appointmentId}': write(clinicalWriters),
  'POST /api/appointments/{appointmentId}/cancel': write(clinicalWriters),
  'POST /api/appointments/{appointmentId}/complete': write(clinicalWriters),
  'POST /api/appointments/{appointmentId}/no-show': write(clinicalWriters),
  'GET /api/sites/{siteId}/calendar.ics': { ...read(), signedOut: 'unauthenticated', feed: true },
  // The other-site case asks for the feed of a clinician of site B: a clinician's feed holds their
  // appointments at the reader's sites (route summary), so for B's clinician it holds nothing of B.
  'GET /api/clinicians/{userId}/calendar.ics': {
    ...read('filter'),
    signedOut: 'unauthenticated',
    feed: true,
  },

  // ── Worklists (+ CSV), reports (+ CSV) ───────────────────────────────────────────────────────
  'GET /api/worklists/refills': read('filter'),
  'GET /api/worklists/refills.csv': read('filter'),
  'GET /api/worklists/batteries': read('filter'),
  'GET /api/worklists/batteries.csv': read('filter'),
  'GET /api/worklists/follow-ups': read('filter'),
  'GET /api/worklists/follow-ups.csv': read('filter'),
  'GET /api/worklists/dose-changes': read('filter'),
  'GET /api/worklists/safety-findings': read('filter'),
  'GET /api/reports/caseload': report,
  'GET /api/reports/caseload.csv': report,
  'GET /api/reports/refills-per-month': report,
  'GET /api/reports/refills-per-month.csv': report,
  'GET /api/reports/battery-replacements': report,
  'GET /api/reports/battery-replacements.csv': report,
  'GET /api/reports/follow-up-compliance': report,
  'GET /api/reports/follow-up-compliance.csv': report,
  'GET /api/reports/overdue-over-time': report,
  'GET /api/reports/overdue-over-time.csv': report,
  'GET /api/reports/refills-per-clinician': report,
  'GET /api/reports/refills-per-clinician.csv': report,

  // ── Admin ────────────────────────────────────────────────────────────────────────────────────
  'PUT /api/settings': admin(),
  'POST /api/sites': admin(),
  // Sites are organisation-wide for an admin (they see every site): site B too.
  'PATCH /api/sites/{siteId}': admin(),
  'GET /api/audit-events': { allowed: auditReaders, scope: 'filter' },
  'GET /api/audit-events.csv': { allowed: auditReaders, scope: 'filter' },
  'GET /api/users': admin(),
  'POST /api/users': admin(),
  'GET /api/users/{userId}': admin(),
  'PATCH /api/users/{userId}': admin(),
  'POST /api/users/{userId}/password': admin(),
  'DELETE /api/users/{userId}/second-factor': admin(),
  'GET /api/sessions': admin(),
  'DELETE /api/sessions/{sessionId}': admin(),
  'GET /api/settings/security': admin(),
  'PUT /api/settings/security': admin(),

  // ── The user's own session and account (every role; the feed token: roles that read patients) ─
  'POST /api/auth/sign-in': {
    allowed: everyone,
    scope: 'none',
    signedOut: 'public',
    freshUser: { password: true },
  },
  'GET /api/auth/session': { allowed: everyone, scope: 'none' },
  'POST /api/auth/sign-out': { allowed: everyone, scope: 'none', freshUser: {} },
  // The second factor at sign-in: a session still waiting for it.
  'POST /api/auth/totp': {
    allowed: everyone,
    scope: 'none',
    freshUser: { totp: 'enabled', stage: 'totp_required' },
  },
  'POST /api/auth/totp/setup': { allowed: everyone, scope: 'none', freshUser: { password: true } },
  'POST /api/auth/totp/confirm': { allowed: everyone, scope: 'none', freshUser: { totp: 'pending' } },
  'POST /api/auth/totp/disable': {
    allowed: everyone,
    scope: 'none',
    freshUser: { password: true, totp: 'enabled' },
    roleStatus: {
      admin: { status: 409, why: 'the default security settings require an authenticator app for admins' },
    },
  },
  'POST /api/auth/recovery-codes': {
    allowed: everyone,
    scope: 'none',
    freshUser: { password: true, totp: 'enabled' },
  },
  'POST /api/auth/password': { allowed: everyone, scope: 'none', freshUser: { password: true } },
  // A feed lists appointments with MRNs: only roles that read patient data may have a token.
  'POST /api/auth/calendar-feed-token': { allowed: clinicalReaders, scope: 'none', freshUser: {} },
};

/** The route part of an expectation key (without `#case`). */
export const routeOf = (key: string): string => key.split('#')[0] ?? key;
