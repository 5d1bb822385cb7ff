import { z } from 'zod';
import { findingSchema } from './findings.ts';
import { patientRecordSchema } from './patient-record.ts';
import { calendarDateSchema, instantSchema } from './primitives.ts';

// GET /api/patients/:id — one patient with the current pump, the program in force, the last refill and
// everything the scheduling engine computes for today, each status with the sentence that explains it.

export const urgencySchema = z.enum(['critical', 'unknown', 'overdue', 'due_soon', 'upcoming', 'ok']);

export const doseProgramSummarySchema = z.object({
  id: z.uuid(),
  effectiveFrom: instantSchema,
  mode: z.enum(['simple_continuous', 'flex', 'periodic_bolus']),
  concentrationMcgPerMl: z.number(),
  dailyDoseMcg: z.number().describe('The most the program delivers in any 24 hours (domain dailyDose)'),
  reason: z.string(),
});

export const refillSummarySchema = z.object({
  id: z.uuid(),
  performedAt: instantSchema,
  location: z.enum(['clinic', 'home']),
  concentrationMcgPerMl: z.number(),
  volumeFilledMl: z.number(),
  reservoirVolumeAfterMl: z.number(),
});

export const refillAssessmentSchema = z.object({
  status: urgencySchema,
  message: z.string(),
  refillDate: calendarDateSchema.nullable(),
  alarmAt: instantSchema.nullable(),
  emptyAt: instantSchema.nullable(),
  alarmDate: calendarDateSchema.nullable(),
  emptyDate: calendarDateSchema.nullable(),
  dueDate: calendarDateSchema.nullable(),
  dueDateBoundBy: z.enum(['alarm_margin', 'drug_stability', 'max_interval']).nullable(),
  marginDays: z.number().int().nullable(),
  volumeNowMl: z.number().nullable(),
  daysUntilDue: z.number().int().nullable(),
  nextBookedRefill: calendarDateSchema.nullable(),
});

export const batteryAssessmentSchema = z.object({
  status: z.enum(['ok', 'approaching', 'in_window', 'replacement_overdue', 'eri_reported']),
  message: z.string(),
  windowStart: calendarDateSchema,
  recommendedReplacement: calendarDateSchema,
  estimatedEnd: calendarDateSchema,
  endOfService: calendarDateSchema.nullable(),
  pastEstimatedEnd: z.boolean(),
});

export const followUpAssessmentSchema = z.object({
  status: z.enum(['ok', 'due_soon', 'overdue', 'never_reviewed']),
  message: z.string(),
  lastReview: calendarDateSchema.nullable(),
  nextReviewDue: calendarDateSchema,
  daysUntilDue: z.number().int(),
});

/** The stored record (patient-record.ts) with what the engine says about it today. */
export const patientDetailSchema = patientRecordSchema.extend({
  risk: z.object({
    highRisk: z.boolean(),
    reasons: z.array(z.enum(['flagged', 'injury_at_or_above_t6', 'cannot_communicate'])),
    message: z.string().nullable(),
  }),
  currentPump: z
    .object({
      id: z.uuid(),
      manufacturer: z.string(),
      model: z.string(),
      reservoirMl: z.number(),
      serialNumber: z.string(),
      implantDate: calendarDateSchema,
      alarmVolumeMl: z.number().describe("The pump's override, else the model's default"),
      eriReportedDate: calendarDateSchema.nullable(),
      programInForce: doseProgramSummarySchema.nullable(),
      lastRefill: refillSummarySchema.nullable(),
    })
    .nullable(),
  assessment: z.object({
    today: calendarDateSchema.describe("Today in the site's time zone"),
    urgency: urgencySchema,
    refill: refillAssessmentSchema.nullable(),
    battery: batteryAssessmentSchema.nullable(),
    followUp: followUpAssessmentSchema.nullable(),
    findings: z.array(findingSchema).describe('Most serious first'),
  }),
});
export type PatientDetail = z.infer<typeof patientDetailSchema>;

export const patientIdParamsSchema = z.object({ id: z.uuid() });
