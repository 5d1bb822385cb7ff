import { type SqlClient } from '../sql/sql-client.ts';

/**
 * The structure of the current schema that Prisma's datamodel can describe, as comparable facts:
 * `key → description` (e.g. `column "patient"."mrn"` → `text NOT NULL`). The drift check compares the
 * catalog the migrations build with the one the schema snapshot builds.
 *
 * Left out on purpose: CHECK constraints, triggers and functions (Prisma cannot express them, so
 * migrations add them by hand), NOT NULL constraint rows (Postgres 18 lists them in pg_constraint; the
 * column's nullability already covers them), column order, and `_prisma_migrations`.
 */
export type Catalog = ReadonlyMap<string, string>;

const IN_SCOPE = `n.nspname = current_schema() AND c.relname <> '_prisma_migrations'`;

export async function readCatalog(sql: SqlClient): Promise<Catalog> {
  const facts = new Map<string, string>();
  const parts = await Promise.all([readColumns(sql), readConstraints(sql), readIndexes(sql), readEnums(sql)]);
  for (const [key, description] of parts.flat()) facts.set(key, description);
  return facts;
}

type Fact = readonly [string, string];

async function readColumns(sql: SqlClient): Promise<Fact[]> {
  const rows = await sql.query<{
    table: string;
    column: string;
    type: string;
    notNull: boolean;
    default: string | null;
    identity: string;
    generated: string;
  }>(
    `SELECT c.relname AS "table", a.attname AS "column", format_type(a.atttypid, a.atttypmod) AS "type",
            a.attnotnull AS "notNull", pg_get_expr(d.adbin, d.adrelid) AS "default",
            a.attidentity::text AS "identity", a.attgenerated::text AS "generated"
     FROM pg_catalog.pg_attribute a
     JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE ${IN_SCOPE} AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped`,
  );
  const tables = new Set(rows.map((row) => row.table));
  return [
    ...[...tables].map((table): Fact => [`table "${table}"`, 'exists']),
    ...rows.map((row): Fact => [`column "${row.table}"."${row.column}"`, describeColumn(row)]),
  ];
}

function describeColumn(column: {
  type: string;
  notNull: boolean;
  default: string | null;
  identity: string;
  generated: string;
}): string {
  const parts = [column.type];
  if (column.notNull) parts.push('NOT NULL');
  if (column.default !== null) parts.push(`DEFAULT ${normaliseDefault(column.default)}`);
  if (column.identity !== '') parts.push(`IDENTITY ${column.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT'}`);
  if (column.generated !== '') parts.push('GENERATED');
  return parts.join(' ');
}

/**
 * A serial column's default names its sequence, and a table renamed by hand keeps the old sequence name;
 * Prisma sees both as autoincrement(), and so do we.
 */
function normaliseDefault(expression: string): string {
  return /^nextval\('.*'::regclass\)$/.test(expression) ? 'autoincrement()' : expression;
}

async function readConstraints(sql: SqlClient): Promise<Fact[]> {
  const rows = await sql.query<{ table: string; name: string; type: string; definition: string }>(
    `SELECT c.relname AS "table", con.conname AS "name", con.contype::text AS "type",
            pg_get_constraintdef(con.oid) AS "definition"
     FROM pg_catalog.pg_constraint con
     JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE ${IN_SCOPE} AND con.contype IN ('p', 'u', 'f', 'x')`,
  );
  const kinds: Record<string, string> = {
    p: 'primary key',
    u: 'unique constraint',
    f: 'foreign key',
    x: 'exclusion',
  };
  return rows.map((row): Fact => [
    `${kinds[row.type] ?? row.type} "${row.table}"."${row.name}"`,
    row.definition,
  ]);
}

/** Indexes other than those behind a primary key, unique or exclusion constraint (compared above). */
async function readIndexes(sql: SqlClient): Promise<Fact[]> {
  const rows = await sql.query<{ table: string; name: string; definition: string }>(
    `SELECT c.relname AS "table", i.relname AS "name", pg_get_indexdef(ix.indexrelid) AS "definition"
     FROM pg_catalog.pg_index ix
     JOIN pg_catalog.pg_class i ON i.oid = ix.indexrelid
     JOIN pg_catalog.pg_class c ON c.oid = ix.indrelid
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE ${IN_SCOPE} AND NOT EXISTS (
       SELECT 1 FROM pg_catalog.pg_constraint con
       WHERE con.conindid = ix.indexrelid AND con.conrelid = ix.indrelid AND con.contype IN ('p', 'u', 'x')
     )`,
  );
  return rows.map((row): Fact => [`index "${row.table}"."${row.name}"`, row.definition]);
}

/**
 * Values are compared as a set: a value added to the middle of a Prisma enum is appended by
 * `ALTER TYPE ... ADD VALUE`, while a fresh CREATE TYPE lists it in place, and Prisma ignores the order.
 */
async function readEnums(sql: SqlClient): Promise<Fact[]> {
  const rows = await sql.query<{ name: string; labels: string[] }>(
    `SELECT t.typname AS "name", array_agg(e.enumlabel::text ORDER BY e.enumlabel) AS "labels"
     FROM pg_catalog.pg_type t
     JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid
     JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = current_schema()
     GROUP BY t.typname`,
  );
  return rows.map((row): Fact => [`enum "${row.name}"`, row.labels.join(', ')]);
}

/** Human-readable differences, sorted; empty when the catalogs agree. */
export function diffCatalogs(fromMigrations: Catalog, fromSnapshot: Catalog): string[] {
  const keys = [...new Set([...fromMigrations.keys(), ...fromSnapshot.keys()])].sort();
  return keys.flatMap((key) => {
    const built = fromMigrations.get(key);
    const described = fromSnapshot.get(key);
    if (built === described) return [];
    if (described === undefined)
      return [`${key} (${String(built)}) is created by the migrations but not in the schema`];
    if (built === undefined)
      return [`${key} (${described}) is in the schema but the migrations do not create it`];
    return [`${key} is "${built}" after the migrations but "${described}" in the schema`];
  });
}
