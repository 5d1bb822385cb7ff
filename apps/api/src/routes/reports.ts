import {
  batteryReplacementsReportSchema,
  caseloadReportSchema,
  followUpComplianceReportSchema,
  overdueOverTimeReportSchema,
  refillsPerClinicianReportSchema,
  refillsPerMonthReportSchema,
  reportQuerySchema,
} from '@pumpdesk/contracts';
import {
  batteryReplacementsReport,
  caseloadReport,
  type Database,
  followUpComplianceReport,
  overdueOverTimeReport,
  refillsPerClinicianReport,
  refillsPerMonthReport,
  type ReportRequest,
} from '@pumpdesk/db';
import { type FastifyRequest } from 'fastify';
import { type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendCsv, toCsv } from '../http/csv.ts';
import { problemResponses } from '../http/route-schemas.ts';
import {
  batteryReplacementsCsv,
  caseloadCsv,
  followUpComplianceCsv,
  overdueOverTimeCsv,
  refillsPerClinicianCsv,
  refillsPerMonthCsv,
  type ReportCsv,
} from './report-csv.ts';

// GET /api/reports/<report> (JSON) and /api/reports/<report>.csv (the same report as a download): one
// query schema and one data function per report (packages/db/src/reports), the clock read once here.
// The data functions check the role (reports:read), count only the user's sites and audit the read.

type Api = Parameters<FastifyPluginAsyncZod>[0];

interface ReportDefinition<R, Row> {
  path: string;
  summary: string;
  description: string;
  schema: z.ZodType<R>;
  read: (prisma: Database['prisma'], request: ReportRequest) => Promise<R>;
  csv: ReportCsv<R, Row>;
}

const SCOPE_NOTE =
  "Months are calendar months in the site's zone; the windows are built from today in the filtered " +
  "site's zone (without siteId: the latest today of any site). Soft-deleted patients are left out; " +
  'patients count at their current site.';

async function reportRequestOf(
  request: FastifyRequest,
  siteId: string | undefined,
  format: ReportRequest['format'],
): Promise<ReportRequest> {
  return { now: new Date(), siteId, principal: await request.currentUser(), format };
}

function registerReport<R, Row>(app: Api, definition: ReportDefinition<R, Row>): void {
  const prisma = app.database.prisma;
  // The JSON schema is checked against R where the definition is written; here it is only serialised.
  const responseSchema: z.ZodType = definition.schema;
  const common = {
    tags: ['reports'],
    description: `${definition.description}\n\n${SCOPE_NOTE}`,
    querystring: reportQuerySchema,
  };
  app.get(
    `/reports/${definition.path}`,
    {
      schema: {
        ...common,
        summary: definition.summary,
        response: { 200: responseSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    // An unknown siteId, or one of another site: RecordNotFoundError, a 404 from the error handler.
    async (request) => definition.read(prisma, await reportRequestOf(request, request.query.siteId, 'json')),
  );
  app.get(
    `/reports/${definition.path}.csv`,
    {
      schema: {
        ...common,
        summary: `${definition.summary} (CSV download)`,
        produces: ['text/csv'],
        response: {
          200: z.string().describe('CSV (RFC 4180, UTF-8)'),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const report = await definition.read(
        prisma,
        await reportRequestOf(request, request.query.siteId, 'csv'),
      );
      const { csv } = definition;
      return sendCsv(reply, csv.filename, toCsv(csv.columns, csv.rows(report)));
    },
  );
}

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  registerReport(app, {
    path: 'caseload',
    summary: 'Caseload: patients by status, by diagnosis and by site, with their implanted pumps',
    description:
      'Counts of patients (and of their implanted pumps) per status, per diagnosis (every value listed, 0 ' +
      'when none) and per site (active sites and any site with patients).',
    schema: caseloadReportSchema,
    read: caseloadReport,
    csv: caseloadCsv,
  });

  registerReport(app, {
    path: 'refills-per-month',
    summary:
      'Refills per month: recorded over the past 24 full months and this month, forecast for this month and the next 11',
    description:
      'Recorded: refills performed in each month. Forecast, from the computed due dates of the implanted ' +
      'pumps of patients in care: the next refill of a pump falls on its due date (an overdue one today, ' +
      'so in the current month); later ones every L days after it, where L = due date − date of the last ' +
      'refill (the implant date when none is recorded), at least 7 days. The forecast assumes every refill ' +
      'is done on its day at the current dose; it ignores appointments, dose changes and explants to come.',
    schema: refillsPerMonthReportSchema,
    read: refillsPerMonthReport,
    csv: refillsPerMonthCsv,
  });

  registerReport(app, {
    path: 'battery-replacements',
    summary: 'Battery replacements per month over the next 24 months (this month first), overdue ones now',
    description:
      'Each implanted pump of a patient in care is replaced on its recommended replacement date; once it ' +
      'has reported ERI, now. Replacements already due (ERI reported, or the recommended date passed) ' +
      'count in the current month and are also given as overdueNow.',
    schema: batteryReplacementsReportSchema,
    read: batteryReplacementsReport,
    csv: batteryReplacementsCsv,
  });

  registerReport(app, {
    path: 'follow-up-compliance',
    summary:
      'Follow-up compliance: patients with a pump reviewed within the review interval, overall and per site',
    description:
      'Of the patients in care with an implanted pump, those whose last review is within the review ' +
      "interval (settings followUp.intervalDays) as of their site's today; never reviewed counts as not " +
      'compliant and is also counted on its own.',
    schema: followUpComplianceReportSchema,
    read: followUpComplianceReport,
    csv: followUpComplianceCsv,
  });

  registerReport(app, {
    path: 'overdue-over-time',
    summary: 'Pumps overdue for a refill at each of the past 12 month-ends and today',
    description:
      'Reconstructed from the refill history: a pump was overdue on day X when it was implanted that day ' +
      'and the latest refill performed on or before X has a stored due date before X. Limit: it uses the ' +
      'due date stored at each refill, as computed then (a later dose change is not reflected); pumps ' +
      'with no refill by X are not judged (noRefillRecorded).',
    schema: overdueOverTimeReportSchema,
    read: overdueOverTimeReport,
    csv: overdueOverTimeCsv,
  });

  registerReport(app, {
    path: 'refills-per-clinician',
    summary: 'Refills per performing user per month over the past 12 full months and this month',
    description: 'One row per user and month with at least one refill, ordered by name then month.',
    schema: refillsPerClinicianReportSchema,
    read: refillsPerClinicianReport,
    csv: refillsPerClinicianCsv,
  });

  await Promise.resolve();
};
