import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { redactUrl } from '@llm-control-plane/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type SqlExecutor, StoreError } from '../src/storage/index.js';
import { runMigrations } from '../src/storage/migrations.js';
import { compileStorageForChild, embeddedBackend, postgresBackend } from './support/postgres.js';

const run = promisify(execFile);
const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function storeError(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    (store) => {
      throw new Error(`expected a StoreError, the store opened (${String(store)})`);
    },
    (caught: unknown) => caught,
  );
  if (!StoreError.isInstance(error)) throw error;
  return error;
}

describe('embedded store start-up failures', () => {
  const backend = embeddedBackend();
  let scratch: string;

  beforeAll(async () => {
    await backend.setup();
    scratch = await mkdtemp(join(tmpdir(), 'cp-store-error-'));
  }, 120_000);
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
    await backend.teardown();
  });

  it('names the directory when the database files are garbage', async () => {
    const { dataDir } = await backend.freshOptions();
    if (dataDir === undefined) throw new Error('embedded backend gives a dataDir');
    await writeFile(join(dataDir, 'pgdata', 'global', 'pg_control'), Buffer.alloc(8192, 0x5a));
    const error = await storeError(openStore({ dataDir }));
    expect(error.code).toBe('corrupt');
    expect(error.message).toContain(dataDir);
    expect(error.message).toMatch(/damaged|incompatible/);
    // A failed start leaves no lock behind: restoring the files and retrying is enough.
    expect(existsSync(join(dataDir, 'control-plane.lock'))).toBe(false);
  }, 60_000);

  it('refuses a database directory full of unrelated files', async () => {
    const dataDir = join(scratch, 'unrelated');
    await mkdir(join(dataDir, 'pgdata'), { recursive: true });
    await writeFile(join(dataDir, 'pgdata', 'notes.txt'), 'not a database');
    const error = await storeError(openStore({ dataDir }));
    expect(error.code).toBe('corrupt');
    expect(error.message).toContain(join(dataDir, 'pgdata'));
  });

  it('names the directory when it cannot be created', async () => {
    const file = join(scratch, 'a-file');
    await writeFile(file, 'x');
    const dataDir = join(file, 'data');
    const error = await storeError(openStore({ dataDir }));
    expect(error.code).toBe('unwritable');
    expect(error.message).toContain(dataDir);
    expect(error.message).toContain('--data-dir');
  });

  it('names the directory when it exists but is not writable', async () => {
    const dataDir = join(scratch, 'read-only');
    await mkdir(dataDir, { mode: 0o555 });
    await chmod(dataDir, 0o555);
    let message: string;
    if (process.getuid?.() === 0) {
      // Root writes through permission bits, so the check runs as an unprivileged user in a child.
      const outDir = join(packageDir, 'node_modules', '.cache', `cp-unwritable-${process.pid}`);
      await compileStorageForChild(outDir);
      const child = join(outDir, 'open-child.mjs');
      await writeFile(
        child,
        `import { openStore } from './storage/index.js';
try { await openStore({ dataDir: process.argv[2] }); console.log(JSON.stringify({ opened: true })); }
catch (error) { console.log(JSON.stringify({ name: error.name, code: error.code, message: error.message })); }
`,
      );
      try {
        const { stdout } = await run('runuser', ['-u', 'nobody', '--', process.execPath, child, dataDir]);
        const result = JSON.parse(stdout.trim()) as { name?: string; code?: string; message?: string };
        expect(result).toMatchObject({ name: 'StoreError', code: 'unwritable' });
        message = result.message ?? '';
      } finally {
        await rm(outDir, { recursive: true, force: true });
      }
    } else {
      const error = await storeError(openStore({ dataDir }));
      expect(error.code).toBe('unwritable');
      message = error.message;
    }
    expect(message).toContain(dataDir);
    expect(message).toContain('not writable');
  }, 60_000);

  it('refuses a second process on the same directory but takes over a stale lock', async () => {
    const { dataDir } = await backend.freshOptions();
    if (dataDir === undefined) throw new Error('embedded backend gives a dataDir');
    // pid 1 is always alive and never this test.
    await writeFile(join(dataDir, 'control-plane.lock'), '1\n');
    const error = await storeError(openStore({ dataDir }));
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('in use by process 1');
    expect(error.message).toContain('database_url');
    // A lock left by a dead process (pid far above pid_max) is taken over.
    await writeFile(join(dataDir, 'control-plane.lock'), '2147483646\n');
    const store = await openStore({ dataDir });
    await store.close();
  }, 60_000);
});

describe('postgres store start-up failures', () => {
  const backend = postgresBackend();
  beforeAll(() => backend.setup(), 120_000);
  afterAll(() => backend.teardown(), 60_000);

  it('names the URL without its password when the password is wrong', async () => {
    const cluster = backend.postgres;
    if (cluster === undefined) throw new Error('setup first');
    const secret = 'wrong-Secret-123';
    const url = `postgres://postgres:${secret}@127.0.0.1:${cluster.port}/postgres`;
    const error = await storeError(openStore({ databaseUrl: url }));
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain(`127.0.0.1:${cluster.port}/postgres`);
    expect(error.message).toContain('***');
    expect(error.message).not.toContain(secret);
    expect(JSON.stringify(error)).not.toContain(secret);
  });

  it('names the URL when nothing listens there', async () => {
    const error = await storeError(openStore({ databaseUrl: 'postgres://cp:hunter2-pass@127.0.0.1:1/cp' }));
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('postgres://cp:***@127.0.0.1:1/cp');
    expect(error.message).not.toContain('hunter2');
  });

  it('refuses a URL that is not postgres://', async () => {
    const error = await storeError(openStore({ databaseUrl: 'mysql://root:pw-123@db/cp' }));
    expect(error.code).toBe('invalid');
    expect(error.message).not.toContain('pw-123');
  });

  it('lets replicas start at once: one migrates, the others find the schema current', async () => {
    const databaseUrl = await backend.postgres?.createDatabase();
    const stores = await Promise.all(Array.from({ length: 4 }, () => openStore({ databaseUrl })));
    try {
      const versions = await Promise.all(stores.map((store) => store.workers.version()));
      expect(versions).toEqual([0, 0, 0, 0]);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('refuses a schema newer than this release', async () => {
    const databaseUrl = await backend.postgres?.createDatabase();
    const store = await openStore({ databaseUrl });
    await store.close();
    // A newer release migrated the database further than this one knows.
    const executorError = await storeError(
      (async () => {
        const { createRequire } = await import('node:module');
        const requireFromPg = createRequire(createRequire(import.meta.url).resolve('pg/package.json'));
        const Client = requireFromPg('./lib/client.js') as typeof import('pg').Client;
        const client = new Client({ connectionString: databaseUrl });
        await client.connect();
        const executor: SqlExecutor = {
          query: async (sql, params) => (await client.query(sql, params ? [...params] : [])).rows,
          transaction: async (fn) => {
            await client.query('BEGIN');
            try {
              const value = await fn(executor);
              await client.query('COMMIT');
              return value;
            } catch (error) {
              await client.query('ROLLBACK');
              throw error;
            }
          },
        };
        try {
          await runMigrations(executor, [{ version: 99, name: 'from the future', statements: [] }]);
          return await openStore({ databaseUrl });
        } finally {
          await client.end();
        }
      })(),
    );
    expect(executorError.code).toBe('migration');
    expect(executorError.message).toContain('version 99');
    expect(executorError.message).toContain('upgrade the control plane');
  });
});

describe('redactUrl', () => {
  it('hides passwords and secret query parameters', () => {
    expect(redactUrl('postgres://user:s3cret@db.example:5432/cp?sslmode=require&password=x')).toBe(
      'postgres://user:***@db.example:5432/cp?sslmode=require&password=***',
    );
    expect(redactUrl('postgres://db/cp')).toBe('postgres://db/cp');
    expect(redactUrl('postgres://user:p@ss:word@db/cp x')).not.toContain('ss:word');
  });
});
