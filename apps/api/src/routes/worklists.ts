import {
  batteryWorklistCsvQuerySchema,
  batteryWorklistPageSchema,
  batteryWorklistQuerySchema,
  followUpWorklistCsvQuerySchema,
  followUpWorklistPageSchema,
  followUpWorklistQuerySchema,
  problemSchema,
  refillWorklistCsvQuerySchema,
  refillWorklistPageSchema,
  refillWorklistQuerySchema,
  WORKLIST_CSV_MAX_ROWS,
} from '@pumpdesk/contracts';
import { batteryWorklist, followUpWorklist, refillWorklist } from '@pumpdesk/db';
import { type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendCsv, toCsv } from '../http/csv.ts';
import { batteryCsvColumns, followUpCsvColumns, refillCsvColumns } from './worklist-csv.ts';

// GET /api/worklists/{refills,batteries,follow-ups}[.csv]: an index range scan of the worklist table
// (packages/db/src/worklists), statuses read off stored dates with each site's today. The clock is
// read here, once per request. A cursor the list did not issue (InvalidCursorError) is answered by the
// central error handler: 400 at querystring.cursor.

const csvResponse = { 200: z.string().describe('CSV (RFC 4180, UTF-8)'), 400: problemSchema };

/** Every page of a worklist up to the CSV limit, for a download. */
async function allEntries<T>(
  read: (limit: number, cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const entries: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(Math.min(1_000, WORKLIST_CSV_MAX_ROWS - entries.length), cursor);
    entries.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && entries.length < WORKLIST_CSV_MAX_ROWS);
  return entries;
}

export const worklistRoutes: FastifyPluginAsyncZod = async (app) => {
  const prisma = app.database.prisma;

  app.get(
    '/worklists/refills',
    {
      schema: {
        tags: ['worklists'],
        summary:
          'Refills to do: critical, unknown, overdue, due soon, upcoming (with horizonDays: critical, unknown, overdue and anything due within the horizon), in the engine’s priority order',
        querystring: refillWorklistQuerySchema,
        response: { 200: refillWorklistPageSchema, 400: problemSchema },
      },
    },
    (request) => refillWorklist(prisma, request.query, new Date()),
  );
  app.get(
    '/worklists/refills.csv',
    {
      schema: {
        tags: ['worklists'],
        summary: 'The refill worklist as a CSV download (same filters, every entry, in order)',
        querystring: refillWorklistCsvQuerySchema,
        produces: ['text/csv'],
        response: csvResponse,
      },
    },
    async (request, reply) => {
      const now = new Date();
      const entries = await allEntries((limit, cursor) =>
        refillWorklist(prisma, { ...request.query, limit, cursor }, now),
      );
      return sendCsv(reply, 'refill-worklist.csv', toCsv(refillCsvColumns, entries));
    },
  );

  app.get(
    '/worklists/batteries',
    {
      schema: {
        tags: ['worklists'],
        summary:
          'Batteries: ERI reported, replacement overdue, in the replacement window, approaching, in the engine’s priority order',
        querystring: batteryWorklistQuerySchema,
        response: { 200: batteryWorklistPageSchema, 400: problemSchema },
      },
    },
    (request) => batteryWorklist(prisma, request.query, new Date()),
  );
  app.get(
    '/worklists/batteries.csv',
    {
      schema: {
        tags: ['worklists'],
        summary: 'The battery worklist as a CSV download',
        querystring: batteryWorklistCsvQuerySchema,
        produces: ['text/csv'],
        response: csvResponse,
      },
    },
    async (request, reply) => {
      const now = new Date();
      const entries = await allEntries((limit, cursor) =>
        batteryWorklist(prisma, { ...request.query, limit, cursor }, now),
      );
      return sendCsv(reply, 'battery-worklist.csv', toCsv(batteryCsvColumns, entries));
    },
  );

  app.get(
    '/worklists/follow-ups',
    {
      schema: {
        tags: ['worklists'],
        summary: 'Reviews: never reviewed, overdue, due soon, in the engine’s priority order',
        querystring: followUpWorklistQuerySchema,
        response: { 200: followUpWorklistPageSchema, 400: problemSchema },
      },
    },
    (request) => followUpWorklist(prisma, request.query, new Date()),
  );
  app.get(
    '/worklists/follow-ups.csv',
    {
      schema: {
        tags: ['worklists'],
        summary: 'The follow-up worklist as a CSV download',
        querystring: followUpWorklistCsvQuerySchema,
        produces: ['text/csv'],
        response: csvResponse,
      },
    },
    async (request, reply) => {
      const now = new Date();
      const entries = await allEntries((limit, cursor) =>
        followUpWorklist(prisma, { ...request.query, limit, cursor }, now),
      );
      return sendCsv(reply, 'follow-up-worklist.csv', toCsv(followUpCsvColumns, entries));
    },
  );
};
