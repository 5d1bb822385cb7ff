import {
  AUDIT_CSV_MAX_ROWS,
  type AuditEventDto,
  auditCsvQuerySchema,
  auditPageSchema,
  auditQuerySchema,
} from '@pumpdesk/contracts';
import { exportAuditEvents, listAuditEvents } from '@pumpdesk/db';
import { type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type CsvColumn, sendCsv, toCsv } from '../http/csv.ts';
import { problemResponses } from '../http/route-schemas.ts';

// The audit viewer (audit:read: admins every event, managers their sites' events; the data layer
// decides). The CSV holds the newest AUDIT_CSV_MAX_ROWS matching events; X-Truncated says when more
// matched (narrow the time range and download again).

const auditCsvColumns: CsvColumn<AuditEventDto>[] = [
  { header: 'id', value: (e) => e.id },
  { header: 'occurredAt', value: (e) => e.occurredAt },
  { header: 'actorUserId', value: (e) => e.actorUserId },
  { header: 'actorName', value: (e) => e.actorName },
  { header: 'action', value: (e) => e.action },
  { header: 'entityType', value: (e) => e.entityType },
  { header: 'entityId', value: (e) => e.entityId },
  { header: 'siteId', value: (e) => e.siteId },
  { header: 'outcome', value: (e) => e.outcome },
  { header: 'requestId', value: (e) => e.requestId },
  { header: 'clientAddress', value: (e) => e.clientAddress },
  { header: 'summary', value: (e) => JSON.stringify(e.summary) },
];

export const auditEventRoutes: FastifyPluginAsyncZod = async (app) => {
  const prisma = app.database.prisma;

  app.get(
    '/audit-events',
    {
      schema: {
        tags: ['audit'],
        summary:
          'Audit events, newest first, with filters (admins: every event; managers: the events of their sites)',
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => listAuditEvents(prisma, await request.currentUser(), request.query),
  );

  app.get(
    '/audit-events.csv',
    {
      schema: {
        tags: ['audit'],
        summary: `The audit events as a CSV download (same filters, newest first, at most ${String(AUDIT_CSV_MAX_ROWS)} rows; the X-Truncated header is true when more matched)`,
        querystring: auditCsvQuerySchema,
        produces: ['text/csv'],
        response: { 200: z.string().describe('CSV (RFC 4180, UTF-8)'), ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { items, truncated } = await exportAuditEvents(
        prisma,
        await request.currentUser(),
        request.query,
        AUDIT_CSV_MAX_ROWS,
      );
      reply.header('X-Row-Limit', String(AUDIT_CSV_MAX_ROWS)).header('X-Truncated', String(truncated));
      return sendCsv(reply, 'audit-events.csv', toCsv(auditCsvColumns, items));
    },
  );
};
