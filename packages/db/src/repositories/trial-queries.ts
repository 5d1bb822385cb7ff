import { type TrialDto, type TrialList } from '@pumpdesk/contracts';
import { toCalendarDate } from '@pumpdesk/domain';
import { type Principal, requirePermission, requireSiteAccess } from '../access/principal.ts';
import { type Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { auditRead } from './audit.ts';
import { RecordNotFoundError } from './errors.ts';
import { ashworthFromDb } from './visit-queries.ts';

export const trialSelect = {
  id: true,
  patientId: true,
  trialDate: true,
  bolusMcg: true,
  performedBy: { select: { id: true, name: true } },
  ashworthBefore: true,
  ashworthAfter: true,
  pennBefore: true,
  pennAfter: true,
  outcome: true,
  notes: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.TrialSelect;

type TrialRow = Prisma.TrialGetPayload<{ select: typeof trialSelect }>;

export function toTrialDto(row: TrialRow): TrialDto {
  return {
    id: row.id,
    patientId: row.patientId,
    trialDate: toCalendarDate(row.trialDate),
    bolusMcg: row.bolusMcg.toNumber(),
    performedBy: row.performedBy,
    ashworthBefore: ashworthFromDb(row.ashworthBefore),
    ashworthAfter: ashworthFromDb(row.ashworthAfter),
    pennBefore: row.pennBefore,
    pennAfter: row.pennAfter,
    outcome: row.outcome,
    notes: row.notes,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * A patient's screening trials, newest first (a patient has a handful: no pagination). The site is
 * checked before the trials are read; the read is audited (trial.list).
 */
export async function listTrials(
  prisma: PrismaClient,
  principal: Principal,
  patientId: string,
): Promise<TrialList> {
  requirePermission(principal, 'patients:read');
  const patient = await prisma.patient.findFirst({
    where: { id: patientId, deletedAt: null },
    select: { siteId: true },
  });
  if (!patient) throw new RecordNotFoundError('patient', patientId);
  requireSiteAccess(principal, patient.siteId, 'patient', patientId);
  const trials = await prisma.trial.findMany({
    where: { patientId },
    orderBy: [{ trialDate: 'desc' }, { id: 'desc' }],
    select: trialSelect,
  });
  await auditRead(prisma, principal, {
    action: 'trial.list',
    entityType: 'patient',
    entityId: patientId,
    siteId: patient.siteId,
    summary: { count: trials.length },
  });
  return { items: trials.map(toTrialDto) };
}
