// Hot paths (ingestion) talk to @libsql/client directly: Drizzle's query builder costs tens of
// microseconds per row, more than SQLite's insert itself. These helpers keep that SQL in one place.
import type { InStatement, InValue } from '@libsql/client';
import type { SQL } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';

const dialect = new SQLiteAsyncDialect();

/** A Drizzle `sql` fragment as a libSQL statement, for code that holds a raw transaction. */
export function toStatement(query: SQL): InStatement {
  const { sql, params } = dialect.sqlToQuery(query);
  return { sql, args: params as InValue[] };
}

const multiRowCache = new Map<string, string>();

/**
 * `INSERT INTO table (cols) VALUES (?,..),(?,..)` for `rows` rows, cached by shape, so SQLite's
 * statement cache sees the same text again. `suffix` adds ON CONFLICT / RETURNING clauses.
 */
export function multiRowInsert(table: string, columns: readonly string[], rows: number, suffix = ''): string {
  const key = `${table}|${columns.join(',')}|${rows}|${suffix}`;
  let text = multiRowCache.get(key);
  if (!text) {
    const tuple = `(${columns.map(() => '?').join(',')})`;
    text = `INSERT INTO ${table} (${columns.join(',')}) VALUES ${Array(rows).fill(tuple).join(',')}${suffix ? ` ${suffix}` : ''}`;
    if (multiRowCache.size > 2000) multiRowCache.clear();
    multiRowCache.set(key, text);
  }
  return text;
}

/** `?,?,?` for an IN list of n values. */
export function placeholders(n: number): string {
  return n === 0 ? 'NULL' : Array(n).fill('?').join(',');
}
