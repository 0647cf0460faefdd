import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ControlPlaneConfig, WorkerRegistryEntry } from '@llm-control-plane/core';
import { type FakeWorker, type FakeWorkerOptions, startFakeWorker } from '@llm-control-plane/testkit';
import { type ControlPlane, type ControlPlaneOptions, createControlPlane } from '../../src/control-plane.js';
import { createJsonLogger } from '../../src/logger.js';
import { createMemoryStore } from './memory-store.js';

export const MASTER_KEY = 'sk-control-plane-master-key-0123456789';

/** Worker credentials contain this marker, so a leak anywhere is found with one search. */
export const CANARY = 'CANARY7f3a9c';

export function workerKey(index: number): string {
  return `sk-worker-${index}-${CANARY}-secret`;
}

export type Harness = {
  controlPlane: ControlPlane;
  workers: FakeWorker[];
  logLines: string[];
  /** Calls the app with the master key unless other headers are given. */
  request(path: string, init?: RequestInit & { auth?: string | null }): Promise<Response>;
  [Symbol.asyncDispose](): Promise<void>;
};

export type HarnessOptions = {
  workers?: number;
  /** Per-worker extra emulator options (LiteLLM version, key header...). */
  worker?: (index: number) => Partial<FakeWorkerOptions>;
  /** Per-worker extra registry fields. */
  entry?: (index: number, worker: FakeWorker) => Partial<WorkerRegistryEntry>;
  generalSettings?: Record<string, unknown>;
  controlPlane?: Partial<Omit<ControlPlaneOptions, 'config'>>;
  seed?: boolean;
  /** Use the real embedded store (slow to initialise) instead of the in-memory one. */
  embeddedStore?: boolean;
};

/** Starts fake workers on port 0, and a control plane (embedded store in a temp dir) that manages them. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const count = options.workers ?? 2;
  const workers: FakeWorker[] = [];
  for (let index = 0; index < count; index += 1) {
    workers.push(
      await startFakeWorker({
        masterKey: workerKey(index),
        name: `worker-${index}`,
        ...(options.seed === false
          ? {}
          : { seed: { keys: 3, teams: 2, users: 2, spendLogs: 20, seed: index + 1 } }),
        ...options.worker?.(index),
      }),
    );
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'cp-test-'));
  const logLines: string[] = [];
  const config: ControlPlaneConfig = {
    worker_registry: workers.map((worker, index) => ({
      worker_id: `worker-${String.fromCharCode(97 + index)}`,
      name: `Worker ${String.fromCharCode(65 + index)}`,
      url: worker.url,
      api_key: worker.masterKey,
      region: index % 2 === 0 ? 'us-east' : 'eu-west',
      labels: { env: index === 0 ? 'prod' : 'staging' },
      ...options.entry?.(index, worker),
    })),
    general_settings: { master_key: MASTER_KEY, ...options.generalSettings },
  };
  const controlPlane = await createControlPlane({
    config,
    dataDir,
    ...(options.embeddedStore ? {} : { store: createMemoryStore() }),
    uiAssetsDir: false,
    monitorIntervalMs: 60_000,
    logger: createJsonLogger({ level: 'debug', write: (line) => logLines.push(line) }),
    ...options.controlPlane,
  });
  return {
    controlPlane,
    workers,
    logLines,
    request(path, init = {}) {
      const { auth, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (auth !== null && !headers.has('authorization'))
        headers.set('authorization', `Bearer ${auth ?? MASTER_KEY}`);
      return Promise.resolve(controlPlane.app.request(path, { ...rest, headers }));
    },
    async [Symbol.asyncDispose]() {
      await controlPlane.close();
      await Promise.all(workers.map((worker) => worker.close()));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function jsonBody(value: unknown): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}
