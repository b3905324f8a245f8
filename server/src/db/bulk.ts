import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/** A column of a bulk write: its name, its PostgreSQL type, and how to read it off a row. */
export type BulkColumn<R> = [name: string, type: 'bigint' | 'int' | 'smallint' | 'text' | 'jsonb' | 'timestamptz' | 'date', value: (row: R) => unknown];

const driverValue = (value: unknown, type: BulkColumn<unknown>[1]) => {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return type === 'jsonb' ? JSON.stringify(value) : value;
};

/**
 * `(a, b, c)` and `SELECT * FROM unnest($1::t[], $2::t[], $3::t[])` for `INSERT INTO t (a, b, c) SELECT ...`:
 * one parameter per column whatever the number of rows. A batch of hundreds of rows is built and sent
 * in microseconds, where a VALUES list of hundreds of rows costs the ORM (and the wire) far more.
 */
export function bulkRows<R>(rows: R[], columns: BulkColumn<R>[]): { names: SQL; select: SQL } {
  const names = sql.raw(`(${columns.map(([name]) => name).join(', ')})`);
  const arrays = columns.map(([, type, value]) => sql`${sql.param(rows.map((row) => driverValue(value(row), type)))}::${sql.raw(type)}[]`);
  return { names, select: sql`SELECT * FROM unnest(${sql.join(arrays, sql`, `)})` };
}

/** `column = ANY($1::bigint[])`: one parameter for a list of ids, where inArray sends one per id. */
export const anyId = (column: AnyColumn, ids: number[]): SQL => sql`${column} = ANY(${sql.param(ids)}::bigint[])`;
