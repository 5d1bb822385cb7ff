// Errors the data layer throws for the API to turn into problems. No Prisma type leaves this package:
// callers test with `instanceof` or `databaseConstraintOf`.

/** The row changed since the caller read `expectedVersion` (optimistic concurrency): nothing written. */
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
