import { type Prisma } from '../generated/prisma/client.ts';

/** Who did it, from the request's user context, and which request it was. */
export interface AuditActor {
  userId: string | null;
  requestId: string | null;
  clientAddress: string | null;
}

/**
 * Appends an audit event inside the caller's transaction, so the record of a clinical write exists
 * exactly when the write does. The summary holds what changed, never free-text patient notes.
 */
export async function recordAudit(
  tx: Prisma.TransactionClient,
  actor: AuditActor,
  event: {
    action: string;
    entityType: string;
    entityId: string | null;
    outcome: 'success' | 'refused' | 'failure';
    summary: Prisma.InputJsonValue;
  },
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
      summary: event.summary,
    },
  });
}
