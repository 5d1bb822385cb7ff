/**
 * A transaction inside a transaction, for both SqlClient implementations: Postgres has no nested BEGIN,
 * so the inner one is a savepoint that is released on success and rolled back to on failure, leaving the
 * outer transaction usable.
 *
 * `depth` makes the name unique per nesting level; it is a number we generate, never input.
 */
export async function runInSavepoint<T>(
  run: (statement: string) => Promise<unknown>,
  depth: number,
  work: () => Promise<T>,
): Promise<T> {
  const name = `pumpdesk_savepoint_${String(depth)}`;
  await run(`SAVEPOINT ${name}`);
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await run(`ROLLBACK TO SAVEPOINT ${name}`);
    throw error;
  }
  await run(`RELEASE SAVEPOINT ${name}`);
  return result;
}
