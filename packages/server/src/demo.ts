import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ControlPlaneConfig, WorkerRegistryEntry } from '@llm-control-plane/core';
import type { FakeWorker } from '@llm-control-plane/testkit';
import type { Logger } from './logger.js';
import { type RunningControlPlane, startControlPlane } from './start.js';
import type { ControlPlaneStore } from './storage/types.js';

/** Two sites run a LiteLLM without part of the admin surface, so the UI shows "not available" rows. */
const DEMO_SITES: {
  id: string;
  name: string;
  region: string;
  env: string;
  edition?: { version?: string; premium?: boolean };
}[] = [
  { id: 'us-east', name: 'US East', region: 'us-east-1', env: 'prod' },
  { id: 'eu-west', name: 'EU West', region: 'eu-west-1', env: 'prod' },
  { id: 'ap-south', name: 'AP South', region: 'ap-south-1', env: 'staging', edition: { premium: false } },
  { id: 'us-west', name: 'US West', region: 'us-west-2', env: 'staging', edition: { version: '1.66.0' } },
  { id: 'sa-east', name: 'SA East', region: 'sa-east-1', env: 'dev' },
];

function site(index: number) {
  const base = DEMO_SITES[index % DEMO_SITES.length]!;
  const round = Math.floor(index / DEMO_SITES.length);
  return round === 0 ? base : { ...base, id: `${base.id}-${round + 1}`, name: `${base.name} ${round + 1}` };
}

export type DemoOptions = {
  workers: number;
  port: number;
  host: string;
  logger: Logger;
  env: Record<string, string | undefined>;
  /** Store to use instead of the embedded one in a temporary directory. */
  store?: ControlPlaneStore;
};

export type RunningDemo = {
  controlPlane: RunningControlPlane;
  masterKey: string;
  /** Display lines: worker names, URLs and how they are managed. */
  workers: { name: string; url: string; managed: boolean; uiPassword?: string }[];
  close(): Promise<void>;
};

/**
 * Loads the worker emulator only when the demo runs: it is an optional peer dependency, so a production
 * install of the server does not carry it.
 */
async function loadTestkit(): Promise<typeof import('@llm-control-plane/testkit')> {
  try {
    return await import('@llm-control-plane/testkit');
  } catch (error) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (code === 'ERR_MODULE_NOT_FOUND' && String(message).includes('@llm-control-plane/testkit')) {
      throw new Error(
        'the demo needs the worker emulator: install it next to the server with `npm install @llm-control-plane/testkit`',
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * Starts seeded fake workers and a control plane managing them. With three or more workers the last one
 * has no stored credential, to show LiteLLM's browser-direct mode (the UI logs in to it itself).
 */
export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const { startFakeWorker } = await loadTestkit();
  const masterKey = `sk-${randomBytes(24).toString('base64url')}`;
  const controlPlaneUrl = options.port === 0 ? undefined : `http://127.0.0.1:${options.port}`;
  const workers: FakeWorker[] = [];
  const registry: WorkerRegistryEntry[] = [];
  const display: RunningDemo['workers'] = [];
  const dataDir = await mkdtemp(join(tmpdir(), 'control-plane-demo-'));
  const closeWorkers = async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    for (let index = 0; index < options.workers; index += 1) {
      const { id, name, region, env, edition } = site(index);
      const browserDirect = options.workers >= 3 && index === options.workers - 1;
      const uiPassword = browserDirect ? `${id}-demo-password` : undefined;
      const worker = await startFakeWorker({
        masterKey: `sk-${randomBytes(24).toString('base64url')}`,
        name,
        seed: { seed: index + 1 },
        ...edition,
        ...(browserDirect && controlPlaneUrl !== undefined ? { controlPlaneUrl } : {}),
        ...(uiPassword === undefined ? {} : { uiPassword }),
      });
      workers.push(worker);
      const entry: WorkerRegistryEntry = { worker_id: id, name, url: worker.url, region, labels: { env } };
      if (!browserDirect) entry.api_key = worker.masterKey;
      registry.push(entry);
      display.push({
        name,
        url: worker.url,
        managed: !browserDirect,
        ...(uiPassword === undefined ? {} : { uiPassword }),
      });
    }
    const config: ControlPlaneConfig = {
      worker_registry: registry,
      general_settings: { master_key: masterKey },
    };
    const controlPlane = await startControlPlane({
      config,
      port: options.port,
      host: options.host,
      dataDir,
      logger: options.logger,
      env: options.env,
      monitorIntervalMs: 5000,
      ...(options.store === undefined ? {} : { store: options.store }),
    });
    let closing: Promise<void> | undefined;
    return {
      controlPlane,
      masterKey,
      workers: display,
      close() {
        closing ??= controlPlane.close().finally(closeWorkers);
        return closing;
      },
    };
  } catch (error) {
    await closeWorkers();
    throw error;
  }
}
