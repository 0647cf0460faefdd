import { type Kysely, sql, type Transaction } from 'kysely';
import { type DialectSql, dialectSql, type StoreDialect, type Tables } from './schema.js';
import { StoreError } from './types.js';

// Migrations create tables that the typed schema does not know yet.
// biome-ignore lint/suspicious/noExplicitAny: the schema builder works on untyped tables
type AnyDatabase = Kysely<any>;

export type Migration = {
  version: number;
  name: string;
  /** Runs inside the migration transaction; `sql` spells what differs between the dialects. */
  up(db: AnyDatabase, dialect: DialectSql): Promise<void>;
};

/**
 * Append-only: a released migration is never edited, a change is a new version. One definition
 * serves both dialects; on PostgreSQL version 1 creates exactly the schema earlier releases created.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    async up(db, d) {
      const now = d.now();
      await db.schema
        .createTable('audit_log')
        .addColumn('id', d.serialKey, (column) =>
          d.dialect === 'sqlite' ? column.primaryKey().autoIncrement() : column.primaryKey(),
        )
        // Millisecond precision: what a JavaScript Date holds, so a filter round-trips exactly.
        .addColumn('at', d.timestamp, (column) => column.notNull().defaultTo(now))
        .addColumn('actor', 'text', (column) => column.notNull())
        .addColumn('worker_id', 'text')
        .addColumn('action', 'text', (column) => column.notNull())
        .addColumn('method', 'text')
        .addColumn('path', 'text')
        .addColumn('target', 'text')
        .addColumn('status', 'integer', (column) => column.notNull())
        .addColumn('request_id', 'text', (column) => column.notNull())
        .addColumn('correlation_id', 'text')
        .addColumn('detail', d.json)
        .execute();
      await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
      await db.schema
        .createIndex('audit_log_worker_id')
        .on('audit_log')
        .columns(['worker_id', 'id desc'])
        .execute();
      await db.schema
        .createIndex('audit_log_actor_id')
        .on('audit_log')
        .columns(['actor', 'id desc'])
        .execute();
      await db.schema
        .createIndex('audit_log_correlation')
        .on('audit_log')
        .column('correlation_id')
        .where('correlation_id', 'is not', null)
        .execute();
      await db.schema
        .createTable('workers')
        .addColumn('worker_id', 'text', (column) => column.primaryKey())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('url', 'text', (column) => column.notNull())
        .addColumn('region', 'text')
        .addColumn('labels', d.json)
        .addColumn('timeout_ms', 'integer')
        .addColumn('api_key_encrypted', 'text')
        .addColumn('created_by', 'text', (column) => column.notNull())
        .addColumn('created_at', d.timestamp, (column) => column.notNull().defaultTo(now))
        .addColumn('updated_at', d.timestamp, (column) => column.notNull().defaultTo(now))
        .execute();
      await db.schema
        .createTable('registry_version')
        .addColumn('singleton', 'boolean', (column) =>
          column.primaryKey().defaultTo(sql`true`).check(sql`singleton`),
        )
        .addColumn('version', 'bigint', (column) => column.notNull())
        .execute();
      await sql`INSERT INTO registry_version (singleton, version) VALUES (true, 0)`.execute(db);
      await db.schema
        .createTable('users')
        .addColumn('username', 'text', (column) => column.primaryKey())
        .addColumn('password_hash', 'text', (column) => column.notNull())
        .addColumn('role', 'text', (column) =>
          column.notNull().check(sql`role IN ('admin', 'operator', 'viewer')`),
        )
        .addColumn('scope_workers', d.json)
        .addColumn('scope_labels', d.json)
        .addColumn('sessions_not_before', d.timestamp)
        .addColumn('created_at', d.timestamp, (column) => column.notNull().defaultTo(now))
        .addColumn('updated_at', d.timestamp, (column) => column.notNull().defaultTo(now))
        .execute();
      await db.schema
        .createTable('revoked_sessions')
        .addColumn('sid', 'text', (column) => column.primaryKey())
        .addColumn('expires_at', d.timestamp, (column) => column.notNull())
        .execute();
      await db.schema
        .createIndex('revoked_sessions_expires_at')
        .on('revoked_sessions')
        .column('expires_at')
        .execute();
    },
  },
  {
    version: 2,
    name: 'sign-in throttling',
    async up(db, d) {
      await db.schema
        .createTable('login_failures')
        .addColumn('username', 'text', (column) => column.notNull())
        .addColumn('address', 'text', (column) => column.notNull())
        .addColumn('failures', 'integer', (column) => column.notNull())
        .addColumn('last_failure_at', d.timestamp, (column) => column.notNull())
        .addPrimaryKeyConstraint('login_failures_pkey', ['username', 'address'])
        .execute();
      await db.schema
        .createIndex('login_failures_last_failure_at')
        .on('login_failures')
        .column('last_failure_at')
        .execute();
      await db.schema
        .createTable('login_lockouts')
        .addColumn('username', 'text', (column) => column.primaryKey())
        .addColumn('address', 'text', (column) => column.notNull())
        .addColumn('failures', 'integer', (column) => column.notNull())
        .addColumn('locked_at', d.timestamp, (column) => column.notNull())
        .addColumn('locked_until', d.timestamp, (column) => column.notNull())
        .execute();
    },
  },
];

/** Arbitrary constant shared by every replica: only one of them migrates at a time. */
const MIGRATION_LOCK_KEY = 7_311_042_019;

/**
 * Applies the missing migrations in one transaction; on PostgreSQL under a transaction-scoped advisory
 * lock so that replicas starting together queue up instead of racing (the later ones find nothing left
 * to do). The embedded store has one process per data directory (a lock file), so it needs none.
 * Returns the versions applied.
 */
export async function runMigrations(
  db: Kysely<Tables>,
  dialect: StoreDialect,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  const d = dialectSql(dialect);
  return db.transaction().execute(async (transaction) => {
    if (dialect === 'postgres') {
      await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(transaction);
    }
    await transaction.schema
      .createTable('cp_schema_migrations')
      .ifNotExists()
      .addColumn('version', 'integer', (column) => column.primaryKey())
      .addColumn('name', 'text', (column) => column.notNull())
      .addColumn('applied_at', d.timestamp, (column) => column.notNull().defaultTo(d.now()))
      .execute();
    const applied = await appliedVersions(transaction);
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
      await migration.up(transaction, d);
      await transaction
        .insertInto('cp_schema_migrations')
        .values({ version: migration.version, name: migration.name })
        .execute();
      done.push(migration.version);
    }
    return done;
  });
}

async function appliedVersions(transaction: Transaction<Tables>): Promise<Set<number>> {
  const rows = await transaction.selectFrom('cp_schema_migrations').select('version').execute();
  return new Set(rows.map((row) => Number(row.version)));
}
