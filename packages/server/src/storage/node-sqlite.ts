import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { type SqliteDatabase, SqliteDialect, type SqliteStatement } from 'kysely';

/** Prepared statements kept per distinct SQL text; the store issues a few dozen distinct ones. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely's SQLite dialect over Node's built-in `node:sqlite`. Kysely serialises every query on the
 * one connection (its SQLite adapter declares a single connection), so a transaction never sees a
 * statement of another request in between.
 */
export function nodeSqliteDialect(database: DatabaseSync): SqliteDialect {
  return new SqliteDialect({ database: nodeSqliteDatabase(database) });
}

function nodeSqliteDatabase(database: DatabaseSync): SqliteDatabase {
  // Preparing parses the SQL; the same few statements run on every request, so reuse them.
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => {
      statements.clear();
      if (database.isOpen) database.close();
    },
    prepare(sql) {
      const cached = statements.get(sql);
      if (cached !== undefined) return cached;
      const statement = wrapStatement(database.prepare(sql), sql);
      if (statements.size >= STATEMENT_CACHE_SIZE) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}

function wrapStatement(statement: StatementSync, sql: string): SqliteStatement {
  return {
    reader: returnsRows(statement, sql),
    all: (parameters) => statement.all(...bindable(parameters)),
    run: (parameters) => statement.run(...bindable(parameters)),
    iterate: (parameters) => statement.iterate(...bindable(parameters)),
  };
}

function returnsRows(statement: StatementSync, sql: string): boolean {
  // `columns()` exists from Node 22.16; before that, tell from the statement's text.
  if (typeof statement.columns === 'function') return statement.columns().length > 0;
  return /^\s*(select|with|pragma|values)\b/i.test(sql) || /\breturning\b/i.test(sql);
}

type Bindable = null | number | bigint | string | NodeJS.ArrayBufferView;

/** node:sqlite binds numbers, bigints, strings, buffers and null only. */
function bindable(parameters: ReadonlyArray<unknown>): Bindable[] {
  return parameters.map((value) => {
    if (value === undefined || value === null) return null;
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (value instanceof Date) return value.toISOString();
    return value as Bindable;
  });
}
