export type MigrationProblemCode =
  /** A row Prisma left unfinished and not rolled back: a migration failed half-way on a connected machine. */
  | 'FAILED_MIGRATION'
  /** An applied migration's migration.sql no longer has the checksum recorded when it was applied. */
  | 'CHECKSUM_MISMATCH'
  /** The database has a migration this build's folder does not. */
  | 'MISSING_FROM_FOLDER'
  /** Tables but no migration history: not a database our migrations built (Prisma's P3005). */
  | 'DATABASE_NOT_EMPTY';

/** Why the migration history and the folder cannot be reconciled without a person. */
export interface MigrationProblem {
  readonly code: MigrationProblemCode;
  /** The migration concerned; null for problems of the whole database. */
  readonly migrationName: string | null;
  readonly message: string;
}

export type MigrationErrorCode =
  /** The history has problems; nothing was applied. */
  | 'HISTORY_CONFLICT'
  /** A migration's SQL failed; it was rolled back, the ones before it stay applied. */
  | 'MIGRATION_FAILED'
  /** Another process kept the migration lock for too long. */
  | 'LOCK_TIMEOUT';

export class MigrationError extends Error {
  override name = 'MigrationError';
  readonly code: MigrationErrorCode;
  /** The migration that failed (MIGRATION_FAILED). */
  readonly migrationName: string | null;
  readonly problems: readonly MigrationProblem[];

  constructor(
    code: MigrationErrorCode,
    message: string,
    details: { migrationName?: string; problems?: readonly MigrationProblem[]; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
    this.code = code;
    this.migrationName = details.migrationName ?? null;
    this.problems = details.problems ?? [];
  }
}
