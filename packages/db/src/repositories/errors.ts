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
  /** Set when auditing the refusal failed (auditRefusal): the API logs it, the client still gets the 422. */
  auditFailure: unknown = null;
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

/**
 * A database failure that is not the client's fault to fix by changing references: a value outside a
 * column's range (22003 numeric, 22008 date/time) that a contract let through, or a transaction that
 * lost a race and can simply be retried (40P01 deadlock, 40001 serialization, a Prisma transaction
 * timeout P2028). The API answers 400 for the first and 503 with Retry-After for the second.
 */
export type DatabaseFailure = 'out_of_range' | 'retry';

const FAILURE_BY_CODE: Record<string, DatabaseFailure> = {
  '22003': 'out_of_range',
  '22008': 'out_of_range',
  P2020: 'out_of_range',
  '40001': 'retry',
  '40P01': 'retry',
  P2034: 'retry',
  P2028: 'retry',
};

// The driver adapter's own kinds for the same SQLSTATEs.
const FAILURE_BY_KIND: Record<string, DatabaseFailure> = {
  ValueOutOfRange: 'out_of_range',
  TransactionWriteConflict: 'retry',
};

const CONSTRAINT_BY_KIND: Record<string, DatabaseConstraint> = {
  UniqueConstraintViolation: 'unique',
  ForeignKeyConstraintViolation: 'foreign_key',
  NullConstraintViolation: 'not_null',
};

/**
 * The first value `pick` finds along the error's chain (the error, its cause, meta and driver adapter
 * error, however deeply nested), looking at each object's `code`, `originalCode` and `kind`.
 */
function findInErrorChain<T>(error: unknown, byCode: Record<string, T>, byKind: Record<string, T>): T | null {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    const record = current as Record<string, unknown>;
    for (const key of ['code', 'originalCode']) {
      const code = record[key];
      if (typeof code === 'string' && Object.hasOwn(byCode, code)) return byCode[code] ?? null;
    }
    const kind = record['kind'];
    if (typeof kind === 'string' && Object.hasOwn(byKind, kind)) return byKind[kind] ?? null;
    queue.push(record['cause'], record['meta'], record['driverAdapterError']);
  }
  return null;
}

/** Which integrity constraint a database error broke, or null when it is not a constraint violation. */
export function databaseConstraintOf(error: unknown): DatabaseConstraint | null {
  return findInErrorChain(error, BY_CODE, CONSTRAINT_BY_KIND);
}

/** A value out of range or a retryable transaction failure (see DatabaseFailure), else null. */
export function databaseFailureOf(error: unknown): DatabaseFailure | null {
  return findInErrorChain(error, FAILURE_BY_CODE, FAILURE_BY_KIND);
}
