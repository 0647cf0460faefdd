import { constants as fsConstants } from 'node:fs';
import { access, mkdir, open, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely } from 'kysely';
import { runMigrations } from './migrations.js';
import { nodeSqliteDialect } from './node-sqlite.js';
import type { Tables } from './schema.js';
import { createSqlStore } from './sql-store.js';
import { type ControlPlaneStore, type EmbeddedStoreDurability, StoreError } from './types.js';

export const DEFAULT_DATA_DIR = './.control-plane';

/** The database file inside the data directory (with its `-wal` beside it while open). */
export const DATABASE_FILE = 'control-plane.db';
const LOCK_FILE = 'control-plane.lock';
/** Where releases before the SQLite store kept an embedded PostgreSQL cluster. */
const LEGACY_DATABASE_DIRECTORY = 'pgdata';

const SQLITE_BUSY = 5;
const SQLITE_CORRUPT = 11;
const SQLITE_NOTADB = 26;

export type EmbeddedStoreOptions = { dataDir?: string; durability?: EmbeddedStoreDurability | undefined };

/** SQLite's `synchronous` setting for each durability (docs/decisions/0003-embedded-store-durability.md). */
const SYNCHRONOUS: Record<EmbeddedStoreDurability, string> = { normal: 'NORMAL', full: 'FULL' };

/**
 * The embedded store: SQLite through Node's built-in `node:sqlite`, in `<dataDir>/control-plane.db`.
 * One process per data directory: a lock file refuses a second one with a clear error, and SQLite's
 * exclusive locking mode backs it up so two writers can never interleave. Use PostgreSQL for replicas.
 */
export async function openEmbeddedStore(options: EmbeddedStoreOptions = {}): Promise<ControlPlaneStore> {
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  await prepareDirectory(dataDir);
  const lockFile = await acquireLock(dataDir);
  let db: Kysely<Tables> | undefined;
  try {
    await refuseLegacyStore(dataDir);
    const database = openDatabase(join(dataDir, DATABASE_FILE), dataDir, options.durability ?? 'normal');
    db = new Kysely<Tables>({ dialect: nodeSqliteDialect(database) });
    await migrate(db, dataDir);
    const opened = db;
    return createSqlStore({
      kind: 'embedded',
      dialect: 'sqlite',
      location: dataDir,
      db,
      describeError: (error) =>
        new StoreError('unavailable', `the embedded store in ${dataDir} failed: ${errorMessage(error)}`, {
          cause: error,
        }),
      close: async () => {
        try {
          await opened.destroy();
        } finally {
          await unlink(lockFile).catch(() => undefined);
        }
      },
    });
  } catch (error) {
    await db?.destroy().catch(() => undefined);
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

async function refuseLegacyStore(dataDir: string): Promise<void> {
  const legacy = join(dataDir, LEGACY_DATABASE_DIRECTORY);
  const [hasLegacy, hasDatabase] = await Promise.all([
    exists(join(legacy, 'PG_VERSION')),
    exists(join(dataDir, DATABASE_FILE)),
  ]);
  if (hasLegacy && !hasDatabase) {
    throw new StoreError(
      'migration',
      `the data directory ${dataDir} holds an embedded PostgreSQL store (${legacy}) from an earlier release, ` +
        'which this release no longer reads; export what you need with that release (the audit export), ' +
        'then move the directory aside, or point general_settings.database_url at PostgreSQL',
    );
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Opens the file and takes SQLite's exclusive lock for the life of the process, in WAL mode. With
 * durability `normal` (`synchronous = NORMAL`) a commit returns once its log record is written to the
 * file, so an acknowledged audit entry survives the process being killed; only a crash of the operating
 * system or a power loss can lose the last commits. `full` (`synchronous = FULL`) also flushes the log to
 * the disk before a commit returns, at milliseconds per write (docs/decisions/0003-embedded-store-durability.md).
 */
export function openDatabase(
  file: string,
  dataDir: string,
  durability: EmbeddedStoreDurability,
): DatabaseSync {
  let database: DatabaseSync | undefined;
  try {
    database = new DatabaseSync(file);
    database.exec('PRAGMA busy_timeout = 2000');
    // Before WAL is entered: the WAL index then lives in process memory, not in shared memory.
    database.exec('PRAGMA locking_mode = EXCLUSIVE');
    database.exec('PRAGMA journal_mode = WAL');
    database.exec(`PRAGMA synchronous = ${SYNCHRONOUS[durability]}`);
    database.exec('BEGIN EXCLUSIVE; COMMIT');
    return database;
  } catch (error) {
    if (database?.isOpen) database.close();
    throw openFailure(error, file, dataDir);
  }
}

function openFailure(error: unknown, file: string, dataDir: string): StoreError {
  const code = (error as { errcode?: number }).errcode;
  if (code === SQLITE_BUSY) {
    return new StoreError(
      'unavailable',
      `the data directory ${dataDir} is in use by another process (${file} is locked); the embedded store ` +
        'serves one process (use general_settings.database_url for several replicas)',
      { cause: error },
    );
  }
  const damaged = code === SQLITE_CORRUPT || code === SQLITE_NOTADB;
  return new StoreError(
    damaged ? 'corrupt' : 'unavailable',
    `the embedded store in ${dataDir} could not be opened (${errorMessage(error)})` +
      (damaged
        ? `; ${file} is damaged or is not a control-plane store. Restore it from a backup, or move it aside ` +
          'to start with an empty store'
        : ''),
    { cause: error },
  );
}

async function migrate(db: Kysely<Tables>, dataDir: string): Promise<void> {
  try {
    await runMigrations(db, 'sqlite');
  } catch (error) {
    if (StoreError.isInstance(error)) {
      throw new StoreError(error.code, `the embedded store in ${dataDir}: ${error.message}`, {
        cause: error,
      });
    }
    const code = (error as { errcode?: number }).errcode;
    if (code === SQLITE_CORRUPT || code === SQLITE_NOTADB) {
      throw openFailure(error, join(dataDir, DATABASE_FILE), dataDir);
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

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
