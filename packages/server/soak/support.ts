import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '@llm-control-plane/core';
import { createJsonLogger, startControlPlane } from '../src/index.js';
import { openTestStore } from '../test/hardening/support/harness.js';

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
