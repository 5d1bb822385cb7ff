import { type Prisma, type PrismaClient } from '../generated/prisma/client.ts';

/** Who did it (null: nobody signed in, a failed sign-in), which request it was and where from. */
export interface AuditActor {
  userId: string | null;
  requestId: string | null;
  clientAddress: string | null;
}

export interface AuditEventInput {
  /** `<entity>.<verb>`: patient.read, refill.create, auth.sign_in (docs/security.md lists them). */
  action: string;
  entityType: string;
  entityId: string | null;
  outcome: 'success' | 'refused' | 'failure';
  /** The site of the record concerned, when there is one: managers see their sites' events. */
  siteId?: string | null;
  /** Ids, codes, counts and field names: never patient names or free text. */
  summary: Prisma.InputJsonValue;
}

/**
 * Appends an audit event inside the caller's transaction, so the record of a clinical write exists
 * exactly when the write does. The summary holds what changed, never free-text patient notes.
 */
export async function recordAudit(
  tx: Prisma.TransactionClient | PrismaClient,
  actor: AuditActor,
  event: AuditEventInput,
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorUserId: actor.userId,
      requestId: actor.requestId,
      clientAddress: actor.clientAddress,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      outcome: event.outcome,
      siteId: event.siteId ?? null,
      summary: event.summary,
    },
  });
}

/**
 * Records that someone read a patient's records (HIPAA audit controls): one event per request, after
 * the read succeeded. `entityId` is the patient (or the list's scope), `summary` what was read.
 */
export async function auditRead(
  prisma: PrismaClient,
  actor: AuditActor,
  event: Omit<AuditEventInput, 'outcome'>,
): Promise<void> {
  await recordAudit(prisma, actor, { ...event, outcome: 'success' });
}
