import { type Finding } from '@pumpdesk/domain';

// Errors the data layer throws for the API to turn into problems, in one place and one style: the
// API maps each class (not each use case) to a status, so a new write needs no mapping of its own.
// No Prisma type leaves this package: callers test with `instanceof` or `databaseConstraintOf`.
// Every one of them means "nothing was written".

/** One field's broken rule: `path` as the client sent it (body.visitDate), a stable `code`. */
export interface FieldViolation {
  path: string;
  message: string;
  code: string;
}

/** No such record (or a soft-deleted patient). */
export class RecordNotFoundError extends Error {
  override name = 'RecordNotFoundError';
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`No ${entity} with id ${id}.`);
  }
}

/**
 * Fields break rules only the database's context can judge (a date in the future in the site's zone,
 * before the implant, an alarm volume above the model's reservoir): a validation failure like a
 * schema error, with every field's path.
 */
export class FieldRuleError extends Error {
  override name = 'FieldRuleError';
  constructor(readonly errors: readonly FieldViolation[]) {
    super(errors.map((error) => `${error.path}: ${error.message}`).join('; '));
  }

  /** One field's rule. */
  static at(path: string, code: string, message: string): FieldRuleError {
    return new FieldRuleError([{ path, message, code }]);
  }
}

/**
 * The body names something that does not exist or cannot be used there (`path`: body.clinicianId);
 * `fieldMessage` says it from the field's point of view when that reads better than `message`.
 */
export class InvalidReferenceError extends Error {
  override name = 'InvalidReferenceError';
  constructor(
    readonly path: string,
    message: string,
    readonly fieldMessage: string = message,
  ) {
    super(message);
  }
}

/**
 * The record's state forbids the write (PUMP_NOT_IMPLANTED, APPOINTMENT_CLOSED, SERIAL_TAKEN...):
 * `code` is stable for clients to branch on; `errors` name the fields involved, when there are some.
 */
export class DomainConflictError extends Error {
  override name = 'DomainConflictError';
  constructor(
    readonly code: string,
    message: string,
    readonly errors: readonly FieldViolation[] = [],
  ) {
    super(message);
  }
}

/** An explanted pump takes nothing new; `what` says what this write would have added. */
export const pumpNotImplanted = (pumpId: string, what: string): DomainConflictError =>
  new DomainConflictError('PUMP_NOT_IMPLANTED', `Pump ${pumpId} is explanted: it takes no ${what}.`);

/** The engine refused the write (a refusal, or an override-required finding without an override). */
export class SafetyRefusalError extends Error {
  override name = 'SafetyRefusalError';
  constructor(
    readonly blocking: readonly Finding[],
    readonly findings: readonly Finding[],
  ) {
    super(blocking.map((finding) => finding.message).join(' '));
  }
}

/** The row changed since the caller read `expectedVersion` (optimistic concurrency). */
export class VersionConflictError extends Error {
  override name = 'VersionConflictError';
  constructor(
    readonly entity: string,
    readonly currentVersion: number | null,
  ) {
    super(`${entity} was changed by someone else (now at version ${String(currentVersion)})`);
  }
}

export type DatabaseConstraint = 'unique' | 'foreign_key' | 'check' | 'not_null';

// Prisma's codes (P2002...) and Postgres SQLSTATEs (23505...), however deeply the driver adapter wraps
// them: a Prisma query reports P2002, a raw query P2010 with the SQLSTATE inside.
const BY_CODE: Record<string, DatabaseConstraint> = {
  P2002: 'unique',
  P2003: 'foreign_key',
  P2004: 'check',
  P2011: 'not_null',
  '23505': 'unique',
  '23503': 'foreign_key',
  '23514': 'check',
  '23502': 'not_null',
};

/** Which integrity constraint a database error broke, or null when it is not a constraint violation. */
export function databaseConstraintOf(error: unknown): DatabaseConstraint | null {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    const record = current as Record<string, unknown>;
    for (const key of ['code', 'originalCode']) {
      const code = record[key];
      if (typeof code === 'string' && code in BY_CODE) return BY_CODE[code] ?? null;
    }
    if (typeof record['kind'] === 'string') {
      // The driver adapter's own error kinds.
      const kind = record['kind'];
      if (kind === 'UniqueConstraintViolation') return 'unique';
      if (kind === 'ForeignKeyConstraintViolation') return 'foreign_key';
      if (kind === 'NullConstraintViolation') return 'not_null';
    }
    queue.push(record['cause'], record['meta'], record['driverAdapterError']);
  }
  return null;
}
