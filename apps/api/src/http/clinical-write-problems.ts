import {
  AppointmentClosedError,
  FieldRuleError,
  InvalidCursorError,
  InvalidReferenceError,
  OverlappingAppointmentError,
  RecordNotFoundError,
} from '@pumpdesk/db';
import { HttpProblem, invalidReference, notFound } from './problem.ts';

/**
 * The visit, trial and appointment use cases' errors as problems: a field rule → 400 with its path
 * (like a schema error), an unusable reference → 422, a closed or double-booked appointment → 409.
 * Anything else (null here) goes on to the central error handler (a stale version → 409 VERSION_CONFLICT).
 */
export function clinicalWriteProblem(error: unknown): HttpProblem | null {
  if (error instanceof RecordNotFoundError) return notFound(error.message);
  if (error instanceof FieldRuleError) {
    return new HttpProblem(400, 'VALIDATION_FAILED', 'Invalid request', `${error.path}: ${error.message}`, [
      { path: error.path, message: error.message, code: error.code },
    ]);
  }
  if (error instanceof InvalidReferenceError) return invalidReference(error.path, error.message);
  if (error instanceof InvalidCursorError) {
    return new HttpProblem(400, 'VALIDATION_FAILED', 'Invalid request', error.message, [
      { path: 'querystring.cursor', message: error.message, code: 'invalid_cursor' },
    ]);
  }
  if (error instanceof AppointmentClosedError) {
    return new HttpProblem(409, 'APPOINTMENT_CLOSED', 'Appointment closed', error.message);
  }
  if (error instanceof OverlappingAppointmentError) {
    return new HttpProblem(409, 'OVERLAPPING_APPOINTMENT', 'Overlapping appointment', error.message);
  }
  return null;
}

/** Runs a use case, turning its errors into problems. */
export async function withClinicalProblems<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw clinicalWriteProblem(error) ?? error;
  }
}
