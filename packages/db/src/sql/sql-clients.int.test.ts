import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createScratchSqlDatabase, type ScratchSqlDatabase } from '../testing/scratch-database.ts';

// Runs against Postgres when TEST_DATABASE_URL is set, else against PGlite: both SqlClients must behave
// the same for the code above them.
describe('SqlClient', () => {
  let db: ScratchSqlDatabase;
  beforeEach(async () => {
    db = await createScratchSqlDatabase();
    await db.sql.exec('CREATE TABLE item (id integer PRIMARY KEY, label text NOT NULL)');
  });
  afterEach(async () => {
    await db.close();
  });

  const labels = async () =>
    (await db.sql.query<{ label: string }>('SELECT label FROM item ORDER BY id')).map((row) => row.label);

  it('passes values as parameters, never as SQL', async () => {
    const hostile = "x'); DROP TABLE item; --";
    await db.sql.query('INSERT INTO item (id, label) VALUES ($1, $2)', [1, hostile]);
    expect(await labels()).toEqual([hostile]);
  });

  it('runs one statement per query and several per exec', async () => {
    await expect(
      db.sql.query("INSERT INTO item VALUES (1, 'a'); INSERT INTO item VALUES (2, 'b')"),
    ).rejects.toThrow();
    await db.sql.exec("INSERT INTO item VALUES (1, 'a'); INSERT INTO item VALUES (2, 'b');");
    expect(await labels()).toEqual(['a', 'b']);
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await db.sql.transaction(async (tx) => {
      await tx.query("INSERT INTO item VALUES (1, 'kept')");
    });
    await expect(
      db.sql.transaction(async (tx) => {
        await tx.query("INSERT INTO item VALUES (2, 'dropped')");
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await labels()).toEqual(['kept']);
  });

  it('nests a transaction as a savepoint', async () => {
    await db.sql.transaction(async (tx) => {
      await tx.query("INSERT INTO item VALUES (1, 'outer')");
      await expect(
        tx.transaction(async (inner) => {
          await inner.query("INSERT INTO item VALUES (2, 'inner')");
          throw new Error('inner abort');
        }),
      ).rejects.toThrow('inner abort');
      await tx.transaction((inner) => inner.query("INSERT INTO item VALUES (3, 'inner kept')"));
    });
    expect(await labels()).toEqual(['outer', 'inner kept']);
  });

  it('keeps session state on the connection withConnection hands out', async () => {
    const seen = await db.sql.withConnection(async (connection) => {
      await connection.query("SELECT set_config('application_name', 'pumpdesk-session-test', false)");
      await connection.transaction((tx) => tx.query("INSERT INTO item VALUES (1, 'in session')"));
      const rows = await connection.query<{ name: string }>('SELECT current_setting($1) AS name', [
        'application_name',
      ]);
      return rows[0]?.name;
    });
    expect(seen).toBe('pumpdesk-session-test');
    expect(await labels()).toEqual(['in session']);
  });
});
