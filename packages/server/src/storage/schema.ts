import { type ColumnType, type Generated, type RawBuilder, sql } from 'kysely';
import type { AuditRecord } from './audit-export.js';

/** The two SQL dialects the store speaks; everything that differs between them is in this file. */
export type StoreDialect = 'postgres' | 'sqlite';

/** PostgreSQL returns `timestamptz` as a Date, SQLite keeps ISO 8601 text; both accept ISO text. */
type Timestamp = ColumnType<Date | string, string | undefined, string>;
/** JSON goes in as text; PostgreSQL returns `jsonb` parsed, SQLite returns the text. */
type Json = ColumnType<unknown, string | null | undefined, string | null>;

export type Tables = {
  /** The columns of an audit record, with the database's types for the generated id, time and JSON. */
  audit_log: Omit<AuditRecord, 'id' | 'at' | 'detail'> & {
    /** bigserial (a string from `pg`) or an INTEGER rowid (a number from node:sqlite). */
    id: Generated<string | number>;
    at: Generated<Date | string>;
    detail: Json;
  };
  workers: {
    worker_id: string;
    name: string;
    url: string;
    region: string | null;
    labels: Json;
    timeout_ms: number | null;
    api_key_encrypted: string | null;
    created_by: string;
    created_at: Generated<Date | string>;
    updated_at: Timestamp;
  };
  registry_version: { singleton: boolean; version: ColumnType<string | number, number, never> };
  users: {
    username: string;
    password_hash: string;
    role: string;
    scope_workers: Json;
    scope_labels: Json;
    sessions_not_before: ColumnType<Date | string | null, string | null | undefined, string | null>;
    created_at: Generated<Date | string>;
    updated_at: Timestamp;
  };
  revoked_sessions: { sid: string; expires_at: Timestamp };
  login_failures: { username: string; address: string; failures: number; last_failure_at: Timestamp };
  login_lockouts: {
    username: string;
    address: string;
    failures: number;
    locked_at: Timestamp;
    locked_until: Timestamp;
  };
  cp_schema_migrations: { version: number; name: string; applied_at: Generated<Date | string> };
};

/** Column types and expressions that are spelled differently in the two dialects. */
export type DialectSql = {
  readonly dialect: StoreDialect;
  /** Auto-incrementing primary key type. */
  readonly serialKey: 'bigserial' | 'integer';
  readonly timestamp: 'timestamptz' | 'text';
  readonly json: 'jsonb' | 'text';
  /** The current time at millisecond precision, in the form the timestamp columns hold. */
  now(): RawBuilder<string>;
  /** The later of two timestamp columns (`greatest` in PostgreSQL, scalar `max` in SQLite). */
  greatest(leftColumn: string, rightColumn: string): RawBuilder<string>;
};

export function dialectSql(dialect: StoreDialect): DialectSql {
  if (dialect === 'postgres') {
    return {
      dialect,
      serialKey: 'bigserial',
      timestamp: 'timestamptz',
      json: 'jsonb',
      now: () => sql<string>`date_trunc('milliseconds', clock_timestamp())`,
      greatest: (left, right) => sql<string>`greatest(${sql.ref(left)}, ${sql.ref(right)})`,
    };
  }
  return {
    dialect,
    serialKey: 'integer',
    timestamp: 'text',
    json: 'text',
    // The same ISO 8601 form as Date#toISOString, so text comparison orders instants correctly.
    now: () => sql<string>`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
    greatest: (left, right) => sql<string>`max(${sql.ref(left)}, ${sql.ref(right)})`,
  };
}
