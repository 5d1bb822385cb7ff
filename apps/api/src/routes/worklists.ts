import {
  batteryWorklistCsvQuerySchema,
  batteryWorklistPageSchema,
  batteryWorklistQuerySchema,
  followUpWorklistCsvQuerySchema,
  followUpWorklistPageSchema,
  followUpWorklistQuerySchema,
  refillWorklistCsvQuerySchema,
  refillWorklistPageSchema,
  refillWorklistQuerySchema,
} from '@pumpdesk/contracts';
import {
  batteryWorklist,
  batteryWorklistEntries,
  followUpWorklist,
  followUpWorklistEntries,
  refillWorklist,
  refillWorklistEntries,
} from '@pumpdesk/db';
import { type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendCsv, toCsv } from '../http/csv.ts';
import { problemResponses } from '../http/route-schemas.ts';
import { batteryCsvColumns, followUpCsvColumns, refillCsvColumns } from './worklist-csv.ts';

// GET /api/worklists/{refills,batteries,follow-ups}[.csv]: an index range scan of the worklist table
// (packages/db/src/worklists), statuses read off stored dates with each site's today. The clock is
// read here, once per request. A cursor the list did not issue (InvalidCursorError) is answered by the
// central error handler: 400 at querystring.cursor. The data layer checks the role (patients:read),
// limits the rows to the user's sites and audits each request once (a CSV download too).

const csvResponse = {
  200: z.string().describe('CSV (RFC 4180, UTF-8)'),
  ...problemResponses(400, 401, 403, 404),
};

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
        response: { 200: refillWorklistPageSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => refillWorklist(prisma, await request.currentUser(), request.query, new Date()),
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
      const entries = await refillWorklistEntries(
        prisma,
        await request.currentUser(),
        request.query,
        new Date(),
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
        response: { 200: batteryWorklistPageSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => batteryWorklist(prisma, await request.currentUser(), request.query, new Date()),
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
      const entries = await batteryWorklistEntries(
        prisma,
        await request.currentUser(),
        request.query,
        new Date(),
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
        response: { 200: followUpWorklistPageSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => followUpWorklist(prisma, await request.currentUser(), request.query, new Date()),
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
      const entries = await followUpWorklistEntries(
        prisma,
        await request.currentUser(),
        request.query,
        new Date(),
      );
      return sendCsv(reply, 'follow-up-worklist.csv', toCsv(followUpCsvColumns, entries));
    },
  );
};
