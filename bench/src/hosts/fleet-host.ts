import type { WorkerRegistryEntry } from '@llm-control-plane/core';
import { Fleet } from '@llm-control-plane/sdk';
import { Agent, request } from 'undici';
import { serveHost } from './serve.js';

/**
 * The SDK's side of the fan-out benchmark: one Fleet per size over the given registry, in its own process
 * and loaded from the built `dist` as an application would load it (under tsx, the source would carry
 * esbuild's keepNames wrappers on every function).
 */

const fleets = new Map<number, Fleet>();
let entries: WorkerRegistryEntry[] = [];
/** The minimal fan-out's one keep-alive Agent, as a Fleet shares one across its workers. */
const agent = new Agent({ keepAliveTimeout: 10_000 });

export type FanOutRun = {
  wallMs: number;
  failures: number;
  workerDurations: number[];
  /** CPU time (user + system, all threads) of this process during the fan-out. */
  cpuMs: number;
};

serveHost(
  {
    start(message) {
      entries = message.entries as WorkerRegistryEntry[];
      for (const size of message.sizes as number[]) {
        fleets.set(size, Fleet.fromConfig({ worker_registry: entries.slice(0, size), general_settings: {} }));
      }
      return null;
    },
    async run(message): Promise<FanOutRun> {
      const fleet = fleets.get(Number(message.size));
      if (fleet === undefined) throw new Error(`no fleet of size ${String(message.size)}`);
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const results = await fleet.each(({ client, signal }) => client.keys.list(undefined, { signal }), {
        concurrency: Number(message.concurrency),
        timeoutMs: Number(message.timeoutMs),
      });
      const wallMs = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      return {
        wallMs,
        failures: results.filter((result) => !result.ok).length,
        workerDurations: results.map((result) => result.durationMs),
        cpuMs: (cpu.user + cpu.system) / 1000,
      };
    },
    /**
     * The floor a fan-out can reach in Node: the same GET to every worker at once through one undici Agent,
     * each body parsed as JSON, and nothing else (no deadline, validation, circuit or result rows).
     */
    async minimal(message): Promise<FanOutRun> {
      const targets = entries.slice(0, Number(message.size));
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const outcomes = await Promise.allSettled(
        targets.map(async (entry) => {
          const response = await request(`${entry.url}/key/list?return_full_object=true`, {
            headers: { authorization: `Bearer ${String(entry.api_key)}` },
            dispatcher: agent,
          });
          return response.body.json();
        }),
      );
      const wallMs = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      return {
        wallMs,
        failures: outcomes.filter((outcome) => outcome.status === 'rejected').length,
        workerDurations: [],
        cpuMs: (cpu.user + cpu.system) / 1000,
      };
    },
  },
  async () => {
    await Promise.allSettled([...fleets.values()].map((fleet) => fleet.close()));
    await agent.close();
  },
);
