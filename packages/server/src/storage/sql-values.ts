import { StoreError } from './types.js';

/** A row as a driver returns it: PostgreSQL and SQLite differ in how they type timestamps, ids and JSON. */
export type Row = Record<string, unknown>;

/** Runs one store operation, turning a driver failure into a StoreError (see `createSqlStore`). */
export type StoreRun = <T>(operation: () => Promise<T>) => Promise<T>;

/** A Date or ISO 8601 text as the ISO text the timestamp columns hold; anything else is `invalid`. */
export function toTimestamp(value: string | Date, name: string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new StoreError('invalid', `${name} must be an ISO 8601 date or timestamp`);
  }
  return date.toISOString();
}

export function jsonOrNull(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

export function isoString(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return new Date(String(value)).toISOString();
}

function jsonValue(value: unknown): unknown {
  // Both drivers parse jsonb already; a string here is JSON text from a driver configured otherwise.
  if (typeof value === 'string') {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value ?? null;
}

type ColumnKind = 'plain' | 'json' | 'timestamp';

/** How a column is read back: `?` marks a nullable column. */
type ReadKind = 'text' | 'text?' | 'number' | 'number?' | 'timestamp' | 'timestamp?' | 'json';

function readValue(value: unknown, kind: ReadKind): unknown {
  if (kind.endsWith('?') && (value === null || value === undefined)) return null;
  if (kind.startsWith('timestamp')) return isoString(value);
  if (kind === 'json') return jsonValue(value);
  return kind.startsWith('number') ? Number(value) : String(value);
}

/**
 * A row decoded field by field, the read side of `changes`: each field names its kind, or its column
 * and kind where the field is named otherwise than the column.
 */
export function readRow<T>(row: Row, fields: Record<keyof T, ReadKind | readonly [string, ReadKind]>): T {
  const result: Record<string, unknown> = {};
  for (const [field, spec] of Object.entries<ReadKind | readonly [string, ReadKind]>(fields)) {
    const [column, kind] = typeof spec === 'string' ? [field, spec] : spec;
    result[field] = readValue(row[column], kind);
  }
  return result as T;
}

/** The columns a patch sets, encoded for the database; `undefined` fields are left out. */
export function changes(
  patch: Record<string, unknown>,
  columns: Record<string, ColumnKind>,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [column, kind] of Object.entries(columns)) {
    if (!Object.hasOwn(patch, column) || patch[column] === undefined) continue;
    const value = patch[column];
    if (kind === 'json') result[column] = jsonOrNull(value);
    else if (kind === 'timestamp')
      result[column] = value === null ? null : toTimestamp(value as string, column);
    else result[column] = value;
  }
  return result;
}
