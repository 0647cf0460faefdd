import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { type ControlPlaneConfig, ControlPlaneConfigSchema } from '@llm-control-plane/core';
import { Fleet } from '@llm-control-plane/sdk';
import { Hono } from 'hono';
import pg from 'pg';
import type { AppDeps, AppEnv } from '../../src/app-context.js';
import { createAuditLog } from '../../src/audit.js';
import { access } from '../../src/auth/access.js';
import { createAuthenticator, resolveAuthSettings } from '../../src/auth/authenticator.js';
import { authenticationMiddleware } from '../../src/auth/middleware.js';
import { errorResponse, toApiError } from '../../src/errors.js';
import { createRelayDecisions } from '../../src/http/relay-decisions.js';
import { requestIdMiddleware } from '../../src/http/request-id.js';
import { createJsonLogger } from '../../src/logger.js';
import { type RegistryRouteOptions, registryRoutes } from '../../src/routes/registry.js';
import { type UserRouteOptions, userRoutes } from '../../src/routes/users.js';
import { workerRoutes } from '../../src/routes/workers.js';
import type { ControlPlaneStore } from '../../src/storage/types.js';

const run = promisify(execFile);

/** A throwaway PostgreSQL cluster from the distribution's packages, in a temp dir on a free port. */
type TestPostgres = {
  /** URL of the default database (with password). */
  readonly url: string;
  readonly port: number;
  readonly password: string;
  /** Creates an empty database and returns its URL, so every test starts from a clean schema. */
  createDatabase(name?: string): Promise<string>;
  stop(): Promise<void>;
};

/** Directory of `initdb`, `pg_ctl` and `postgres`: the newest version under /usr/lib/postgresql, or PG_BIN. */
function postgresBinDir(): string | undefined {
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

/** Password of the test clusters' `postgres` user (loopback only, throwaway clusters). */
const TEMPLATE_PASSWORD = 'cp-test-cluster-password';

/**
 * A freshly initialised cluster directory, made once per PostgreSQL installation and kept in the temp
 * directory across runs; every test cluster starts from a copy (`cp -a` keeps the owner and modes).
 */
async function postgresTemplate(
  binDir: string,
  owner: { uid: number; gid: number } | undefined,
  exec: (binary: string, args: string[], cwd?: string) => Promise<unknown>,
): Promise<string> {
  const key = createHash('sha256').update(binDir).update(TEMPLATE_PASSWORD).digest('hex').slice(0, 16);
  const template = join(tmpdir(), `cp-test-pg-template-${key}`);
  const ready = join(template, 'data', 'PG_VERSION');
  if (existsSync(ready)) return join(template, 'data');
  const building = await mkdtemp(join(tmpdir(), 'cp-test-pg-template-building-'));
  const passwordFile = join(building, 'pwfile');
  await writeFile(passwordFile, `${TEMPLATE_PASSWORD}\n`, { mode: 0o600 });
  if (owner !== undefined) {
    await chown(building, owner.uid, owner.gid);
    await chown(passwordFile, owner.uid, owner.gid);
    await chmod(building, 0o700);
  }
  await exec(
    'initdb',
    [
      '-D',
      join(building, 'data'),
      '-U',
      'postgres',
      '--auth=scram-sha-256',
      `--pwfile=${passwordFile}`,
      '--encoding=UTF8',
      '--no-locale',
    ],
    building,
  );
  await rm(passwordFile, { force: true });
  try {
    await rename(building, template);
  } catch {
    // Another test file finished first; its template is as good as this one.
    await rm(building, { recursive: true, force: true });
  }
  return join(template, 'data');
}

/**
 * Starts PostgreSQL. PostgreSQL refuses to run as root, so under root the cluster belongs to the
 * `postgres` system user and the binaries run through `runuser`.
 */
async function startPostgres(): Promise<TestPostgres> {
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
  const password = TEMPLATE_PASSWORD;

  let owner: { uid: number; gid: number } | undefined;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: group } = await run('id', ['-g', 'postgres']);
    owner = { uid: Number(stdout.trim()), gid: Number(group.trim()) };
    await chown(directory, owner.uid, owner.gid);
    await chmod(directory, 0o700);
  }
  const exec = (binary: string, args: string[], cwd = directory) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', join(binDir, binary), ...args], { cwd })
      : run(join(binDir, binary), args, { cwd });

  // The port is free when picked but bound only when PostgreSQL starts; a parallel test file can take it
  // in between, so a failed start is retried on another port.
  const template = await postgresTemplate(binDir, owner, exec).catch(async (error: Error) => {
    await rm(directory, { recursive: true, force: true });
    throw new Error(`could not initialise PostgreSQL from ${binDir}: ${error.message}`);
  });
  let port = 0;
  for (let attempt = 1; ; attempt += 1) {
    port = await freePort();
    try {
      // initdb takes seconds on a busy machine; a copy of a cluster made once takes about one.
      await rm(dataDir, { recursive: true, force: true });
      await run('cp', ['-a', template, dataDir]);
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
      break;
    } catch (error) {
      if (attempt < 3) continue;
      await rm(directory, { recursive: true, force: true });
      throw new Error(`could not start PostgreSQL from ${binDir}: ${(error as Error).message}`);
    }
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
      const client = new pg.Client({ connectionString: url });
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
  let counter = 0;
  return {
    kind: 'embedded',
    postgres: undefined,
    async setup() {
      root = await mkdtemp(join(tmpdir(), 'cp-test-embedded-'));
    },
    async teardown() {
      if (root !== undefined) await rm(root, { recursive: true, force: true });
    },
    async freshOptions() {
      if (root === undefined) throw new Error('setup() first');
      counter += 1;
      // A new directory: the store creates and migrates its database on first open.
      return { dataDir: join(root, `store-${counter}`) };
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

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * How a child process runs the real store code: `node` with these arguments, in this working directory,
 * on a script that imports `STORAGE_ENTRY`. Workspace packages (core) resolve to their TypeScript sources
 * through the same export condition the tests use, so a child never depends on a prior build of them, nor
 * runs a stale one.
 */
export const STORAGE_CHILD = {
  nodeArguments: ['--conditions=@llm-control-plane/source', '--import', 'tsx'],
  cwd: packageDir,
};

/** The store's entry module, as a URL a child script can import. */
export const STORAGE_ENTRY = pathToFileURL(join(packageDir, 'src', 'storage', 'index.ts')).href;

// ---------------------------------------------------------------------------------------------------
// Route harness: the registry and user routes on a Hono app with the real authentication middleware,
// audit log, access control and fleet, over a given store.

export type RouteHarness = {
  readonly app: Hono<AppEnv>;
  readonly fleet: Fleet;
  readonly deps: AppDeps;
  readonly masterKey: string;
  /** Every log line written while the harness ran. */
  readonly logLines: string[];
  request(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown },
  ): Promise<{ status: number; body: unknown; text: string }>;
  /** Logs a stored user in and returns a bearer token. */
  login(username: string, password: string): Promise<string>;
  close(): Promise<void>;
};

export const HARNESS_MASTER_KEY = 'sk-master-harness-0123456789';
export const HARNESS_CONFIG_CREDENTIAL = 'sk-config-worker-credential-abcdef';

export function harnessConfig(generalSettings: Record<string, unknown> = {}): ControlPlaneConfig {
  return ControlPlaneConfigSchema.parse({
    worker_registry: [
      {
        worker_id: 'config-a',
        name: 'Config A',
        url: 'http://127.0.0.1:9',
        api_key: HARNESS_CONFIG_CREDENTIAL,
        labels: { env: 'prod' },
      },
    ],
    general_settings: { master_key: HARNESS_MASTER_KEY, ...generalSettings },
  });
}

export function startRouteHarness(options: {
  store: ControlPlaneStore;
  config?: ControlPlaneConfig;
  registry?: RegistryRouteOptions;
  users?: UserRouteOptions;
}): RouteHarness {
  const config = options.config ?? harnessConfig();
  const logLines: string[] = [];
  const logger = createJsonLogger({ level: 'debug', write: (line) => logLines.push(line) });
  const fleet = Fleet.fromConfig(config);
  const deps: AppDeps = {
    store: options.store,
    fleet,
    config,
    audit: createAuditLog(options.store, logger),
    access,
    logger,
    relayDecisions: createRelayDecisions(),
    now: Date.now,
  };
  const settings = resolveAuthSettings(config, {});
  if ('problem' in settings) throw new Error(settings.problem);
  // A cache far longer than any test: only invalidation can make a change visible to a cached session.
  const authenticator = createAuthenticator({
    settings,
    store: options.store,
    now: Date.now,
    sessionCacheMs: 3_600_000,
  });
  const app = new Hono<AppEnv>();
  app.onError((error, context) =>
    errorResponse(context, toApiError(error), context.get('requestId') ?? 'unknown'),
  );
  app.use('*', requestIdMiddleware());
  app.use('/api/*', authenticationMiddleware(authenticator, []));
  app.route('/', workerRoutes(deps));
  app.route('/', registryRoutes(deps, options.registry));
  app.route(
    '/',
    userRoutes(deps, {
      onUserChanged: (username) => authenticator.forgetUser(username),
      ...options.users,
    }),
  );

  return {
    app,
    fleet,
    deps,
    masterKey: HARNESS_MASTER_KEY,
    logLines,
    async request(method, path, requestOptions = {}) {
      const headers: Record<string, string> = {
        authorization: `Bearer ${requestOptions.token ?? HARNESS_MASTER_KEY}`,
      };
      if (requestOptions.body !== undefined) headers['content-type'] = 'application/json';
      const response = await app.request(path, {
        method,
        headers,
        ...(requestOptions.body === undefined ? {} : { body: JSON.stringify(requestOptions.body) }),
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Not JSON: keep the text.
      }
      return { status: response.status, body, text };
    },
    async login(username, password) {
      const session = await authenticator.login(username, password);
      if (session === null) throw new Error(`login failed for ${username}`);
      return session.token;
    },
    close: () => fleet.close(),
  };
}
