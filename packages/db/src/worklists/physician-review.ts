import {
  type DoseChangeList,
  type FindingDto,
  type ReviewQuery,
  type SafetyFindingList,
} from '@pumpdesk/contracts';
import {
  type Principal,
  requirePermission,
  requireSiteAccess,
  siteScopeSql,
  siteWhere,
} from '../access/principal.ts';
import { decimalToNumber } from '../assessment/engine-inputs.ts';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { auditRead } from '../repositories/audit.ts';

// The physician's home (issue 6): the dose changes of the last days and the refills whose stored
// findings need a physician's eye, at the user's sites. Patient data, so patients:read; a siteId
// filter at another site answers like an unknown site (404); each read is audited once.

const MS_PER_DAY = 86_400_000;

function requireReviewAccess(principal: Principal, siteId: string | undefined): void {
  requirePermission(principal, 'patients:read');
  if (siteId !== undefined) requireSiteAccess(principal, siteId, 'site', siteId);
}

/** Patients in the list: not soft-deleted, at the user's sites, at the filtered site. */
function patientWhere(principal: Principal, siteId: string | undefined): Prisma.PatientWhereInput {
  const scope = siteWhere(principal);
  return {
    deletedAt: null,
    AND: [scope, siteId === undefined ? {} : { siteId }],
  };
}

const patientSelect = {
  id: true,
  mrn: true,
  givenName: true,
  familyName: true,
  site: { select: { id: true, name: true, timeZone: true } },
} satisfies Prisma.PatientSelect;

/**
 * The dose programs that took effect in the last `days` days (up to now: a program set to start later
 * is not a change yet), newest first, each with its pump's previous program's daily dose and the
 * change in percent (null for a first program or from a stopped pump).
 */
export async function listRecentDoseChanges(
  prisma: PrismaClient,
  principal: Principal,
  query: ReviewQuery,
  now: Date,
): Promise<DoseChangeList> {
  requireReviewAccess(principal, query.siteId);
  const since = new Date(now.getTime() - query.days * MS_PER_DAY);
  const programs = await prisma.doseProgram.findMany({
    where: {
      effectiveFrom: { gte: since, lte: now },
      pump: { patient: patientWhere(principal, query.siteId) },
    },
    orderBy: [{ effectiveFrom: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit,
    select: {
      id: true,
      pumpId: true,
      effectiveFrom: true,
      createdAt: true,
      mode: true,
      concentrationMcgPerMl: true,
      dailyDoseMcg: true,
      reason: true,
      titrationOverride: true,
      titrationOverrideReason: true,
      programmedBy: { select: { id: true, name: true } },
      pump: { select: { patient: { select: patientSelect } } },
    },
  });
  // The earlier programs of these pumps, for the dose before each change (a pump's history is short).
  const pumpIds = [...new Set(programs.map((program) => program.pumpId))];
  const histories = await prisma.doseProgram.findMany({
    where: { pumpId: { in: pumpIds } },
    orderBy: [{ effectiveFrom: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, pumpId: true, dailyDoseMcg: true },
  });
  const previousDose = new Map<string, number | null>();
  const lastOfPump = new Map<string, number>();
  for (const entry of histories) {
    previousDose.set(entry.id, lastOfPump.get(entry.pumpId) ?? null);
    lastOfPump.set(entry.pumpId, decimalToNumber(entry.dailyDoseMcg));
  }
  const items = programs.map((program) => {
    const dailyDoseMcg = decimalToNumber(program.dailyDoseMcg);
    const previous = previousDose.get(program.id) ?? null;
    const { site, ...patient } = program.pump.patient;
    return {
      patient,
      site,
      pumpId: program.pumpId,
      programId: program.id,
      effectiveFrom: program.effectiveFrom.toISOString(),
      mode: program.mode,
      concentrationMcgPerMl: decimalToNumber(program.concentrationMcgPerMl),
      dailyDoseMcg,
      previousDailyDoseMcg: previous,
      changePercent:
        previous !== null && previous > 0
          ? Number((((dailyDoseMcg - previous) / previous) * 100).toFixed(2))
          : null,
      programmedBy: program.programmedBy,
      reason: program.reason,
      titrationOverride: program.titrationOverride,
      titrationOverrideReason: program.titrationOverrideReason,
    };
  });
  await auditRead(prisma, principal, {
    action: 'worklist.read',
    entityType: 'worklist',
    entityId: 'dose-changes',
    siteId: query.siteId ?? null,
    summary: { count: items.length, days: query.days, format: 'json' },
  });
  return { days: query.days, items };
}

const REVIEWED_SEVERITIES = new Set(['critical', 'warning']);

/** The stored findings a physician should see: critical and warnings, written as FindingDto[]. */
function reviewedFindings(value: Prisma.JsonValue): FindingDto[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return [];
    const { code, severity, message } = item;
    if (typeof code !== 'string' || typeof message !== 'string' || typeof severity !== 'string') return [];
    if (!REVIEWED_SEVERITIES.has(severity)) return [];
    return [{ code, severity: severity as FindingDto['severity'], message }];
  });
}

/**
 * The refills performed in the last `days` days whose stored findings include a critical finding or
 * a warning (possible pocket fill, residual gap, a dose overridden in the same step), newest first.
 */
export async function listRecentSafetyFindings(
  prisma: PrismaClient,
  principal: Principal,
  query: ReviewQuery,
  now: Date,
): Promise<SafetyFindingList> {
  requireReviewAccess(principal, query.siteId);
  const since = new Date(now.getTime() - query.days * MS_PER_DAY);
  // jsonb containment picks the refills with such a finding without reading every refill's findings.
  const rows = await prisma.$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT r.id FROM refills r
    JOIN pumps pu ON pu.id = r.pump_id
    JOIN patients p ON p.id = pu.patient_id
    WHERE r.performed_at >= ${since} AND r.performed_at <= ${now}
      AND p.deleted_at IS NULL
      AND ${siteScopeSql(principal, Prisma.sql`p.site_id`)}
      AND ${query.siteId === undefined ? Prisma.sql`TRUE` : Prisma.sql`p.site_id = ${query.siteId}::uuid`}
      AND (r.findings @> '[{"severity":"critical"}]'::jsonb OR r.findings @> '[{"severity":"warning"}]'::jsonb)
    ORDER BY r.performed_at DESC, r.id DESC
    LIMIT ${query.limit}`);
  const refills = await prisma.refill.findMany({
    where: { id: { in: rows.map((row) => row.id) } },
    orderBy: [{ performedAt: 'desc' }, { id: 'desc' }],
    select: {
      id: true,
      pumpId: true,
      performedAt: true,
      findings: true,
      performedBy: { select: { id: true, name: true } },
      pump: { select: { patient: { select: patientSelect } } },
    },
  });
  const items = refills.map((refill) => {
    const { site, ...patient } = refill.pump.patient;
    return {
      patient,
      site,
      pumpId: refill.pumpId,
      refillId: refill.id,
      performedAt: refill.performedAt.toISOString(),
      performedBy: refill.performedBy,
      findings: reviewedFindings(refill.findings),
    };
  });
  await auditRead(prisma, principal, {
    action: 'worklist.read',
    entityType: 'worklist',
    entityId: 'safety-findings',
    siteId: query.siteId ?? null,
    summary: { count: items.length, days: query.days, format: 'json' },
  });
  return { days: query.days, items };
}
