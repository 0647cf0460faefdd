import { constants as fsConstants } from 'node:fs';
import { access, mkdir, open, readdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { runMigrations } from './migrations.js';
import type { SqlExecutor, SqlRow } from './sql.js';
import { createSqlStore } from './sql-store.js';
import { type ControlPlaneStore, StoreError } from './types.js';

export const DEFAULT_DATA_DIR = './.control-plane';

/** The PGlite cluster lives in a subdirectory so the data directory can hold other files later. */
const DATABASE_DIRECTORY = 'pgdata';
const LOCK_FILE = 'control-plane.lock';

export type EmbeddedStoreOptions = { dataDir?: string };

/**
 * The embedded store: PostgreSQL compiled to WebAssembly (PGlite) writing to `<dataDir>/pgdata`.
 * One process per data directory (a lock file enforces it); use PostgreSQL to run several replicas.
 */
export async function openEmbeddedStore(options: EmbeddedStoreOptions = {}): Promise<ControlPlaneStore> {
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const databaseDir = join(dataDir, DATABASE_DIRECTORY);
  await prepareDirectory(dataDir);
  const lockFile = await acquireLock(dataDir);
  let database: PGlite | undefined;
  try {
    await checkDatabaseDirectory(databaseDir);
    database = await startDatabase(databaseDir, dataDir);
    const executor = pgliteExecutor(database);
    await migrate(executor, dataDir);
    const opened = database;
    return createSqlStore({
      kind: 'embedded',
      location: dataDir,
      executor,
      describeError: (error) =>
        new StoreError('unavailable', `the embedded store in ${dataDir} failed: ${errorMessage(error)}`, {
          cause: error,
        }),
      close: async () => {
        try {
          await opened.close();
        } finally {
          await unlink(lockFile).catch(() => undefined);
        }
      },
    });
  } catch (error) {
    await database?.close().catch(() => undefined);
    await unlink(lockFile).catch(() => undefined);
    throw error;
  }
}

async function prepareDirectory(dataDir: string): Promise<void> {
  try {
    await mkdir(dataDir, { recursive: true });
    const info = await stat(dataDir);
    if (!info.isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    // Root ignores permission bits, so probe with a real write rather than access(W_OK) alone.
    await access(dataDir, fsConstants.W_OK);
    const probe = join(dataDir, `.write-probe-${process.pid}`);
    await writeFile(probe, 'ok');
    await unlink(probe);
  } catch (error) {
    throw new StoreError(
      'unwritable',
      `the data directory ${dataDir} is not writable (${errorMessage(error)}); ` +
        'choose another directory with --data-dir or fix its permissions',
      { cause: error },
    );
  }
}

async function acquireLock(dataDir: string): Promise<string> {
  const lockFile = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return lockFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new StoreError('unwritable', `cannot create ${lockFile}: ${errorMessage(error)}`, {
          cause: error,
        });
      }
    }
    const owner = Number.parseInt(await readFile(lockFile, 'utf8').catch(() => ''), 10);
    // Our own pid in the lock can only be left over from an earlier container with a recycled pid.
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isProcessAlive(owner)) {
      throw new StoreError(
        'unavailable',
        `the data directory ${dataDir} is in use by process ${owner}; the embedded store serves one process ` +
          `(use general_settings.database_url for several replicas, or delete ${lockFile} if that process is gone)`,
      );
    }
    // Stale lock from a process that died without closing the store.
    await rm(lockFile, { force: true });
  }
  throw new StoreError('unavailable', `cannot take the lock ${lockFile}: another process keeps creating it`);
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function checkDatabaseDirectory(databaseDir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(databaseDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new StoreError('corrupt', `cannot read ${databaseDir}: ${errorMessage(error)}`, { cause: error });
  }
  if (entries.length > 0 && !entries.includes('PG_VERSION')) {
    throw new StoreError(
      'corrupt',
      `${databaseDir} is not an embedded control-plane store (it has files but no PG_VERSION); ` +
        'move it aside or choose another --data-dir',
    );
  }
}

async function startDatabase(databaseDir: string, dataDir: string): Promise<PGlite> {
  let database: PGlite | undefined;
  try {
    // relaxedDurability stays off: a query resolves only after its changes reached the file system,
    // so an acknowledged audit entry survives the process being killed.
    database = new PGlite({ dataDir: databaseDir, relaxedDurability: false });
    await database.waitReady;
    await database.query('SELECT 1');
    return database;
  } catch (error) {
    await database?.close().catch(() => undefined);
    throw new StoreError(
      'corrupt',
      `the embedded store in ${dataDir} could not be opened (${errorMessage(error)}); the files in ` +
        `${databaseDir} are damaged or were written by an incompatible version. Restore it from a backup, ` +
        'or move it aside to start with an empty store',
      { cause: error },
    );
  }
}

async function migrate(executor: SqlExecutor, dataDir: string): Promise<void> {
  try {
    await runMigrations(executor);
  } catch (error) {
    if (StoreError.isInstance(error)) {
      throw new StoreError(error.code, `the embedded store in ${dataDir}: ${error.message}`, {
        cause: error,
      });
    }
    throw new StoreError(
      'migration',
      `migrating the embedded store in ${dataDir} failed: ${errorMessage(error)}`,
      {
        cause: error,
      },
    );
  }
}

function pgliteExecutor(database: PGlite): SqlExecutor {
  return {
    async query<Row extends SqlRow = SqlRow>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
      const result = await database.query<Row>(sql, [...params]);
      return result.rows;
    },
    transaction: (fn) => database.transaction((transaction) => fn(transactionExecutor(transaction))),
  };
}

function transactionExecutor(transaction: Transaction): SqlExecutor {
  const executor: SqlExecutor = {
    async query<Row extends SqlRow = SqlRow>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
      const result = await transaction.query<Row>(sql, [...params]);
      return result.rows;
    },
    // Already inside one: statements join the enclosing transaction.
    transaction: (fn) => fn(executor),
  };
  return executor;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
