import type { WorkerRegistryEntry } from '@llm-control-plane/core';
import type { FaultMode } from '@llm-control-plane/testkit';
import type { ProcessSample } from './hosts/serve.js';
import { type Host, startHost } from './processes.js';

/** Most fake workers one host process runs: each needs a listening socket and an accepted one (two fds). */
const WORKERS_PER_HOST = 2_500;

export const WORKER_MASTER_KEY = 'sk-bench-worker-master';
export const CONTROL_PLANE_MASTER_KEY = 'sk-bench-control-plane-master';

export type WorkerPool = {
  urls: string[];
  hosts: Host[];
  startMs: number;
  openFileLimit: number | null;
  setLatency(milliseconds: number): Promise<void>;
  requests(): Promise<number>;
  /** CPU time (user + system, microseconds) used so far by all worker processes together. */
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
};

export type WorkerPoolOptions = {
  latencyMs?: number;
  keys?: number;
  faults?: Record<number, FaultMode>;
  execArgv?: string[];
};

/** Starts `count` fake workers spread over child processes of at most 2,500 workers each. */
export async function startWorkerPool(count: number, options: WorkerPoolOptions = {}): Promise<WorkerPool> {
  const hostCount = Math.max(1, Math.ceil(count / WORKERS_PER_HOST));
  const hosts: Host[] = [];
  const stop = async () => {
    await Promise.allSettled(hosts.map((host) => host.stop()));
  };
  try {
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: hostCount }, (_, hostIndex) => {
        const first = hostIndex * WORKERS_PER_HOST;
        const size = Math.min(WORKERS_PER_HOST, count - first);
        const faults: Record<string, FaultMode> = {};
        for (const [index, mode] of Object.entries(options.faults ?? {})) {
          const local = Number(index) - first;
          if (local >= 0 && local < size) faults[String(local)] = mode;
        }
        const host = startHost('worker-host.ts', { raiseFileLimit: size > 500, execArgv: options.execArgv });
        hosts.push(host);
        return host.call<{ urls: string[]; openFileLimit: number | null }>('start', {
          count: size,
          masterKey: WORKER_MASTER_KEY,
          latencyMs: options.latencyMs ?? 0,
          keys: options.keys ?? 0,
          faults,
          namePrefix: `host${hostIndex}`,
        });
      }),
    );
    return {
      urls: answers.flatMap((answer) => answer.urls),
      hosts,
      startMs: Math.round(performance.now() - started),
      openFileLimit: answers[0]?.openFileLimit ?? null,
      async setLatency(milliseconds) {
        await Promise.all(hosts.map((host) => host.call('latency', { ms: milliseconds })));
      },
      async requests() {
        const counts = await Promise.all(hosts.map((host) => host.call<number>('requests')));
        return counts.reduce((sum, value) => sum + value, 0);
      },
      async cpuMicros() {
        const samples = await Promise.all(hosts.map((host) => host.call<ProcessSample>('sample')));
        return samples.reduce((sum, sample) => sum + sample.cpuUserMicros + sample.cpuSystemMicros, 0);
      },
      stop,
      [Symbol.asyncDispose]: stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

export function registryEntries(urls: string[], prefix = 'w'): WorkerRegistryEntry[] {
  return urls.map((url, index) => ({
    worker_id: `${prefix}${String(index).padStart(5, '0')}`,
    name: `Bench worker ${index}`,
    url,
    api_key: WORKER_MASTER_KEY,
    region: index % 2 === 0 ? 'eu' : 'us',
  }));
}
