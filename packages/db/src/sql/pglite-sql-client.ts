import { type PGliteInterface, type Transaction } from '@electric-sql/pglite';
import { runInSavepoint } from './savepoint.ts';
import { type SqlClient } from './sql-client.ts';

/**
 * SqlClient over an embedded PGlite database (a `PGlite` or one of its clones). The caller owns the
 * instance (and closes it).
 */
export function createPgliteSqlClient(pglite: PGliteInterface): SqlClient {
  const session: SqlClient = {
    async query<Row extends Record<string, unknown>>(text: string, params: readonly unknown[] = []) {
      const result = await pglite.query<Row>(text, [...params]);
      return result.rows;
    },
    async exec(script: string) {
      await pglite.exec(script);
    },
    // PGlite runs one transaction at a time and makes other callers wait for it.
    transaction: (work) => pglite.transaction((tx) => work(transactionClient(tx, 1))),
    withConnection: (work) => work(session),
  };
  return {
    ...session,
    withConnection: (work) => takeTurn(pglite, () => work(session)),
  };
}

function transactionClient(tx: Transaction, depth: number): SqlClient {
  const self: SqlClient = {
    async query<Row extends Record<string, unknown>>(text: string, params: readonly unknown[] = []) {
      const result = await tx.query<Row>(text, [...params]);
      return result.rows;
    },
    async exec(script: string) {
      await tx.exec(script);
    },
    transaction: (work) =>
      runInSavepoint(
        (statement) => tx.query(statement),
        depth,
        () => work(transactionClient(tx, depth + 1)),
      ),
    withConnection: (work) => work(self),
  };
  return self;
}

/**
 * PGlite has one connection, shared by everyone holding the instance, so session state such as an
 * advisory lock does not keep two callers apart (a session's own locks never block it). Instead,
 * `withConnection` callers on the same instance queue up here, whichever SqlClient they came through.
 */
const turns = new WeakMap<PGliteInterface, Promise<unknown>>();

function takeTurn<T>(pglite: PGliteInterface, work: () => Promise<T>): Promise<T> {
  const previous = turns.get(pglite) ?? Promise.resolve();
  const mine = previous.then(work);
  turns.set(
    pglite,
    mine.catch(() => undefined),
  );
  return mine;
}
