import { type FakeWorker, type FaultMode, startFakeWorkers } from '@llm-control-plane/testkit';
import { openFileLimit } from '../processes.js';
import { processSample, serveHost } from './serve.js';

/** Fake LiteLLM workers in their own process, so their CPU is not counted as the control plane's. */

type StartRequest = {
  count: number;
  masterKey: string;
  latencyMs?: number;
  /** Keys seeded per worker. */
  keys?: number;
  /** Worker index → fault mode. */
  faults?: Record<string, FaultMode>;
  namePrefix?: string;
};

const workers: FakeWorker[] = [];

serveHost(
  {
    async start(message) {
      const request = message as unknown as StartRequest;
      const started = performance.now();
      const startedWorkers = await startFakeWorkers(request.count, (index) => ({
        host: '127.0.0.1',
        port: 0,
        masterKey: request.masterKey,
        name: `${request.namePrefix ?? 'worker'}-${index}`,
        latencyMs: request.latencyMs ?? 0,
        seed: { keys: request.keys ?? 0, teams: 0, users: 0, spendLogs: 0, seed: index + 1 },
      }));
      workers.push(...startedWorkers);
      for (const [index, mode] of Object.entries(request.faults ?? {}))
        await workers[Number(index)]?.fault(mode);
      return {
        urls: workers.map((worker) => worker.url),
        startMs: Math.round(performance.now() - started),
        openFileLimit: await openFileLimit('self'),
      };
    },
    latency(message) {
      for (const worker of workers) worker.setLatency(Number(message.ms));
      return null;
    },
    requests() {
      let total = 0;
      for (const worker of workers) total += worker.state.counters.requests;
      return total;
    },
    sample: () => processSample(),
  },
  async () => {
    await Promise.allSettled(workers.map((worker) => worker.close()));
  },
);
