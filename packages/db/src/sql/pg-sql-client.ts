import { type Pool, type PoolClient, type QueryConfig } from 'pg';
import { runInSavepoint } from './savepoint.ts';
import { type SqlClient } from './sql-client.ts';

/**
 * SqlClient over a node-postgres pool. The caller owns the pool (and ends it); this only borrows
 * connections from it.
 */
export function createPgSqlClient(pool: Pool): SqlClient {
  return {
    async query<Row extends Record<string, unknown>>(text: string, params: readonly unknown[] = []) {
      const result = await pool.query<Row>(singleStatement(text, params));
      return result.rows;
    },
    async exec(script: string) {
      // Without values node-postgres uses the simple query protocol, which accepts several statements.
      await pool.query(script);
    },
    transaction: (work) => withPoolClient(pool, (client) => connectionClient(client, 0).transaction(work)),
    withConnection: (work) => withPoolClient(pool, (client) => work(connectionClient(client, 0))),
  };
}

/**
 * Forces the extended protocol even without params: node-postgres would otherwise send a parameterless
 * query with the simple protocol, which runs several statements. `query` means one statement, as on PGlite.
 */
function singleStatement(text: string, params: readonly unknown[]): QueryConfig {
  const config: QueryConfig & { queryMode: 'extended' } = {
    text,
    values: [...params],
    queryMode: 'extended',
  };
  return config;
}

/**
 * Borrows one connection for `work`. When `work` fails the connection is destroyed instead of returned:
 * it may still hold session state (an open transaction, an advisory lock) that must not leak to the next
 * borrower.
 */
async function withPoolClient<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let failed = false;
  try {
    return await work(client);
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    client.release(failed);
  }
}

/** A SqlClient bound to one connection; `depth` counts the transactions open on it. */
function connectionClient(client: PoolClient, depth: number): SqlClient {
  const self: SqlClient = {
    async query<Row extends Record<string, unknown>>(text: string, params: readonly unknown[] = []) {
      const result = await client.query<Row>(singleStatement(text, params));
      return result.rows;
    },
    async exec(script: string) {
      await client.query(script);
    },
    async transaction(work) {
      const inner = connectionClient(client, depth + 1);
      if (depth > 0)
        return runInSavepoint(
          (statement) => client.query(statement),
          depth,
          () => work(inner),
        );
      await client.query('BEGIN');
      let result;
      try {
        result = await work(inner);
      } catch (error) {
        // Report the failure that matters; if even ROLLBACK fails the connection is broken and
        // withPoolClient destroys it.
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      await client.query('COMMIT');
      return result;
    },
    // Already on one connection: nesting keeps it.
    withConnection: (work) => work(self),
  };
  return self;
}
