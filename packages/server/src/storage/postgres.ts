import { createRedactor, redactUrl } from '@llm-control-plane/core';
import pg from 'pg';
import { runMigrations } from './migrations.js';
import type { SqlExecutor, SqlRow } from './sql.js';
import { createSqlStore } from './sql-store.js';
import { type ControlPlaneStore, StoreError } from './types.js';

export type PostgresStoreOptions = { databaseUrl: string; maxConnections?: number | undefined };

/** The PostgreSQL store, shared by every replica that points at the same database. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<ControlPlaneStore> {
  const location = redactUrl(options.databaseUrl);
  const password = passwordOf(options.databaseUrl);
  const describe = (prefix: string, error: unknown): string =>
    `${prefix} ${location}: ${createRedactor(password, { replacement: '***', minLength: 1 }).text(
      error instanceof Error ? error.message : String(error),
    )}`;

  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const executor = poolExecutor(pool);

  try {
    await executor.query('SELECT 1 AS ok');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new StoreError('unavailable', describe('cannot connect to PostgreSQL at', error));
  }
  try {
    await runMigrations(executor);
  } catch (error) {
    await pool.end().catch(() => undefined);
    if (StoreError.isInstance(error)) {
      throw new StoreError(error.code, `PostgreSQL at ${location}: ${error.message}`);
    }
    throw new StoreError('migration', describe('migrating the schema failed on PostgreSQL at', error));
  }

  return createSqlStore({
    kind: 'postgres',
    location,
    executor,
    describeError: (error) => new StoreError('unavailable', describe('PostgreSQL query failed at', error)),
    close: () => pool.end(),
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

function poolExecutor(pool: pg.Pool): SqlExecutor {
  return {
    async query<Row extends SqlRow = SqlRow>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
      const result = await pool.query<Row>(sql, [...params]);
      return result.rows;
    },
    async transaction<T>(fn: (executor: SqlExecutor) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const value = await fn(clientExecutor(client));
        await client.query('COMMIT');
        client.release();
        return value;
      } catch (error) {
        // A failed ROLLBACK means the connection is broken: destroy it instead of returning it to the pool.
        const rolledBack = await client.query('ROLLBACK').then(
          () => true,
          () => false,
        );
        client.release(rolledBack ? undefined : true);
        throw error;
      }
    },
  };
}

function clientExecutor(client: pg.PoolClient): SqlExecutor {
  const executor: SqlExecutor = {
    async query<Row extends SqlRow = SqlRow>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
      const result = await client.query<Row>(sql, [...params]);
      return result.rows;
    },
    // Already inside one: statements join the enclosing transaction.
    transaction: (fn) => fn(executor),
  };
  return executor;
}
