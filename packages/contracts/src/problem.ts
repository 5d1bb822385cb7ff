import { z } from 'zod';
import { findingSchema } from './findings.ts';

/** One invalid field: where it is (JSON path from the request part) and the rule it broke. */
export const fieldErrorSchema = z.object({
  path: z.string().meta({ example: 'query.limit' }),
  message: z.string(),
  code: z.string(),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

/**
 * Every error the API returns: RFC 9457 problem details (`application/problem+json`). `code` is a
 * stable machine-readable code (VALIDATION_FAILED, NOT_FOUND, CONCENTRATION_MISMATCH...).
 */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  code: z.string(),
  requestId: z.string().optional(),
  errors: z.array(fieldErrorSchema).optional(),
  /** A safety refusal: the engine's findings that refused the write (code, severity, sentence). */
  findings: z.array(findingSchema).optional(),
});
export type Problem = z.infer<typeof problemSchema>;
