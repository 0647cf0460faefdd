import type { SqlExecutor } from './sql.js';
import { StoreError } from './types.js';

export type Migration = { version: number; name: string; statements: readonly string[] };

/**
 * Append-only: a released migration is never edited, a change is a new version. Every statement runs
 * on PostgreSQL and on the embedded store alike.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    statements: [
      `CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        -- Millisecond precision: what a JavaScript Date holds, so a filter round-trips exactly.
        at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
        actor text NOT NULL,
        worker_id text,
        action text NOT NULL,
        method text,
        path text,
        target text,
        status integer NOT NULL,
        request_id text NOT NULL,
        correlation_id text,
        detail jsonb
      )`,
      'CREATE INDEX audit_log_at ON audit_log (at)',
      'CREATE INDEX audit_log_worker_id ON audit_log (worker_id, id DESC)',
      'CREATE INDEX audit_log_actor_id ON audit_log (actor, id DESC)',
      'CREATE INDEX audit_log_correlation ON audit_log (correlation_id) WHERE correlation_id IS NOT NULL',
      `CREATE TABLE workers (
        worker_id text PRIMARY KEY,
        name text NOT NULL,
        url text NOT NULL,
        region text,
        labels jsonb,
        timeout_ms integer,
        api_key_encrypted text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
        updated_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp())
      )`,
      `CREATE TABLE registry_version (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        version bigint NOT NULL
      )`,
      'INSERT INTO registry_version (singleton, version) VALUES (true, 0)',
      `CREATE TABLE users (
        username text PRIMARY KEY,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'operator', 'viewer')),
        scope_workers jsonb,
        scope_labels jsonb,
        sessions_not_before timestamptz,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
        updated_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp())
      )`,
      `CREATE TABLE revoked_sessions (
        sid text PRIMARY KEY,
        expires_at timestamptz NOT NULL
      )`,
      'CREATE INDEX revoked_sessions_expires_at ON revoked_sessions (expires_at)',
    ],
  },
  {
    version: 2,
    name: 'sign-in throttling',
    statements: [
      `CREATE TABLE login_failures (
        username text NOT NULL,
        address text NOT NULL,
        failures integer NOT NULL,
        last_failure_at timestamptz NOT NULL,
        PRIMARY KEY (username, address)
      )`,
      'CREATE INDEX login_failures_last_failure_at ON login_failures (last_failure_at)',
      `CREATE TABLE login_lockouts (
        username text PRIMARY KEY,
        address text NOT NULL,
        failures integer NOT NULL,
        locked_at timestamptz NOT NULL,
        locked_until timestamptz NOT NULL
      )`,
    ],
  },
];

/** Arbitrary constant shared by every replica: only one of them migrates at a time. */
const MIGRATION_LOCK_KEY = 7_311_042_019;

/**
 * Applies the missing migrations in one transaction, under a transaction-scoped advisory lock so that
 * replicas starting together queue up instead of racing; the later ones find nothing left to do.
 * Returns the versions applied.
 */
export async function runMigrations(
  executor: SqlExecutor,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  return executor.transaction(async (transaction) => {
    await transaction.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await transaction.query(
      `CREATE TABLE IF NOT EXISTS cp_schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
    const rows = await transaction.query<{ version: number }>('SELECT version FROM cp_schema_migrations');
    const applied = new Set(rows.map((row) => Number(row.version)));
    const known = Math.max(0, ...migrations.map((migration) => migration.version));
    const newest = Math.max(0, ...applied);
    if (newest > known) {
      throw new StoreError(
        'migration',
        `the store's schema is at version ${newest} but this control plane knows versions up to ${known}; ` +
          'upgrade the control plane (a newer release has written to this store)',
      );
    }
    const done: number[] = [];
    for (const migration of [...migrations].sort((left, right) => left.version - right.version)) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements) await transaction.query(statement);
      await transaction.query('INSERT INTO cp_schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      done.push(migration.version);
    }
    return done;
  });
}
