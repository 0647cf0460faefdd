import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type pg from 'pg';

const run = promisify(execFile);

/** pg's Client without pg's index, which fails to load under vitest's `--conditions import`. */
function pgClientClass(): typeof pg.Client {
  const requireFromPg = createRequire(createRequire(import.meta.url).resolve('pg/package.json'));
  return requireFromPg('./lib/client.js') as typeof pg.Client;
}

/** A throwaway PostgreSQL cluster from the distribution's packages, in a temp dir on a free port. */
export type TestPostgres = {
  /** URL of the default database (with password). */
  readonly url: string;
  readonly port: number;
  readonly password: string;
  /** Creates an empty database and returns its URL, so every test starts from a clean schema. */
  createDatabase(name?: string): Promise<string>;
  stop(): Promise<void>;
};

/** Directory of `initdb`, `pg_ctl` and `postgres`: the newest version under /usr/lib/postgresql, or PG_BIN. */
export function postgresBinDir(): string | undefined {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'initdb')))
    .sort((left, right) => Number(right) - Number(left));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/**
 * Starts PostgreSQL. PostgreSQL refuses to run as root, so under root the cluster belongs to the
 * `postgres` system user and the binaries run through `runuser`.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const binDir = postgresBinDir();
  if (binDir === undefined) {
    throw new Error(
      'PostgreSQL is not installed: install the distribution package (apt-get install postgresql) or set PG_BIN',
    );
  }
  const asRoot = process.getuid?.() === 0;
  const directory = await mkdtemp(join(tmpdir(), 'cp-test-pg-'));
  const dataDir = join(directory, 'data');
  const socketDir = directory;
  const password = `pw-${randomBytes(9).toString('base64url')}`;
  const passwordFile = join(directory, 'pwfile');
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });

  let owner: { uid: number; gid: number } | undefined;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: group } = await run('id', ['-g', 'postgres']);
    owner = { uid: Number(stdout.trim()), gid: Number(group.trim()) };
    await chown(directory, owner.uid, owner.gid);
    await chown(passwordFile, owner.uid, owner.gid);
    await chmod(directory, 0o700);
  }
  const exec = (binary: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', join(binDir, binary), ...args], { cwd: directory })
      : run(join(binDir, binary), args, { cwd: directory });

  const port = await freePort();
  try {
    await exec('initdb', [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=scram-sha-256',
      `--pwfile=${passwordFile}`,
      '--encoding=UTF8',
      '--no-locale',
    ]);
    await exec('pg_ctl', [
      '-D',
      dataDir,
      '-l',
      join(directory, 'server.log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-k ${socketDir} -p ${port} -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=100`,
      'start',
    ]);
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw new Error(`could not start PostgreSQL from ${binDir}: ${(error as Error).message}`);
  }

  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  let counter = 0;
  return {
    url,
    port,
    password,
    async createDatabase(name) {
      counter += 1;
      const database = name ?? `cp_test_${process.pid}_${counter}_${randomBytes(3).toString('hex')}`;
      const client = new (pgClientClass())({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
      } finally {
        await client.end();
      }
      return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
    },
    async stop() {
      try {
        await exec('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', '-t', '30', 'stop']);
      } finally {
        await rm(directory, { recursive: true, force: true });
      }
    },
  };
}

/**
 * The two store backends the storage, registry and users suites run against. `open()` gives each test
 * a clean store: a copy of a migrated embedded data directory, or a new database on one cluster.
 */
export type StoreBackend = {
  readonly kind: 'embedded' | 'postgres';
  setup(): Promise<void>;
  teardown(): Promise<void>;
  /** Options for openStore pointing at a fresh, empty store. */
  freshOptions(): Promise<{ dataDir?: string; databaseUrl?: string }>;
  /** The PostgreSQL cluster (postgres backend only, after setup). */
  readonly postgres: TestPostgres | undefined;
};

export function embeddedBackend(): StoreBackend {
  let root: string | undefined;
  let template: string | undefined;
  let counter = 0;
  return {
    kind: 'embedded',
    postgres: undefined,
    async setup() {
      root = await mkdtemp(join(tmpdir(), 'cp-test-embedded-'));
      template = join(root, 'template');
      // Creating a PGlite cluster takes seconds; copying a migrated one takes milliseconds.
      const { openStore } = await import('../../src/storage/index.js');
      const store = await openStore({ dataDir: template });
      await store.close();
    },
    async teardown() {
      if (root !== undefined) await rm(root, { recursive: true, force: true });
    },
    async freshOptions() {
      if (root === undefined || template === undefined) throw new Error('setup() first');
      counter += 1;
      const dataDir = join(root, `store-${counter}`);
      await cp(template, dataDir, { recursive: true });
      return { dataDir };
    },
  };
}

export function postgresBackend(): StoreBackend {
  let cluster: TestPostgres | undefined;
  return {
    kind: 'postgres',
    get postgres() {
      return cluster;
    },
    async setup() {
      cluster = await startPostgres();
    },
    async teardown() {
      await cluster?.stop();
    },
    async freshOptions() {
      if (cluster === undefined) throw new Error('setup() first');
      return { databaseUrl: await cluster.createDatabase() };
    },
  };
}

/** Both backends, for `describe.each`. */
export function storeBackends(): StoreBackend[] {
  return [embeddedBackend(), postgresBackend()];
}
