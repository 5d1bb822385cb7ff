import { z } from 'zod';
import { diagnosisSchema, patientStatusSchema, userRoleSchema } from './enums.ts';
import { calendarDateSchema, instantSchema } from './primitives.ts';

// GET /api/reports/*: caseload reports for clinic managers, each as JSON and as a CSV download
// (`.csv`, the same query and the same numbers). Months are calendar months (`YYYY-MM`) in the site's
// zone. A report's windows are built from one reference day: "today" in the filtered site's zone, or
// without a site filter the latest "today" of any site (sites are at most a day apart); "overdue"
// statuses use each site's own today.

/** `?siteId=`: only this site's patients; unknown parameters are refused. */
export const reportQuerySchema = z
  .object({ siteId: z.uuid().optional().describe("Only this site's patients (their current site)") })
  .strict();
export type ReportQuery = z.output<typeof reportQuerySchema>;

export const reportMonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
  .describe('A calendar month, YYYY-MM');

const reportBase = {
  generatedAt: instantSchema,
  referenceDate: calendarDateSchema.describe('The day the report windows are built from (see above)'),
  parameters: z.object({ siteId: z.uuid().nullable() }),
};

const countRow = {
  patients: z.number().int().min(0),
  implantedPumps: z.number().int().min(0).describe('Implanted pumps of these patients'),
};

/** 1. Caseload: patients (not deleted) by status, by diagnosis and by site. */
export const caseloadReportSchema = z.object({
  ...reportBase,
  totals: z.object(countRow),
  byStatus: z.array(z.object({ status: patientStatusSchema, label: z.string(), ...countRow })),
  byDiagnosis: z.array(z.object({ diagnosis: diagnosisSchema, label: z.string(), ...countRow })),
  bySite: z.array(z.object({ siteId: z.uuid(), siteName: z.string(), ...countRow })),
});
export type CaseloadReport = z.infer<typeof caseloadReportSchema>;

/** 2. Refills per month: recorded (past 24 full months and this month) and forecast (12 months). */
export const refillsPerMonthReportSchema = z.object({
  ...reportBase,
  months: z.array(
    z.object({
      month: reportMonthSchema,
      recorded: z.number().int().min(0).nullable().describe('Refills recorded; null for months to come'),
      forecast: z
        .number()
        .int()
        .min(0)
        .nullable()
        .describe('Refills forecast from the due dates (this month and the 11 after); null for past months'),
    }),
  ),
});
export type RefillsPerMonthReport = z.infer<typeof refillsPerMonthReportSchema>;

/** 3. Battery replacements forecast over 24 months (this month and the 23 after). */
export const batteryReplacementsReportSchema = z.object({
  ...reportBase,
  overdueNow: z
    .number()
    .int()
    .min(0)
    .describe(
      'Replacements already due (ERI reported, or the recommended date passed): counted in this month',
    ),
  months: z.array(
    z.object({
      month: reportMonthSchema,
      replacements: z.number().int().min(0),
      overdue: z.number().int().min(0).describe('Of which overdue now (only this month)'),
    }),
  ),
});
export type BatteryReplacementsReport = z.infer<typeof batteryReplacementsReportSchema>;

const complianceCounts = {
  patients: z.number().int().min(0).describe('Patients in care with an implanted pump'),
  compliant: z.number().int().min(0).describe('Last review within the review interval as of today'),
  notCompliant: z.number().int().min(0).describe('Reviewed too long ago, or never reviewed'),
  neverReviewed: z.number().int().min(0),
  compliantShare: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .describe('compliant ÷ patients (4 decimals); null for 0'),
};

/** 4. Follow-up compliance, overall and per site. */
export const followUpComplianceReportSchema = z.object({
  ...reportBase,
  reviewIntervalDays: z.number().int().describe('The clinic setting followUp.intervalDays'),
  overall: z.object(complianceCounts),
  bySite: z.array(z.object({ siteId: z.uuid(), siteName: z.string(), ...complianceCounts })),
});
export type FollowUpComplianceReport = z.infer<typeof followUpComplianceReportSchema>;

/** 5. Pumps overdue for a refill at each of the past 12 month-ends and today. */
export const overdueOverTimeReportSchema = z.object({
  ...reportBase,
  points: z.array(
    z.object({
      date: calendarDateSchema,
      kind: z.enum(['month_end', 'today']),
      implantedPumps: z.number().int().min(0).describe('Pumps implanted on that day'),
      overdue: z.number().int().min(0).describe('Of which past the due date of their latest refill'),
      noRefillRecorded: z
        .number()
        .int()
        .min(0)
        .describe('Of which with no refill (with a due date) recorded by then: not judged'),
    }),
  ),
});
export type OverdueOverTimeReport = z.infer<typeof overdueOverTimeReportSchema>;

/** 6. Refills per performing user per month (past 12 full months and this month). */
export const refillsPerClinicianReportSchema = z.object({
  ...reportBase,
  months: z.array(reportMonthSchema).describe('The months of the window, oldest first'),
  rows: z.array(
    z.object({
      userId: z.uuid(),
      name: z.string(),
      role: userRoleSchema,
      month: reportMonthSchema,
      refills: z.number().int().min(1),
    }),
  ),
});
export type RefillsPerClinicianReport = z.infer<typeof refillsPerClinicianReportSchema>;
