import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '@llm-control-plane/core';
import { createJsonLogger, startControlPlane } from '../src/index.js';
import { openTestStore } from '../test/hardening/support/harness.js';

import type { keepAliveClient } from './http-client.js';

export { keepAliveClient, percentile } from './http-client.js';

export function megabytes(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

/** Full collection when node runs with --expose-gc (the soak config sets it). */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
}

export type ExternalWorker = { url: string; masterKey: string };

/**
 * Starts fake workers in a child process (through tsx, resolving workspace packages to their sources) and
 * returns them with a function that stops the process.
 */
export async function startWorkerProcess(
  count: number,
): Promise<{ workers: ExternalWorker[]; stop(): void }> {
  const script = fileURLToPath(new URL('./workers-process.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@llm-control-plane/source', script, String(count)],
    {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const workers = await new Promise<ExternalWorker[]>((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const newline = buffered.indexOf('\n');
      if (newline !== -1) resolve(JSON.parse(buffered.slice(0, newline)) as ExternalWorker[]);
    });
    child.once('exit', (code) => reject(new Error(`worker process exited with code ${code}`)));
    child.once('error', reject);
  });
  return {
    workers,
    stop() {
      child.stdin.end();
      setTimeout(() => child.kill(), 5000).unref();
    },
  };
}

/** A control plane (embedded store copied from the test template) in front of external workers. */
export async function startSoakControlPlane(workers: ExternalWorker[]) {
  const storeHandle = await openTestStore();
  const masterKey = `sk-soak-admin-${process.pid}`;
  const config = parseConfig(
    JSON.stringify({
      worker_registry: workers.map((worker, index) => ({
        worker_id: `w${index}`,
        name: `Worker ${index}`,
        url: worker.url,
        api_key: worker.masterKey,
        timeout_ms: 10_000,
      })),
      general_settings: { master_key: masterKey },
    }),
    { env: {} },
  ).config;
  let logLines = 0;
  const controlPlane = await startControlPlane({
    config,
    port: 0,
    host: '127.0.0.1',
    store: storeHandle.store,
    env: {},
    uiAssetsDir: false,
    logger: createJsonLogger({ level: 'info', write: () => (logLines += 1) }),
  });
  return {
    controlPlane,
    masterKey,
    workerIds: workers.map((_worker, index) => `w${index}`),
    logLineCount: () => logLines,
    async close() {
      await controlPlane.close();
      await storeHandle.close();
    },
  };
}

export type SoakHarness = Awaited<ReturnType<typeof startSoakControlPlane>>;

export type LoadFigures = {
  sent: number;
  completed: number;
  errors: number;
  errorSamples: string[];
  issuingMs: number;
  elapsedMs: number;
  p50: number;
  p99: number;
  max: number;
};

/**
 * Relays `rate` management calls a second for `durationMs` from a separate process (so the load generator
 * does not compete with the control plane's event loop) and returns what it measured.
 */
export function runRelayLoad(
  harness: SoakHarness,
  load: { rate: number; durationMs: number; warmUpMs: number },
): Promise<LoadFigures> {
  const script = fileURLToPath(new URL('./load-process.ts', import.meta.url));
  const plan = {
    url: harness.controlPlane.url,
    masterKey: harness.masterKey,
    workerIds: harness.workerIds,
    ...load,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(plan)], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load process exited with code ${code}`));
      else resolve(JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as LoadFigures);
    });
    child.once('error', reject);
  });
}

const SOAK_PASSWORD = 'soak session password';

/** Five stored users (viewers, operators and an admin) that the sign-in bursts use beside the built-in admin. */
export async function createSoakUsers(harness: SoakHarness): Promise<void> {
  for (const [index, role] of ['viewer', 'operator', 'viewer', 'operator', 'admin'].entries()) {
    const response = await fetch(`${harness.controlPlane.url}/api/v1/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${harness.masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ username: `soak-${index}`, password: SOAK_PASSWORD, role }),
    });
    if (response.status !== 201) throw new Error(`creating soak-${index}: ${response.status}`);
  }
}

/**
 * `count` sign-ins at once from one address, as behind a corporate proxy: every sixth as the built-in
 * admin, the others spread over the soak users. Returns each session cookie ('' when it failed).
 */
export async function signInConcurrently(
  harness: SoakHarness,
  client: ReturnType<typeof keepAliveClient>,
  count: number,
): Promise<{ cookies: string[]; errors: string[]; latencies: number[] }> {
  const base = { host: `127.0.0.1:${harness.controlPlane.port}`, 'sec-fetch-site': 'same-origin' };
  const errors: string[] = [];
  const latencies: number[] = [];
  const cookies = await Promise.all(
    Array.from({ length: count }, async (_unused, index) => {
      const started = performance.now();
      const admin = index % 6 === 5;
      const answer = await client.send(
        'POST',
        '/api/v1/auth/login',
        { ...base, 'content-type': 'application/json' },
        JSON.stringify(
          admin
            ? { username: 'admin', password: harness.masterKey }
            : { username: `soak-${index % 5}`, password: SOAK_PASSWORD },
        ),
      );
      latencies.push(performance.now() - started);
      const cookie = answer.setCookies.map((line) => /^cp_session=([^;]+)/.exec(line)?.[1]).find(Boolean);
      if (answer.status !== 200 || cookie === undefined)
        errors.push(`login ${index} → ${answer.status} ${answer.body.slice(0, 120)}`);
      return cookie ?? '';
    }),
  );
  return { cookies, errors, latencies };
}
