import { z } from 'zod';

// A finding of the scheduling and safety engine (packages/domain findings.ts) as the API shows it:
// in a patient's assessment, a preview, a stored refill, and a refusal's problem response.

export const findingSeveritySchema = z.enum(['refusal', 'override_required', 'critical', 'warning', 'info']);

export const findingSchema = z.object({
  code: z.string().describe('Domain code, e.g. PAST_ALARM, NO_APPOINTMENT_BY_DUE_DATE'),
  severity: findingSeveritySchema,
  message: z.string().describe('One sentence with the dates and numbers behind it'),
});
export type FindingDto = z.infer<typeof findingSchema>;
