import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * `insert into <table> (...) select ... from json_to_recordset($1)`: many rows as one JSON
 * parameter. drizzle's `values()` binds one placeholder per value, and for thousands of rows
 * building and binding those costs several times the insert itself (seeds, batches of events).
 * Rows are keyed like the table's columns in TypeScript and all have the keys of the first one;
 * dates travel as ISO strings. Append `on conflict ...` or `returning ...` and run with `execute`.
 */
export function jsonInsert<TTable extends PgTable>(table: TTable, rows: readonly Partial<TTable['$inferInsert']>[]): SQL {
  const first = rows[0];
  if (!first) throw new Error('jsonInsert needs at least one row');
  const columns = getTableColumns(table);
  const keys = Object.keys(first).filter((key) => key in columns);
  const names = keys.map((key) => columns[key]!.name);
  const records = JSON.stringify(
    rows.map((row) => Object.fromEntries(keys.map((key, index) => [names[index], (row as Record<string, unknown>)[key] ?? null]))),
  );
  const list = sql.join(
    names.map((name) => sql.identifier(name)),
    sql`, `,
  );
  const definitions = sql.join(
    keys.map((key) => sql`${sql.identifier(columns[key]!.name)} ${sql.raw(columns[key]!.getSQLType())}`),
    sql`, `,
  );
  return sql`insert into ${table} (${list}) select ${list} from json_to_recordset(${records}::json) as rows(${definitions})`;
}
