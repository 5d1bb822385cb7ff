import { type Database } from '@pumpdesk/db';
import { type MatrixWorld } from './world.ts';

// What a refused request must leave as it was: the rows of the matrix's world, counted (and their
// versions summed, so an update shows too). Other test files share the database and write at the same
// time, so the counts are of the world's own rows: its two sites' patients and everything about them,
// the users working there (their passwords, second factors, feed tokens), the sites and users an admin route would create (named with the run id),
// and the sessions of the world's users. The organisation row is the one shared row: a change there
// is only the refused request's if no one else's audited settings change explains it.

type Prisma = Database['prisma'];

export type Fingerprint = Record<string, string>;

export async function fingerprint(
  prisma: Prisma,
  world: MatrixWorld,
  refusedUserId: string | null,
): Promise<Fingerprint> {
  const siteIds = [world.A.siteId, world.B.siteId];
  const sitePrefix = `Matrix ${world.runId} %`;
  const emailPattern = `%@${world.runId}.matrix.test`;
  const exceptUser = refusedUserId ?? '00000000-0000-0000-0000-000000000000';
  const rows = await prisma.$queryRaw<Record<string, unknown>[]>`
    WITH wp AS (SELECT id FROM patients WHERE site_id = ANY(${siteIds}::uuid[])),
         wpu AS (SELECT id FROM pumps WHERE patient_id IN (SELECT id FROM wp)),
         wu AS (
           SELECT user_id AS id FROM user_sites WHERE site_id = ANY(${siteIds}::uuid[])
           UNION SELECT id FROM users WHERE email LIKE ${emailPattern}
         )
    SELECT
      (SELECT count(*) || '/' || coalesce(sum(version), 0) || '/' || count(deleted_at)
         FROM patients WHERE id IN (SELECT id FROM wp)) AS patients,
      (SELECT count(*) || '/' || coalesce(sum(version), 0) FROM pumps WHERE id IN (SELECT id FROM wpu)) AS pumps,
      (SELECT count(*) || '/' || coalesce(sum(version), 0)
         FROM catheters WHERE patient_id IN (SELECT id FROM wp)) AS catheters,
      (SELECT count(*)::text FROM dose_programs WHERE pump_id IN (SELECT id FROM wpu)) AS dose_programs,
      (SELECT count(*) || '/' || coalesce(sum(version), 0)
         FROM refills WHERE pump_id IN (SELECT id FROM wpu)) AS refills,
      (SELECT count(*)::text FROM pump_interrogations WHERE pump_id IN (SELECT id FROM wpu)) AS pump_interrogations,
      (SELECT count(*) || '/' || coalesce(sum(version), 0)
         FROM follow_up_visits WHERE patient_id IN (SELECT id FROM wp)) AS follow_up_visits,
      (SELECT count(*) || '/' || coalesce(sum(version), 0)
         FROM trials WHERE patient_id IN (SELECT id FROM wp)) AS trials,
      (SELECT count(*) || '/' || coalesce(sum(version), 0)
         FROM appointments WHERE patient_id IN (SELECT id FROM wp) OR site_id = ANY(${siteIds}::uuid[])) AS appointments,
      (SELECT count(*) || '/' || coalesce(sum(version), 0) || '/' || count(*) FILTER (WHERE active) || '/' ||
              md5(coalesce(string_agg(concat_ws('|', id, name, role, all_sites, password_hash, must_change_password,
                totp_secret, pending_totp_secret, totp_enabled_at, calendar_feed_token_hash), ',' ORDER BY id), ''))
         FROM users WHERE id IN (SELECT id FROM wu)) AS users,
      (SELECT count(*)::text FROM user_sites WHERE user_id IN (SELECT id FROM wu)) AS user_sites,
      (SELECT count(*)::text FROM recovery_codes WHERE user_id IN (SELECT id FROM wu)) AS recovery_codes,
      (SELECT count(*) || '/' || coalesce(sum(version), 0)
         FROM sites WHERE id = ANY(${siteIds}::uuid[]) OR name LIKE ${sitePrefix}) AS sites,
      (SELECT count(*) || '/' || count(*) FILTER (WHERE ended_at IS NULL)
         FROM sessions WHERE user_id IN (SELECT id FROM wu) AND user_id <> ${exceptUser}::uuid) AS sessions,
      (SELECT version || '/' || md5(settings::text) || '/' || md5(security_settings::text)
         FROM organisation WHERE id = 1) AS organisation,
      (SELECT coalesce(max(id), 0)::text FROM audit_events) AS audit_mark
  `;
  const row = rows[0] ?? {};
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, String(value)]));
}

/**
 * The tables whose rows differ between two fingerprints (empty: nothing changed). A changed
 * organisation row is another test's when an audited settings change of another actor explains it.
 */
export async function changedTables(
  prisma: Prisma,
  before: Fingerprint,
  after: Fingerprint,
  refusedUserId: string | null,
): Promise<string[]> {
  const changed = Object.keys(before).filter((key) => key !== 'audit_mark' && before[key] !== after[key]);
  if (!changed.includes('organisation')) return changed;
  const others = await prisma.auditEvent.count({
    where: {
      id: { gt: BigInt(before.audit_mark ?? '0') },
      entityType: 'organisation',
      outcome: 'success',
      NOT: refusedUserId ? { actorUserId: refusedUserId } : { actorUserId: null },
    },
  });
  return others > 0 ? changed.filter((key) => key !== 'organisation') : changed;
}
