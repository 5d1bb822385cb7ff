/**
 * The smallest SQL surface the database layer needs below Prisma: the migration runner, the drift check,
 * the health check and test set-up use it. Implemented once for node-postgres and once for PGlite, so
 * those pieces run the same code against a real Postgres and the embedded one.
 *
 * Always pass values as `params` ($1, $2, ...): never build SQL from input.
 */
export interface SqlClient {
  /** One statement, parameterised; returns its rows. */
  query<Row extends Record<string, unknown> = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
  ): Promise<Row[]>;
  /** A script of several statements, no parameters (migration files). */
  exec(script: string): Promise<void>;
  /**
   * Runs `work` in one transaction on one connection: commit when it resolves, roll back when it throws.
   * Called again inside a transaction, it uses a savepoint.
   */
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
  /**
   * Runs `work` with exclusive use of one connection, so that session state (the migration runner's
   * advisory lock) stays with the statements that rely on it; its transactions use that connection too.
   * A pool hands out one of its connections; PGlite has a single connection, so callers take turns.
   */
  withConnection<T>(work: (connection: SqlClient) => Promise<T>): Promise<T>;
}
