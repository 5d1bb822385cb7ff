import { type FindingDto } from '@pumpdesk/contracts';
import {
  databaseFailureOf,
  DomainConflictError,
  FieldRuleError,
  ForbiddenError,
  IdempotencyKeyInUseError,
  IdempotencyKeyReusedError,
  InvalidCursorError,
  InvalidReferenceError,
  RecordNotFoundError,
  SafetyRefusalError,
  VersionConflictError,
} from '@pumpdesk/db';
import { HttpProblem, notFound, retryLater, safetyRefusal, versionConflict } from './problem.ts';

// The data layer's errors as problems, in one place: use cases throw them, routes let them through,
// and the central error handler asks here first. Null: not one of ours.

/** Titles of the domain conflicts; the code is what clients branch on, the title what people read. */
const CONFLICT_TITLES: Record<string, string> = {
  PUMP_ALREADY_IMPLANTED: 'The patient already has an implanted pump',
  PUMP_NOT_IMPLANTED: 'Pump explanted',
  SERIAL_TAKEN: 'Serial number already on record',
  PATIENT_DECEASED: 'Patient deceased',
  APPOINTMENT_CLOSED: 'Appointment closed',
  OVERLAPPING_APPOINTMENT: 'Overlapping appointment',
  MRN_TAKEN: 'MRN already in use',
  PATIENT_HAS_IMPLANTED_PUMP: 'Has an implanted pump',
};

const findingDto = ({ code, severity, message }: FindingDto): FindingDto => ({ code, severity, message });

/**
 * Not found → 404; a field rule → 400 with every field's path (like a schema error); an unusable
 * reference → 422 INVALID_REFERENCE; the engine's refusal → 422 with its finding codes; a domain
 * conflict → 409 with its code; a stale version → 409 VERSION_CONFLICT; a reused idempotency key →
 * 422 IDEMPOTENCY_KEY_REUSED (422 as in the IETF Idempotency-Key draft: the request conflicts with
 * the one the key was first used for; retrying it cannot succeed); the key's row gone while read →
 * 409 IDEMPOTENCY_KEY_IN_USE with Retry-After; a value out of a column's range that the contracts let
 * through → 400 VALUE_OUT_OF_RANGE; a deadlock, a serialization failure or a transaction timeout →
 * 503 TRY_AGAIN with Retry-After (nothing was written: the same request can simply be sent again).
 */
export function dataLayerProblem(error: unknown): HttpProblem | null {
  // OutOfScopeError is a RecordNotFoundError: a record at another site answers like no record at all.
  if (error instanceof RecordNotFoundError) return notFound(error.message);
  if (error instanceof ForbiddenError) {
    return new HttpProblem(403, 'FORBIDDEN', 'Not allowed for your role', error.message);
  }
  if (error instanceof FieldRuleError) {
    return new HttpProblem(400, 'VALIDATION_FAILED', 'Invalid request', error.message, [...error.errors]);
  }
  if (error instanceof InvalidReferenceError) {
    return new HttpProblem(422, 'INVALID_REFERENCE', 'Unknown reference', error.message, [
      { path: error.path, message: error.fieldMessage, code: 'invalid_reference' },
    ]);
  }
  if (error instanceof DomainConflictError) {
    const errors = error.errors.length > 0 ? [...error.errors] : undefined;
    const title = CONFLICT_TITLES[error.code] ?? 'Conflict';
    return new HttpProblem(409, error.code, title, error.message, errors);
  }
  if (error instanceof SafetyRefusalError) {
    return safetyRefusal(error.blocking.map(findingDto), error.findings.map(findingDto));
  }
  if (error instanceof VersionConflictError) {
    return versionConflict(
      `${error.entity} was changed since you read it (now version ${String(error.currentVersion)}); reload it and apply your change again.`,
    );
  }
  if (error instanceof InvalidCursorError) {
    return new HttpProblem(400, 'VALIDATION_FAILED', 'Invalid request', error.message, [
      { path: 'querystring.cursor', message: error.message, code: 'invalid_cursor' },
    ]);
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return new HttpProblem(422, 'IDEMPOTENCY_KEY_REUSED', 'Idempotency key reused', error.message, [
      { path: 'headers.idempotency-key', message: error.message, code: 'idempotency_key_reused' },
    ]);
  }
  if (error instanceof IdempotencyKeyInUseError) {
    return retryLater(409, 'IDEMPOTENCY_KEY_IN_USE', 'Idempotency key in use', error.message);
  }
  switch (databaseFailureOf(error)) {
    case 'out_of_range':
      return new HttpProblem(
        400,
        'VALUE_OUT_OF_RANGE',
        'Value out of range',
        'A date or number in the request is outside the range the clinical record can hold.',
      );
    case 'retry':
      return retryLater(
        503,
        'TRY_AGAIN',
        'Try again',
        'The request met a concurrent change and was not saved; send it again.',
      );
    case null:
      return null;
  }
}
