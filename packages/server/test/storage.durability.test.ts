import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openDatabase } from '../src/storage/embedded.js';
import { openStore } from '../src/storage/index.js';
import { STORAGE_CHILD, STORAGE_ENTRY, storeBackends } from './support/postgres.js';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const APPEND_CHILD = `import { openStore } from '${STORAGE_ENTRY}';
const options = JSON.parse(process.argv[2]);
const store = await openStore(options);
process.stdout.write('open\\n');
// Four appends in flight at a time, as concurrent requests make them: they share commits.
for (let index = 0; ; index += 4) {
  await Promise.all([0, 1, 2, 3].map(async (offset) => {
    const requestId = 'ack-' + (index + offset);
    await store.audit.append({ actor: 'child', workerId: 'worker-a', action: 'relay.write', status: 200, requestId });
    // Written only after append resolved: the parent treats this line as the acknowledgement.
    process.stdout.write(requestId + '\\n');
  }));
}
`;

/** Runs the child until it acknowledged `count` entries, then kills it with SIGKILL at once. */
async function appendThenKill(
  childScript: string,
  options: object,
  count: number,
): Promise<{ acknowledged: string[]; signal: string | null }> {
  const args = [...STORAGE_CHILD.nodeArguments, childScript, JSON.stringify(options)];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: STORAGE_CHILD.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acknowledged: string[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ signal: string | null }>((resolveExit) => {
    child.on('exit', (_code, signal) => resolveExit({ signal }));
  });
  let buffered = '';
  await new Promise<void>((resolveKill, rejectKill) => {
    const timer = setTimeout(
      () => rejectKill(new Error(`child did not acknowledge in time: ${stderr}`)),
      90_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('ack-')) continue;
        acknowledged.push(line);
        if (acknowledged.length === count) {
          child.kill('SIGKILL');
          clearTimeout(timer);
          resolveKill();
        }
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      if (acknowledged.length < count) rejectKill(new Error(`child exited early: ${stderr}`));
    });
  });
  const { signal } = await exited;
  return { acknowledged, signal };
}

describe.each(storeBackends())('audit durability on the $kind store', (backend) => {
  let outDir: string;
  let childScript: string;

  beforeAll(async () => {
    await backend.setup();
    outDir = join(packageDir, 'node_modules', '.cache', `cp-durability-${process.pid}-${backend.kind}`);
    await mkdir(outDir, { recursive: true });
    childScript = join(outDir, 'append-child.mjs');
    await writeFile(childScript, APPEND_CHILD);
  }, 120_000);

  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
    await backend.teardown();
  }, 60_000);

  // `embedded_store_durability: full` adds an fsync per commit; it must keep the same guarantee.
  it.each(
    backend.kind === 'embedded'
      ? [{ setting: 'default' }, { setting: 'durability full', durability: 'full' as const }]
      : [{ setting: 'default' }],
  )(
    'keeps every acknowledged audit entry after the process is killed with SIGKILL ($setting)',
    async ({ durability }: { durability?: 'full' }) => {
      const options = { ...(await backend.freshOptions()), ...(durability ? { durability } : {}) };
      const { acknowledged, signal } = await appendThenKill(childScript, options, 40);
      expect(signal).toBe('SIGKILL');

      const store = await openStore(options);
      try {
        const { entries } = await store.audit.query({ actor: 'child', limit: 1000 });
        const stored = new Set(entries.map((entry) => entry.requestId));
        const lost = acknowledged.filter((requestId) => !stored.has(requestId));
        expect(lost).toEqual([]);
        // The store stays usable after the crash.
        await store.audit.append({
          actor: 'after',
          workerId: null,
          action: 'check',
          status: 200,
          requestId: 'after',
        });
        expect((await store.audit.query({ actor: 'after' })).entries).toHaveLength(1);
      } finally {
        await store.close();
      }
    },
    180_000,
  );
});

describe('embedded store durability setting', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cp-durability-setting-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  // SQLite's PRAGMA synchronous: 1 = NORMAL (the log is written per commit), 2 = FULL (also fsynced).
  it.each([
    ['normal', 1],
    ['full', 2],
  ] as const)('%s opens the database in WAL mode with synchronous = %i', (durability, synchronous) => {
    const database = openDatabase(join(dataDir, `${durability}-${DATABASE_FILE}`), dataDir, durability);
    try {
      expect(database.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
      expect(database.prepare('PRAGMA synchronous').get()).toEqual({ synchronous });
    } finally {
      database.close();
    }
  });
});
