import { type Kysely, sql } from 'kysely';
import { createSqlAuditStore } from './audit-store.js';
import { createSqlLoginStore } from './login-store.js';
import { dialectSql, type StoreDialect, type Tables } from './schema.js';
import { createSqlSessionStore } from './session-store.js';
import { type ControlPlaneStore, StoreError } from './types.js';
import { createSqlUserStore } from './user-store.js';
import { createSqlWorkerStore } from './worker-store.js';

export type SqlStoreOptions = {
  kind: ControlPlaneStore['kind'];
  dialect: StoreDialect;
  location: string;
  db: Kysely<Tables>;
  close(): Promise<void>;
  /** Turns a driver failure into a StoreError that names the store. */
  describeError(error: unknown): StoreError;
};

/**
 * The store over Kysely, one module per table group (audit, workers, users, sessions, logins): every
 * query compiles for PostgreSQL and for SQLite. After `close` every operation is `unavailable`.
 */
export function createSqlStore(options: SqlStoreOptions): ControlPlaneStore {
  const { db } = options;
  const d = dialectSql(options.dialect);
  let closed = false;

  async function run<T>(operation: () => Promise<T>): Promise<T> {
    if (closed) throw new StoreError('unavailable', `the store at ${options.location} is closed`);
    try {
      return await operation();
    } catch (error) {
      if (StoreError.isInstance(error)) throw error;
      throw options.describeError(error);
    }
  }

  const audit = createSqlAuditStore(db, run);

  return {
    kind: options.kind,
    location: options.location,
    audit: audit.audit,
    workers: createSqlWorkerStore(db, run, d),
    users: createSqlUserStore(db, run, d),
    sessions: createSqlSessionStore(db, run, d),
    logins: createSqlLoginStore(db, run),
    ping: () =>
      run(async () => {
        await sql`SELECT 1`.execute(db);
      }),
    close: async () => {
      if (closed) return;
      closed = true;
      // Appends already accepted are committed before the database goes away.
      await audit.drain();
      await options.close();
    },
  };
}
