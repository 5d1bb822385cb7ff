import { z } from 'zod';

// The audit viewer (admins: every event; managers: the events of their sites). docs/security.md lists
// the actions.

export const auditOutcomeSchema = z.enum(['success', 'refused', 'failure']);

export const auditEventSchema = z.object({
  id: z.string().describe('Increasing with time: the order events were written in'),
  occurredAt: z.iso.datetime({ offset: true }),
  actorUserId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  siteId: z.uuid().nullable(),
  outcome: auditOutcomeSchema,
  requestId: z.string().nullable(),
  clientAddress: z.string().nullable(),
  /** Ids, codes and field names only: never patient names or free text. */
  summary: z.record(z.string(), z.unknown()),
});
export type AuditEventDto = z.infer<typeof auditEventSchema>;

export const auditQuerySchema = z.object({
  from: z.iso.datetime({ offset: true }).optional().describe('Events at or after this instant'),
  to: z.iso.datetime({ offset: true }).optional().describe('Events before this instant'),
  actorUserId: z.uuid().optional(),
  action: z.string().max(100).optional().describe('Exact action, or a prefix ending in * (patient.*)'),
  entityType: z.string().max(100).optional(),
  entityId: z.string().max(100).optional(),
  siteId: z.uuid().optional(),
  outcome: auditOutcomeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditPageSchema = z.object({
  items: z.array(auditEventSchema),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

/** The most rows one CSV download of the audit trail holds (the newest first); narrow the filters for more. */
export const AUDIT_CSV_MAX_ROWS = 100_000;

/** GET /api/audit-events.csv: the viewer's filters, every matching event up to AUDIT_CSV_MAX_ROWS. */
export const auditCsvQuerySchema = auditQuerySchema.omit({ limit: true, cursor: true });
export type AuditCsvQuery = z.infer<typeof auditCsvQuerySchema>;
