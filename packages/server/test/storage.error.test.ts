import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { redactUrl } from '@llm-control-plane/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openStore, StoreError } from '../src/storage/index.js';
import { embeddedBackend, postgresBackend, STORAGE_CHILD, STORAGE_ENTRY } from './support/postgres.js';

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

  it('names the directory when the database file is garbage', async () => {
    const { dataDir } = await backend.freshOptions();
    if (dataDir === undefined) throw new Error('embedded backend gives a dataDir');
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, DATABASE_FILE), Buffer.alloc(8192, 0x5a));
    const error = await storeError(openStore({ dataDir }));
    expect(error.code).toBe('corrupt');
    expect(error.message).toContain(dataDir);
    expect(error.message).toMatch(/damaged/);
    // A failed start leaves no lock behind: restoring the file and retrying is enough.
    expect(existsSync(join(dataDir, 'control-plane.lock'))).toBe(false);
  });

  it('refuses a data directory written by the earlier embedded PostgreSQL store', async () => {
    const dataDir = join(scratch, 'legacy');
    await mkdir(join(dataDir, 'pgdata'), { recursive: true });
    await writeFile(join(dataDir, 'pgdata', 'PG_VERSION'), '17\n');
    const error = await storeError(openStore({ dataDir }));
    expect(error.code).toBe('migration');
    expect(error.message).toContain(join(dataDir, 'pgdata'));
    expect(error.message).toContain('move the directory aside');
    // Nothing was created next to the old files.
    expect(existsSync(join(dataDir, DATABASE_FILE))).toBe(false);
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
      await mkdir(outDir, { recursive: true });
      const child = join(outDir, 'open-child.mjs');
      await writeFile(
        child,
        `import { openStore } from '${STORAGE_ENTRY}';
try { await openStore({ dataDir: process.argv[2] }); console.log(JSON.stringify({ opened: true })); }
catch (error) { console.log(JSON.stringify({ name: error.name, code: error.code, message: error.message })); }
`,
      );
      try {
        const { stdout } = await run(
          'runuser',
          ['-u', 'nobody', '--', process.execPath, ...STORAGE_CHILD.nodeArguments, child, dataDir],
          { cwd: STORAGE_CHILD.cwd },
        );
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
    await mkdir(dataDir, { recursive: true });
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

const HOLD_CHILD = `import { openStore } from '${STORAGE_ENTRY}';
let store;
try {
  store = await openStore({ dataDir: process.argv[2] });
} catch (error) {
  process.stdout.write(JSON.stringify({ opened: false, code: error.code, message: error.message }) + '\\n');
  process.exit(0);
}
for (let index = 0; index < 50; index += 1) {
  await store.audit.append({ actor: 'holder-' + process.pid, workerId: null, action: 'hold', status: 200, requestId: 'r' + index });
}
process.stdout.write(JSON.stringify({ opened: true }) + '\\n');
// Holds the store until the parent closes stdin.
process.stdin.resume();
process.stdin.on('end', async () => {
  await store.close();
  process.exit(0);
});
`;

type HoldResult = { opened: boolean; code?: string; message?: string };

function startHolder(script: string, dataDir: string): { result: Promise<HoldResult>; child: ChildProcess } {
  const child = spawn(process.execPath, [...STORAGE_CHILD.nodeArguments, script, dataDir], {
    cwd: STORAGE_CHILD.cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const result = new Promise<HoldResult>((resolveResult, rejectResult) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n')[0];
      if (stdout.includes('\n') && line !== undefined) resolveResult(JSON.parse(line) as HoldResult);
    });
    child.on('exit', () => rejectResult(new Error(`child exited without a result: ${stderr}`)));
  });
  return { result, child };
}

describe('embedded store shared by two processes', () => {
  let outDir: string;
  let script: string;
  let scratch: string;

  beforeAll(async () => {
    outDir = join(packageDir, 'node_modules', '.cache', `cp-two-processes-${process.pid}`);
    await mkdir(outDir, { recursive: true });
    script = join(outDir, 'hold-child.mjs');
    await writeFile(script, HOLD_CHILD);
    scratch = await mkdtemp(join(tmpdir(), 'cp-two-processes-'));
  }, 60_000);
  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
    await rm(scratch, { recursive: true, force: true });
  });

  it('lets exactly one of two concurrent starts open the directory; the other gets a clear error', async () => {
    const dataDir = join(scratch, 'contended');
    const holders = [startHolder(script, dataDir), startHolder(script, dataDir)];
    try {
      const results = await Promise.all(holders.map((holder) => holder.result));
      const opened = results.filter((result) => result.opened);
      const refused = results.filter((result) => !result.opened);
      expect(opened).toHaveLength(1);
      expect(refused).toHaveLength(1);
      expect(refused[0]?.code).toBe('unavailable');
      expect(refused[0]?.message).toContain(dataDir);
      expect(refused[0]?.message).toMatch(/in use by/);

      // Even with its lock file deleted, the directory stays the first process's: SQLite's own lock
      // refuses a third process instead of letting two writers share the file.
      await rm(join(dataDir, 'control-plane.lock'));
      const third = startHolder(script, dataDir);
      holders.push(third);
      const late = await third.result;
      expect(late).toMatchObject({ opened: false, code: 'unavailable' });
      expect(late.message).toMatch(/in use by another process/);
    } finally {
      for (const holder of holders) holder.child.stdin?.end();
      await Promise.all(
        holders.map(
          (holder) =>
            new Promise<void>((resolveExit) => {
              if (holder.child.exitCode !== null) resolveExit();
              else holder.child.on('exit', () => resolveExit());
            }),
        ),
      );
    }

    // The survivor's writes are all there and the file is sound.
    const store = await openStore({ dataDir });
    try {
      const { entries } = await store.audit.query({ action: 'hold', limit: 1000 });
      expect(entries).toHaveLength(50);
    } finally {
      await store.close();
    }
    const database = new DatabaseSync(join(dataDir, DATABASE_FILE));
    try {
      expect(database.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    } finally {
      database.close();
    }
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
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query("INSERT INTO cp_schema_migrations (version, name) VALUES (99, 'from the future')");
    } finally {
      await client.end();
    }
    const executorError = await storeError(openStore({ databaseUrl }));
    expect(executorError.code).toBe('migration');
    expect(executorError.message).toContain('version 99');
    expect(executorError.message).toContain('upgrade the control plane');
  });
});

describe('redactUrl on database URLs', () => {
  it('hides passwords and secret query parameters', () => {
    expect(redactUrl('postgres://user:s3cret@db.example:5432/cp?sslmode=require&password=x')).toBe(
      'postgres://user:***@db.example:5432/cp?sslmode=require&password=***',
    );
    expect(redactUrl('postgres://db/cp')).toBe('postgres://db/cp');
    expect(redactUrl('postgres://user:p@ss:word@db/cp x')).not.toContain('ss:word');
  });
});
