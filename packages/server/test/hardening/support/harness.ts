import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ControlPlaneConfig, parseConfig } from '@llm-control-plane/core';
import type { FleetOptions } from '@llm-control-plane/sdk';
import { type FakeWorker, startFakeWorkers } from '@llm-control-plane/testkit';
import type { LoginThrottleOptions } from '../../../src/auth/login-throttle.js';
import {
  type ControlPlaneStore,
  createJsonLogger,
  openStore,
  type RunningControlPlane,
  startControlPlane,
} from '../../../src/index.js';

/** A fresh embedded store and its directory, removed by `close`. */
export async function openTestStore(): Promise<{
  store: ControlPlaneStore;
  dataDir: string;
  close(): Promise<void>;
}> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cp-hardening-'));
  const store = await openStore({ dataDir });
  return {
    store,
    dataDir,
    async close() {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Every worker credential starts with this, so one grep finds any of them wherever it leaks. */
export const CANARY_PREFIX = 'sk-canary';

export type HarnessOptions = {
  workers?: number;
  /** Per-worker deadline written into the registry entries (`timeout_ms`). @default 600 */
  workerTimeoutMs?: number;
  generalSettings?: Record<string, unknown>;
  fleetOptions?: FleetOptions;
  /** @default 60_000: the background monitor stays out of the way unless a test wants it. */
  monitorIntervalMs?: number;
  registryIntervalMs?: number;
  loginThrottle?: LoginThrottleOptions;
  now?: () => number;
  seed?: number | { keys?: number; teams?: number; users?: number; spendLogs?: number; seed?: number };
  /** Workers beyond `workers` that are started but not put in the registry (for runtime registry tests). */
  spareWorkers?: number;
  uiAssetsDir?: string | false;
  /** A store shared by several harnesses of one file (the caller closes it); else each opens its own. */
  store?: ControlPlaneStore;
  /** Keep log lines in `logLines` (default); long runs count them instead so memory stays flat. */
  keepLogLines?: boolean;
};

export type Harness = {
  workers: FakeWorker[];
  spares: FakeWorker[];
  workerIds: string[];
  controlPlane: RunningControlPlane;
  url: string;
  port: number;
  masterKey: string;
  /** Every line the control plane logged (debug level and up). */
  logLines: string[];
  /** Credentials of the workers: none may ever appear in a response or a log line. */
  canaries: string[];
  /** Authenticated with the master key unless `headers.authorization` is given ('' sends none). */
  api(path: string, init?: ApiInit): Promise<ApiResponse>;
  /** Exact request target and headers, bypassing URL normalisation (for traversal and Host tests). */
  raw(init: RawInit): Promise<ApiResponse>;
  login(username?: string, password?: string): Promise<{ token: string; cookie: string }>;
  close(): Promise<void>;
};

type ApiInit = { method?: string; headers?: Record<string, string>; body?: unknown; rawBody?: string };
type RawInit = { method?: string; path: string; headers?: Record<string, string>; body?: string };
export type ApiResponse = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): unknown;
  header(name: string): string | undefined;
  setCookies: string[];
};

/** Bodies seen by all harnesses of the file, so one check at the end covers every response. */
const observedBodies: { where: string; text: string; headers: string }[] = [];

export function observedResponses(): readonly { where: string; text: string; headers: string }[] {
  return observedBodies;
}

function toResponse(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  text: string,
  where: string,
): ApiResponse {
  observedBodies.push({ where, text, headers: JSON.stringify(headers) });
  if (observedBodies.length > 20_000) observedBodies.splice(0, observedBodies.length - 20_000);
  return {
    status,
    headers,
    text,
    json: () => JSON.parse(text),
    header(name) {
      const value = headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(', ') : value;
    },
    setCookies: (() => {
      const value = headers['set-cookie'];
      if (value === undefined) return [];
      return Array.isArray(value) ? value : [value];
    })(),
  };
}

/** One HTTP/1.1 request with node:http: the request target is sent byte for byte. */
function rawHttp(origin: string, init: RawInit, timeoutMs = 20_000): Promise<ApiResponse> {
  const target = new URL(origin);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: init.method ?? 'GET',
        path: init.path,
        headers: { connection: 'close', ...(init.headers ?? {}) },
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve(
            toResponse(
              response.statusCode ?? 0,
              response.headers,
              Buffer.concat(chunks).toString('utf8'),
              `${init.method ?? 'GET'} ${init.path}`,
            ),
          ),
        );
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`request to ${init.path} timed out`)));
    request.on('error', reject);
    if (init.body !== undefined) request.write(init.body);
    request.end();
  });
}

export function cookieValue(setCookies: string[], name: string): string | undefined {
  for (const line of setCookies) {
    const match = new RegExp(`^${name}=([^;]*)`).exec(line);
    if (match) return match[1];
  }
  return undefined;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const count = options.workers ?? 3;
  const spareCount = options.spareWorkers ?? 0;
  const runId = randomUUID().slice(0, 8);
  const all = await startFakeWorkers(count + spareCount, (index) => ({
    host: '127.0.0.1',
    port: 0,
    masterKey: `${CANARY_PREFIX}-${runId}-${index}-do-not-leak`,
    name: `worker ${index}`,
    seed: options.seed ?? { keys: 4, teams: 2, users: 3, spendLogs: 20, seed: index + 1 },
  }));
  const workers = all.slice(0, count);
  const spares = all.slice(count);
  const workerIds = workers.map((_worker, index) => `w${index}`);
  const masterKey = `sk-cp-admin-${runId}`;
  const configDocument = {
    worker_registry: workers.map((worker, index) => ({
      worker_id: workerIds[index],
      name: `Worker ${index}`,
      url: worker.url,
      api_key: worker.masterKey,
      region: index % 2 === 0 ? 'eu' : 'us',
      labels: { tier: index === 0 ? 'gold' : 'silver' },
      timeout_ms: options.workerTimeoutMs ?? 600,
    })),
    general_settings: { master_key: masterKey, ...(options.generalSettings ?? {}) },
  };
  const config: ControlPlaneConfig = parseConfig(JSON.stringify(configDocument), { env: {} }).config;
  const ownStore = options.store === undefined ? await openTestStore() : undefined;
  const store = options.store ?? (ownStore as { store: ControlPlaneStore }).store;
  const logLines: string[] = [];
  const controlPlane = await startControlPlane({
    config,
    port: 0,
    host: '127.0.0.1',
    store,
    env: {},
    uiAssetsDir: options.uiAssetsDir ?? false,
    logger: createJsonLogger({
      level: 'debug',
      write: (line) => {
        if (options.keepLogLines !== false) logLines.push(line);
      },
    }),
    monitorIntervalMs: options.monitorIntervalMs ?? 60_000,
    registryIntervalMs: options.registryIntervalMs ?? 1000,
    // Faults are switched between requests; each overview must ask the workers again.
    overviewCacheMs: 0,
    ...(options.fleetOptions === undefined ? {} : { fleetOptions: options.fleetOptions }),
    ...(options.loginThrottle === undefined ? {} : { loginThrottle: options.loginThrottle }),
    ...(options.now === undefined ? {} : { now: options.now }),
    shutdownGraceMs: 500,
  });
  const url = controlPlane.url;
  // The monitor's first probe runs in the background; let it finish so worker counters are quiet.
  await waitFor(
    () => controlPlane.fleet.lastHealth().size >= workers.length,
    30_000,
    'the first health probe',
  );

  const api: Harness['api'] = async (path, init = {}) => {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (headers.authorization === undefined) headers.authorization = `Bearer ${masterKey}`;
    if (headers.authorization === '') delete headers.authorization;
    let body: string | undefined;
    if (init.rawBody !== undefined) body = init.rawBody;
    else if (init.body !== undefined) body = JSON.stringify(init.body);
    if (body !== undefined && headers['content-type'] === undefined)
      headers['content-type'] = 'application/json';
    const response = await fetch(`${url}${path}`, {
      method: init.method ?? 'GET',
      headers,
      ...(body === undefined ? {} : { body }),
      redirect: 'manual',
    });
    const responseHeaders: Record<string, string | string[] | undefined> = {};
    response.headers.forEach((value, name) => {
      responseHeaders[name] = value;
    });
    const setCookies = response.headers.getSetCookie();
    if (setCookies.length > 0) responseHeaders['set-cookie'] = setCookies;
    return toResponse(
      response.status,
      responseHeaders,
      await response.text(),
      `${init.method ?? 'GET'} ${path}`,
    );
  };

  const harness: Harness = {
    workers,
    spares,
    workerIds,
    controlPlane,
    url,
    port: controlPlane.port,
    masterKey,
    logLines,
    canaries: all.map((worker) => worker.masterKey),
    api,
    raw: (init) =>
      rawHttp(url, {
        ...init,
        headers: { host: `127.0.0.1:${controlPlane.port}`, ...(init.headers ?? {}) },
      }),
    async login(username = 'admin', password = masterKey) {
      const response = await api('/api/v1/auth/login', {
        method: 'POST',
        headers: { authorization: '' },
        body: { username, password },
      });
      if (response.status !== 200) throw new Error(`login failed: ${response.status} ${response.text}`);
      const token = (response.json() as { access_token: string }).access_token;
      const cookie = cookieValue(response.setCookies, 'cp_session') ?? '';
      return { token, cookie };
    },
    async close() {
      await controlPlane.close();
      await Promise.allSettled(all.map((worker) => worker.close()));
      await ownStore?.close();
    },
  };
  return harness;
}

/** Resolves when `predicate` holds, polling every 20 ms. */
export async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
  what = 'condition',
) {
  const started = Date.now();
  while (!(await predicate())) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Expects an error envelope and returns it. */
export function envelopeOf(response: ApiResponse): {
  code: string;
  message: string;
  request_id: string;
  worker_id?: string;
} {
  const body = response.json() as {
    error?: { code: string; message: string; request_id: string; worker_id?: string };
  };
  if (body.error === undefined)
    throw new Error(`not an error envelope (${response.status}): ${response.text.slice(0, 300)}`);
  return body.error;
}
