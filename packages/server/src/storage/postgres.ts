import { createRedactor, redactUrl } from '@llm-control-plane/core';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { runMigrations } from './migrations.js';
import type { Tables } from './schema.js';
import { createSqlStore } from './sql-store.js';
import { type ControlPlaneStore, StoreError } from './types.js';

export type PostgresStoreOptions = { databaseUrl: string; maxConnections?: number | undefined };

/** The PostgreSQL store, shared by every replica that points at the same database. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<ControlPlaneStore> {
  const location = redactUrl(options.databaseUrl);
  // A database password must never show, however short it is.
  const password = createRedactor(passwordOf(options.databaseUrl), { replacement: '***', minLength: 1 });
  const describe = (prefix: string, error: unknown): string =>
    `${prefix} ${location}: ${password.text(error instanceof Error ? error.message : String(error))}`;

  // Loaded only here: a control plane on the embedded store never pays for the driver.
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });

  try {
    await sql`SELECT 1`.execute(db);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw new StoreError('unavailable', describe('cannot connect to PostgreSQL at', error));
  }
  try {
    await runMigrations(db, 'postgres');
  } catch (error) {
    await db.destroy().catch(() => undefined);
    if (StoreError.isInstance(error)) {
      throw new StoreError(error.code, `PostgreSQL at ${location}: ${error.message}`);
    }
    throw new StoreError('migration', describe('migrating the schema failed on PostgreSQL at', error));
  }

  return createSqlStore({
    kind: 'postgres',
    dialect: 'postgres',
    location,
    db,
    describeError: (error) => new StoreError('unavailable', describe('PostgreSQL query failed at', error)),
    close: () => db.destroy(),
  });
}

function passwordOf(url: string): string | undefined {
  try {
    const password = new URL(url).password;
    return password === '' ? undefined : decodeURIComponent(password);
  } catch {
    return undefined;
  }
}
